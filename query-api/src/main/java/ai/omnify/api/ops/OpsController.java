package ai.omnify.api.ops;

import ai.omnify.api.http.Responses;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;

/** {@code GET /health} and {@code GET /metrics} (Prometheus text format). */
public final class OpsController {
    private static final byte[] OK = "{\"status\":\"ok\",\"checks\":{\"database\":\"ok\"}}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DOWN =
            "{\"status\":\"unavailable\",\"checks\":{\"database\":\"unavailable\"}}".getBytes(StandardCharsets.UTF_8);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HealthCheck database;
    private final PrometheusMeterRegistry registry;

    public OpsController(HealthCheck database, PrometheusMeterRegistry registry) {
        this.database = database;
        this.registry = registry;
    }

    public void health(Context ctx) {
        boolean up = database.healthy();
        Responses.json(ctx, up ? 200 : 503, up ? OK : DOWN);
    }

    public void metrics(Context ctx) {
        ctx.status(200).contentType(PROMETHEUS_TEXT).result(registry.scrape());
    }
}
