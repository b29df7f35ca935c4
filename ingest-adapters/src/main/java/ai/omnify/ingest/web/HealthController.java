package ai.omnify.ingest.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health}: 200 {@code {"status":"ok","checks":{...}}} when every dependency answers, else 503 with
 * {@code "status":"unavailable"} and which one is down.
 */
public final class HealthController {
    private final Map<String, BooleanSupplier> checks;

    /** @param checks name to probe, e.g. "kafka", "database"; each probe bounded in time */
    public HealthController(Map<String, BooleanSupplier> checks) {
        this.checks = Map.copyOf(checks);
    }

    public void health(Context ctx) {
        Map<String, String> results = new LinkedHashMap<>();
        boolean allUp = true;
        for (String name : checks.keySet().stream().sorted().toList()) {
            boolean up;
            try {
                up = checks.get(name).getAsBoolean();
            } catch (RuntimeException e) {
                up = false;
            }
            results.put(name, up ? "up" : "down");
            allUp &= up;
        }
        ctx.status(allUp ? 200 : 503).json(new Health(allUp ? "ok" : "unavailable", results));
    }

    record Health(String status, Map<String, String> checks) {}
}
