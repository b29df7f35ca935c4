package ai.omnify.ingest.web;

import ai.omnify.ingest.auth.AuthUnavailableException;
import ai.omnify.ingest.db.DatabaseUnavailableException;
import ai.omnify.ingest.sink.SinkUnavailableException;
import ai.omnify.ingest.upload.BodyTooLargeException;
import ai.omnify.ingest.upload.EmptyBodyException;
import ai.omnify.ingest.upload.MalformedBodyException;
import ai.omnify.ingest.upload.UnsupportedFormatException;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.Map;

/** Which status, code and message each exception becomes. One place, used by the handlers and by the request timer. */
public final class ErrorMapping {

    /** A mapped error. */
    public record Mapped(int status, String code, String message, Map<String, String> headers, boolean unexpected) {}

    private ErrorMapping() {}

    public static Mapped map(Throwable e) {
        if (e instanceof ApiException a) {
            return new Mapped(a.status(), a.code(), a.getMessage(), a.headers(), false);
        }
        if (e instanceof BodyTooLargeException t) {
            return plain(413, "payload_too_large", t.getMessage());
        }
        if (e instanceof UnsupportedFormatException u) {
            return plain(415, "unsupported_media_type", u.getMessage());
        }
        if (e instanceof EmptyBodyException || e instanceof MalformedBodyException) {
            return plain(400, "bad_request", e.getMessage());
        }
        if (e instanceof SinkUnavailableException) {
            return plain(503, "kafka_unavailable", "Kafka did not take the rows of this request, so nothing was"
                    + " lost on our side; retry the request");
        }
        if (e instanceof DatabaseUnavailableException) {
            return plain(503, "database_unavailable", "the database did not answer, so nothing was taken; retry");
        }
        if (e instanceof AuthUnavailableException) {
            return plain(503, "auth_unavailable", "the API key cannot be checked right now; retry the request");
        }
        if (e instanceof HttpResponseException h) {
            return fromJavalin(h);
        }
        if (e instanceof IOException) {
            return plain(400, "bad_request", "the request body could not be read: " + e.getMessage());
        }
        return new Mapped(500, "internal_error", "something went wrong on our side; the error was logged", Map.of(), true);
    }

    private static Mapped fromJavalin(HttpResponseException h) {
        int status = h.getStatus();
        String code = switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "error";
        };
        String message = switch (status) {
            case 404 -> "no such endpoint: see POST /api/v1/ingest/{meta|google|tiktok|shopify}, POST /webhooks/shopify,"
                    + " GET|POST /webhooks/meta, GET /health, GET /metrics";
            case 405 -> "method not allowed on this path";
            default -> h.getMessage() == null || h.getMessage().isBlank() ? code.replace('_', ' ') : h.getMessage();
        };
        return plain(status, code, message);
    }

    private static Mapped plain(int status, String code, String message) {
        return new Mapped(status, code, message, Map.of(), false);
    }
}
