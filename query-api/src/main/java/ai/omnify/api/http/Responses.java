package ai.omnify.api.http;

import ai.omnify.model.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writing JSON responses: pages, errors. */
public final class Responses {
    public static final String JSON = "application/json";

    private Responses() {}

    public static void page(Context ctx, JsonPage page) {
        ctx.status(200).contentType(JSON).header("Cache-Control", "no-store").result(page.body());
    }

    public static void json(Context ctx, int status, byte[] body) {
        ctx.status(status).contentType(JSON).header("Cache-Control", "no-store").result(body);
    }

    public static void error(Context ctx, int status, String code, String message) {
        json(ctx, status, errorBody(code, message));
    }

    /** {@code {"error":{"code":...,"message":...}}}. */
    public static byte[] errorBody(String code, String message) {
        ByteArrayBuilder out = new ByteArrayBuilder(128);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", code);
            g.writeStringField("message", message);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
