package ai.omnify.api.http;

import ai.omnify.model.Json;
import ai.omnify.server.http.JsonErrors;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writing JSON responses: pages and single values (errors: {@link ai.omnify.server.http.JsonErrors}). */
public final class Responses {
    public static final String JSON = JsonErrors.JSON;

    /** Keeps null fields ("next": null, "lastSuccessAt": null), as the contract shows them. */
    private static final ObjectMapper WITH_NULLS = Json.mapper().copy()
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));

    private Responses() {}

    /** {@code value} as JSON with its null fields written out. */
    public static byte[] withNulls(Object value) {
        try {
            return WITH_NULLS.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A whole list as one page: {@code {"items": [...], "next": null}}. */
    public static void singlePage(Context ctx, List<?> items) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("next", null);
        json(ctx, 200, withNulls(page));
    }

    public static void page(Context ctx, JsonPage page) {
        ctx.status(200).contentType(JSON).header("Cache-Control", "no-store").result(page.body());
    }

    public static void json(Context ctx, int status, byte[] body) {
        ctx.status(status).contentType(JSON).header("Cache-Control", "no-store").result(body);
    }
}
