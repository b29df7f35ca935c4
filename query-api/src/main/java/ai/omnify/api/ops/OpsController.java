package ai.omnify.api.ops;

import ai.omnify.api.http.Responses;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}: 200 {@code {"status":"ok","checks":{"database":"ok",...}}} when every check passes, else 503
 * with {@code "unavailable"} for the failing ones (the database, and what the modules add, e.g. the alert topic
 * readers); {@code GET /metrics} (Prometheus text format).
 */
public final class OpsController {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Map<String, HealthCheck> checks = new LinkedHashMap<>();
    private final PrometheusMeterRegistry registry;

    public OpsController(HealthCheck database, PrometheusMeterRegistry registry) {
        this(database, Map.of(), registry);
    }

    public OpsController(HealthCheck database, Map<String, HealthCheck> more, PrometheusMeterRegistry registry) {
        this.checks.put("database", database);
        this.checks.putAll(more);
        this.registry = registry;
    }

    public void health(Context ctx) {
        ObjectNode results = JSON.createObjectNode();
        boolean up = true;
        for (Map.Entry<String, HealthCheck> c : checks.entrySet()) {
            boolean ok = c.getValue().healthy();
            up &= ok;
            results.put(c.getKey(), ok ? "ok" : "unavailable");
        }
        ObjectNode body = JSON.createObjectNode().put("status", up ? "ok" : "unavailable");
        body.set("checks", results);
        Responses.json(ctx, up ? 200 : 503, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    public void metrics(Context ctx) {
        ctx.status(200).contentType(PROMETHEUS_TEXT).result(registry.scrape());
    }
}
