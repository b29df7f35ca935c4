package ai.omnify.api.http;

import ai.omnify.server.db.DataAccessException;
import ai.omnify.server.http.ApiException;
import ai.omnify.server.http.JsonErrors;
import ai.omnify.server.http.RouteTemplate;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API's words for the failures {@link JsonErrors} cannot know: Javalin's own responses and an unreachable
 * database. Handlers and services just throw; unexpected exceptions become a generic 500 that reveals nothing.
 */
public final class ErrorMapping implements JsonErrors.Policy {
    public static final ErrorMapping INSTANCE = new ErrorMapping();
    public static final String INTERNAL_ERROR = "internal error";
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {}

    @Override
    public ApiException answer(Exception e, Context ctx) {
        if (e instanceof HttpResponseException h) {
            return httpResponse(h, ctx);
        }
        if (e instanceof DataAccessException d && d.unavailable()) {
            LOG.warn("database unavailable on {} {}: {}", ctx.method(), RouteTemplate.of(ctx), e.getMessage());
            return new ApiException(503, "unavailable", "the database is unavailable; try again shortly");
        }
        return null;
    }

    private static ApiException httpResponse(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        return switch (status) {
            case 404 -> new ApiException(404, "not_found", "no such route: " + ctx.method() + " "
                    + QueryParams.shown(ctx.path()));
            case 405 -> new ApiException(405, "method_not_allowed", ctx.method() + " is not allowed on "
                    + QueryParams.shown(ctx.path()));
            case 413 -> new ApiException(413, "payload_too_large", "the request body is too large");
            case 400 -> new ApiException(400, "bad_request", "the request is not valid");
            case 401 -> new ApiException(401, "unauthorized", "authentication required");
            case 403 -> new ApiException(403, "forbidden", "not allowed");
            default -> {
                if (status >= 500) {
                    LOG.error("{} on {} {}", status, ctx.method(), RouteTemplate.of(ctx), e);
                    yield new ApiException(status, "internal_error", INTERNAL_ERROR);
                }
                yield new ApiException(status, "http_" + status, e.getMessage() == null ? "error" : e.getMessage());
            }
        };
    }
}
