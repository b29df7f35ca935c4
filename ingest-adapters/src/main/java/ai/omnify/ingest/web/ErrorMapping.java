package ai.omnify.ingest.web;

import ai.omnify.ingest.sink.SinkUnavailableException;
import ai.omnify.ingest.upload.BodyTooLargeException;
import ai.omnify.ingest.upload.EmptyBodyException;
import ai.omnify.ingest.upload.MalformedBodyException;
import ai.omnify.ingest.upload.UnsupportedFormatException;
import ai.omnify.server.db.DataAccessException;
import ai.omnify.server.http.ApiException;
import ai.omnify.server.http.JsonErrors;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which status, code and message each failure of the ingest service becomes: the {@link JsonErrors} policy of the
 * app, and the status the request timer counts.
 */
public final class ErrorMapping implements JsonErrors.Policy {
    public static final ErrorMapping INSTANCE = new ErrorMapping();
    public static final String INTERNAL_ERROR = "something went wrong on our side; the error was logged";
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {}

    @Override
    public ApiException answer(Exception e, Context ctx) {
        ApiException a = answer(e);
        if (a != null && a.status() == 503) {
            LOG.debug("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        }
        return a;
    }

    /** The status a failure is answered with (500 for an unexpected one). */
    public static int status(Throwable e) {
        ApiException a = answer(e);
        return a == null ? 500 : a.status();
    }

    /** The answer to a failure, or null for an unexpected one. */
    static ApiException answer(Throwable e) {
        if (e instanceof ApiException a) {
            return a;
        }
        if (e instanceof BodyTooLargeException t) {
            return new ApiException(413, "payload_too_large", t.getMessage());
        }
        if (e instanceof UnsupportedFormatException u) {
            return new ApiException(415, "unsupported_media_type", u.getMessage());
        }
        if (e instanceof EmptyBodyException || e instanceof MalformedBodyException) {
            return new ApiException(400, "bad_request", e.getMessage());
        }
        if (e instanceof SinkUnavailableException) {
            return new ApiException(503, "kafka_unavailable", "Kafka did not take the rows of this request, so nothing"
                    + " was lost on our side; retry the request");
        }
        if (e instanceof DataAccessException) {
            return new ApiException(503, "database_unavailable", "the database did not answer, so nothing was taken;"
                    + " retry");
        }
        if (e instanceof HttpResponseException h) {
            return fromJavalin(h);
        }
        if (e instanceof IOException) {
            return new ApiException(400, "bad_request", "the request body could not be read: " + e.getMessage());
        }
        return null;
    }

    private static ApiException fromJavalin(HttpResponseException h) {
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
        return new ApiException(status, code, message);
    }
}
