package ai.omnify.server.http;

import ai.omnify.model.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure becomes {@code {"error":{"code","message"}}} here, once: handlers and services just throw. An
 * {@link ApiException} is its own answer; the service's {@link Policy} answers the failures it knows (its own exception
 * types, Javalin's 404 and 405 in its own words); anything else is a bug, logged with its stack trace and answered with
 * a 500 that reveals nothing.
 */
public final class JsonErrors {
    public static final String JSON = "application/json";
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrors.class);

    /** What one service answers for the failures it knows. */
    @FunctionalInterface
    public interface Policy {
        /**
         * The answer to {@code e}, or null when {@code e} is unexpected (a bug). Also called for Javalin's own
         * {@link HttpResponseException}s (no such route: 404, wrong method: 405, body too large: 413).
         */
        ApiException answer(Exception e, Context ctx);
    }

    private JsonErrors() {}

    /**
     * Maps every exception of the app's routes.
     *
     * @param internalErrorMessage the message of the 500 answered to unexpected failures
     */
    public static void register(RoutesConfig routes, Policy policy, String internalErrorMessage) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(internalErrorMessage, "internalErrorMessage");
        // Javalin's own responses (no route, wrong method) need their own registration
        routes.exception(HttpResponseException.class, (e, ctx) -> handle(e, ctx, policy, internalErrorMessage));
        routes.exception(Exception.class, (e, ctx) -> handle(e, ctx, policy, internalErrorMessage));
    }

    private static void handle(Exception e, Context ctx, Policy policy, String internalErrorMessage) {
        ApiException answer = e instanceof ApiException a ? a : policy.answer(e, ctx);
        if (answer != null) {
            write(ctx, answer);
            return;
        }
        if (responseGone(ctx)) {
            // an answer is already on its way (an event stream whose client left): nothing more can be written, and
            // writing would throw inside the error handling again
            LOG.debug("error after the response was committed on {} {}", ctx.method(), RouteTemplate.of(ctx), e);
            return;
        }
        LOG.error("unexpected error on {} {}", ctx.method(), RouteTemplate.of(ctx), e);
        write(ctx, 500, "internal_error", internalErrorMessage);
    }

    /** Writes {@code answer} as the response: its status, headers and error body. */
    public static void write(Context ctx, ApiException answer) {
        answer.headers().forEach(ctx::header);
        write(ctx, answer.status(), answer.code(), answer.getMessage());
    }

    public static void write(Context ctx, int status, String code, String message) {
        ctx.status(status).contentType(JSON).header("Cache-Control", "no-store").result(body(code, message));
    }

    /** {@code {"error":{"code":...,"message":...}}}; a null message is left out. */
    public static byte[] body(String code, String message) {
        ByteArrayBuilder out = new ByteArrayBuilder(128);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", code);
            if (message != null) {
                g.writeStringField("message", message);
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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
