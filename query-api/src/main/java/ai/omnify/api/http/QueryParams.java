package ai.omnify.api.http;

import ai.omnify.server.http.ApiException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Typed reading of query parameters. A blank parameter counts as absent; a malformed one is a 400
 * {@code invalid_parameter} whose message names the parameter and echoes (a shortened copy of) the value.
 */
public final class QueryParams {
    public static final int MAX_LIMIT = 5000;
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final Map<String, List<String>> params;

    private QueryParams(Map<String, List<String>> params) {
        this.params = params;
    }

    /** The query parameters of a request; a 400 when the query string is not valid percent-encoding. */
    public static QueryParams of(io.javalin.http.Context ctx) {
        String query = ctx.queryString();
        if (query != null && !isValidPercentEncoding(query)) {
            throw ApiException.invalidParameter("the query string is not valid URL encoding");
        }
        return of(ctx.queryParamMap());
    }

    static boolean isValidPercentEncoding(String query) {
        for (int i = 0; i < query.length(); i++) {
            if (query.charAt(i) == '%') {
                if (i + 2 >= query.length() || !isHex(query.charAt(i + 1)) || !isHex(query.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    public static QueryParams of(Map<String, List<String>> params) {
        return new QueryParams(params == null ? Map.of() : params);
    }

    /** The first value of a parameter, trimmed; empty when absent or blank. */
    public Optional<String> string(String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(values.get(0).trim());
    }

    public Optional<LocalDate> date(String name) {
        return string(name).map(v -> {
            if (ISO_DATE.matcher(v).matches()) {
                try {
                    return LocalDate.parse(v);
                } catch (DateTimeParseException e) {
                    // falls through to the error below
                }
            }
            throw ApiException.invalidParameter(name + " (" + shown(v) + ") is not a date (YYYY-MM-DD)");
        });
    }

    public Optional<UUID> uuid(String name) {
        return string(name).map(v -> {
            if (!UUID_TEXT.matcher(v).matches()) {
                throw ApiException.invalidParameter(name + " (" + shown(v) + ") is not a UUID");
            }
            return UUID.fromString(v);
        });
    }

    /** {@code limit}: a whole number from 1 to {@value #MAX_LIMIT}, {@code defaultLimit} when absent. */
    public int limit(int defaultLimit) {
        Optional<String> v = string("limit");
        if (v.isEmpty()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(v.get());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw ApiException.invalidParameter("limit (" + shown(v.get()) + ") is not a whole number from 1 to " + MAX_LIMIT);
    }

    /** A value out of a fixed set, compared case-insensitively and returned in lower case. */
    public Optional<String> oneOf(String name, Set<String> allowed) {
        return string(name).map(v -> {
            String lower = v.toLowerCase(java.util.Locale.ROOT);
            if (!allowed.contains(lower)) {
                throw ApiException.invalidParameter(name + " (" + shown(v) + ") is not one of "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
            return lower;
        });
    }

    /** A value echoed in an error message: at most 64 characters. */
    public static String shown(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}
