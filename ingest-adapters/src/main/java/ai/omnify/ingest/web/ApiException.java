package ai.omnify.ingest.web;

import java.util.Map;

/** An HTTP-level refusal with its status, a stable error code and a message for people. Thrown by controllers. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(int status, String code, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, Map.of("WWW-Authenticate", "Bearer realm=\"omnify\""));
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

    public Map<String, String> headers() {
        return headers;
    }
}
