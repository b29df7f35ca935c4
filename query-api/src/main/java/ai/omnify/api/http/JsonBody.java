package ai.omnify.api.http;

import ai.omnify.model.Json;
import ai.omnify.server.http.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A JSON object request body, read with typed accessors: a missing or malformed field is a 400
 * {@code invalid_body} naming the field and what it must be.
 */
public final class JsonBody {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    public static JsonBody of(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw invalid("the request needs a JSON object body");
        }
        try {
            JsonNode n = Json.mapper().readTree(bytes);
            if (n == null || !n.isObject()) {
                throw invalid("the body must be a JSON object");
            }
            return new JsonBody(n);
        } catch (IOException e) {
            throw invalid("the body is not valid JSON");
        }
    }

    public static ApiException invalid(String message) {
        return new ApiException(400, "invalid_body", message);
    }

    public Optional<String> optionalString(String name, int maxLength) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw invalid(name + " must be a string");
        }
        String s = v.asText().trim();
        if (s.length() > maxLength) {
            throw invalid(name + " is longer than " + maxLength + " characters");
        }
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    public String string(String name, int maxLength) {
        return optionalString(name, maxLength).orElseThrow(() -> invalid(name + " is required"));
    }

    /** A string kept exactly as sent (passwords: no trimming). */
    public String rawString(String name, int maxLength) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw invalid(name + " is required");
        }
        if (!v.isTextual()) {
            throw invalid(name + " must be a string");
        }
        if (v.asText().length() > maxLength) {
            throw invalid(name + " is longer than " + maxLength + " characters");
        }
        return v.asText();
    }

    public Optional<UUID> optionalUuid(String name) {
        return optionalString(name, 36).map(s -> {
            if (!UUID_TEXT.matcher(s).matches()) {
                throw invalid(name + " (" + QueryParams.shown(s) + ") is not a UUID");
            }
            return UUID.fromString(s);
        });
    }

    /** An array of strings, or empty when absent. */
    public List<String> strings(String name, int maxItems) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray() || v.size() > maxItems) {
            throw invalid(name + " must be an array of at most " + maxItems + " strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw invalid(name + " must be an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }
}
