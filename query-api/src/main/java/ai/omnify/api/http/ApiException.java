package ai.omnify.api.http;

/**
 * A failure the client should see: an HTTP status, a stable machine-readable code and a message for people. Thrown
 * anywhere (parsing, services); mapped once to {@code {"error":{"code","message"}}} by {@link ErrorMapping}. It
 * carries no stack trace: it is an answer, not a bug.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
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
}
