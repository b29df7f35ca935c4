package ai.omnify.server.http;

import java.util.Map;

/**
 * A failure the client should see: an HTTP status, a stable machine-readable code, a message for people and, rarely,
 * headers (a {@code WWW-Authenticate} challenge). Thrown anywhere (parsing, services, guards); written once as
 * {@code {"error":{"code","message"}}} by {@link JsonErrors}. It carries no stack trace: it is an answer, not a bug.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(int status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException invalidParameter(String message) {
        return new ApiException(400, "invalid_parameter", message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Headers the answer carries besides the body. */
    public Map<String, String> headers() {
        return headers;
    }
}
