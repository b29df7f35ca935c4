package ai.omnify.api.http;

import ai.omnify.api.db.DataAccessException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure becomes {@code {"error":{"code","message"}}} here, once: handlers and services just throw. Unexpected
 * exceptions are logged with their stack trace and answered with a generic 500 that reveals nothing.
 */
public final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {}

    public static void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> Responses.error(ctx, e.status(), e.code(), e.getMessage()));
        routes.exception(HttpResponseException.class, (e, ctx) -> httpResponse(e, ctx));
        routes.exception(DataAccessException.class, (e, ctx) -> {
            if (e.unavailable()) {
                LOG.warn("database unavailable on {} {}: {}", ctx.method(), RequestObserver.route(ctx), e.getMessage());
                Responses.error(ctx, 503, "unavailable", "the database is unavailable; try again shortly");
            } else {
                unexpected(e, ctx);
            }
        });
        routes.exception(Exception.class, ErrorMapping::unexpected);
    }

    private static void httpResponse(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        switch (status) {
            case 404 -> Responses.error(ctx, 404, "not_found", "no such route: " + ctx.method() + " "
                    + QueryParams.shown(ctx.path()));
            case 405 -> Responses.error(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on "
                    + QueryParams.shown(ctx.path()));
            case 413 -> Responses.error(ctx, 413, "payload_too_large", "the request body is too large");
            case 400 -> Responses.error(ctx, 400, "bad_request", "the request is not valid");
            case 401 -> Responses.error(ctx, 401, "unauthorized", "authentication required");
            case 403 -> Responses.error(ctx, 403, "forbidden", "not allowed");
            default -> {
                if (status >= 500) {
                    LOG.error("{} on {} {}", status, ctx.method(), RequestObserver.route(ctx), e);
                    Responses.error(ctx, status, "internal_error", "internal error");
                } else {
                    Responses.error(ctx, status, "http_" + status, e.getMessage() == null ? "error" : e.getMessage());
                }
            }
        }
    }

    private static void unexpected(Exception e, Context ctx) {
        if (responseGone(ctx)) {
            // an answer is already on its way (an event stream whose client left): nothing more can be written, and
            // writing would throw inside the error handling again
            LOG.debug("error after the response was committed on {} {}", ctx.method(), RequestObserver.route(ctx), e);
            return;
        }
        LOG.error("unexpected error on {} {}", ctx.method(), RequestObserver.route(ctx), e);
        Responses.error(ctx, 500, "internal_error", "internal error");
    }

    /** True when the answer was already sent or its response recycled (Jetty throws on any use of it then). */
    private static boolean responseGone(Context ctx) {
        try {
            return ctx.res().isCommitted();
        } catch (RuntimeException e) {
            return true;
        }
    }
}
