package ai.omnify.ingest.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every exception, once, to a JSON error: {@code {"error":{"code","message"}}} with a fitting status. */
public final class ErrorHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlers.class);

    private ErrorHandlers() {}

    public static void register(RoutesConfig routes) {
        // Javalin's own responses (no route: 404, wrong method: 405) need their own registration
        routes.exception(HttpResponseException.class, ErrorHandlers::handle);
        routes.exception(Exception.class, ErrorHandlers::handle);
    }

    static void handle(Exception e, Context ctx) {
        ErrorMapping.Mapped m = ErrorMapping.map(e);
        if (m.unexpected()) {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
        } else if (m.status() == 503) {
            LOG.debug("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        }
        m.headers().forEach(ctx::header);
        ctx.status(m.status()).json(ApiError.of(m.code(), m.message()));
    }
}
