package ai.omnify.api.openapi;

import ai.omnify.api.http.Responses;
import ai.omnify.api.module.ApiModule;
import ai.omnify.model.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.router.ParsedEndpoint;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Serves {@code GET /openapi.json}, built once from the running app's router and the modules' fragments. */
public final class OpenApiRoute {
    public static final String CORE_FRAGMENT = "/openapi/omnify.json";

    private final List<JsonNode> fragments = new ArrayList<>();
    private final AtomicReference<byte[]> body = new AtomicReference<>();
    private volatile Javalin app;

    public OpenApiRoute(List<ApiModule> modules) {
        fragments.add(OpenApiDocument.fragment(CORE_FRAGMENT));
        for (ApiModule m : modules) {
            String resource = m.openApiResource();
            if (resource != null) {
                fragments.add(OpenApiDocument.fragment(resource));
            }
        }
    }

    /** The app whose routes the document lists (set right after it is created). */
    public void attach(Javalin javalin) {
        this.app = javalin;
    }

    public void handle(Context ctx) {
        byte[] b = body.get();
        if (b == null) {
            List<io.javalin.router.Endpoint> endpoints = app.unsafe.internalRouter.allHttpHandlers().stream()
                    .map((ParsedEndpoint p) -> p.endpoint).toList();
            try {
                b = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(
                        OpenApiDocument.build(endpoints, fragments, "v1"));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            body.compareAndSet(null, b);
        }
        Responses.json(ctx, 200, b);
    }
}
