package ai.omnify.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON codec of the wire contract: ISO-8601 dates and instants, decimals kept exact (never via double), nulls
 * left out, unknown fields ignored (so producers can add fields without breaking consumers).
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {}

    /** The shared, configured mapper. Thread-safe; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a value, or says in words what is wrong with the input (which field, what was expected). */
    public static <T> Parsed<T> read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            return Parsed.failed("empty record");
        }
        try {
            T value = MAPPER.readValue(json, type);
            return value == null ? Parsed.failed("record is null") : Parsed.ok(value);
        } catch (IOException e) {
            return Parsed.failed(describe(e));
        }
    }

    public static <T> Parsed<T> read(byte[] json, Class<T> type) {
        return read(json == null ? null : new String(json, StandardCharsets.UTF_8), type);
    }

    /**
     * Reads a value from a flat row of strings (a CSV row): empty cells are absent; {@code utm_source} or
     * {@code utm.source} become the nested {@code utm.source}.
     */
    public static <T> Parsed<T> readFlat(Map<String, String> row, Class<T> type) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (Map.Entry<String, String> cell : row.entrySet()) {
            String name = cell.getKey() == null ? "" : cell.getKey().trim();
            String value = cell.getValue() == null ? null : cell.getValue().trim();
            if (name.isEmpty() || value == null || value.isEmpty()) {
                continue;
            }
            int sep = indexOfNesting(name);
            if (sep > 0) {
                String parent = name.substring(0, sep);
                String child = name.substring(sep + 1);
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) tree.computeIfAbsent(parent, k -> new LinkedHashMap<>());
                nested.put(child, value);
            } else {
                tree.put(name, value);
            }
        }
        try {
            return Parsed.ok(MAPPER.convertValue(tree, type));
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause() instanceof IOException io ? io : e;
            return Parsed.failed(cause instanceof IOException io ? describe(io) : String.valueOf(e.getMessage()));
        }
    }

    private static int indexOfNesting(String name) {
        if (name.startsWith("utm_") || name.startsWith("utm.")) {
            return 3;
        }
        return -1;
    }

    /** A short, human explanation of a Jackson failure. */
    static String describe(IOException e) {
        Throwable root = rootCause(e);
        if (e instanceof com.fasterxml.jackson.core.JsonParseException || root instanceof com.fasterxml.jackson.core.JsonParseException) {
            com.fasterxml.jackson.core.JsonProcessingException p = (com.fasterxml.jackson.core.JsonProcessingException)
                    (e instanceof com.fasterxml.jackson.core.JsonParseException ? e : root);
            String loc = p.getLocation() == null ? "" : " at column " + p.getLocation().getColumnNr();
            return "not valid JSON" + loc + ": " + firstLine(p.getOriginalMessage());
        }
        if (e instanceof InvalidFormatException ife) {
            return "field '" + path(ife) + "': cannot read " + quote(ife.getValue()) + " as "
                    + simpleType(ife.getTargetType()) + reasonSuffix(ife);
        }
        if (e instanceof MismatchedInputException mie && !mie.getPath().isEmpty()) {
            return "field '" + path(mie) + "': expected " + simpleType(mie.getTargetType());
        }
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            String msg = root == jme ? jme.getOriginalMessage() : root.getMessage();
            return "field '" + path(jme) + "': " + firstLine(msg);
        }
        if (e instanceof JsonProcessingException jpe) {
            String loc = jpe.getLocation() == null ? "" : " at column " + jpe.getLocation().getColumnNr();
            return "not valid JSON" + loc + ": " + firstLine(jpe.getOriginalMessage());
        }
        return firstLine(e.getMessage());
    }

    private static String reasonSuffix(InvalidFormatException ife) {
        Throwable root = rootCause(ife);
        return root != ife && root.getMessage() != null ? " (" + firstLine(root.getMessage()) + ")" : "";
    }

    private static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        return switch (type.getSimpleName()) {
            case "BigDecimal", "Long", "long", "Integer", "int", "Double" -> "a number";
            case "LocalDate" -> "a date (YYYY-MM-DD)";
            case "Instant" -> "an instant (e.g. 2026-11-25T10:15:30Z)";
            case "String" -> "a string";
            case "Platform" -> "a platform (meta, google, tiktok, shopify)";
            default -> type.getSimpleName();
        };
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable input";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
