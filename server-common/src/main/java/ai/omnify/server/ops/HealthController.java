package ai.omnify.server.ops;

import ai.omnify.model.Json;
import ai.omnify.server.http.JsonErrors;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health}: 200 {@code {"status":"ok","checks":{...}}} when every dependency answers, else 503 with
 * {@code "status":"unavailable"}; each check, by name in order, says whether it is up in the service's {@link Words}.
 */
public final class HealthController {
    private final Map<String, BooleanSupplier> checks;
    private final Words words;

    /** How a check's state is written. */
    public record Words(String up, String down) {
        /** The ingest service's words. */
        public static final Words UP_DOWN = new Words("up", "down");
        /** The query API's words, those of the overall status. */
        public static final Words OK_UNAVAILABLE = new Words("ok", "unavailable");
    }

    /** @param checks name to probe, e.g. "kafka", "database"; each probe bounded in time */
    public HealthController(Map<String, BooleanSupplier> checks, Words words) {
        this.checks = Map.copyOf(checks);
        this.words = words;
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
            results.put(name, up ? words.up() : words.down());
            allUp &= up;
        }
        ctx.status(allUp ? 200 : 503).contentType(JsonErrors.JSON).header("Cache-Control", "no-store")
                .result(Json.writeBytes(new Health(allUp ? "ok" : "unavailable", results)));
    }

    record Health(String status, Map<String, String> checks) {}
}
