package ai.omnify.simulator.cli;

import ai.omnify.config.Env;
import ai.omnify.simulator.config.SimulatorConfig;
import ai.omnify.simulator.stream.SimulationConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** The options of {@code run}, validated. */
record RunOptions(URI ingestUrl, String apiKey, String orgId, int days, long seed, Duration tick,
        Duration restateEvery, boolean live, Path groundTruth, int batchRows, int hourlyDays, String host, int port,
        boolean incidents) {

    static final Set<String> VALUED = Set.of("--ingest-url", "--api-key", "--org-id", "--days", "--seed", "--tick",
            "--restate-every", "--ground-truth", "--batch-rows", "--hourly-days", "--port");
    static final Set<String> SWITCHES = Set.of("--no-live", "--incidents");

    static RunOptions from(Args a, Map<String, String> env) throws UsageException {
        SimulatorConfig config;
        try {
            config = SimulatorConfig.fromEnv(env);
        } catch (Env.ConfigException e) {
            throw new UsageException("run", e.getMessage());
        }
        String url = a.string("--ingest-url", config.ingestUrl().toString());
        URI ingest;
        try {
            ingest = URI.create(url);
            if (ingest.getScheme() == null || !ingest.getScheme().startsWith("http") || ingest.getHost() == null) {
                throw new IllegalArgumentException("not http");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("run", "--ingest-url " + url + " is not an http(s) URL: use e.g. "
                    + "http://127.0.0.1:7071");
        }
        String key = a.required("--api-key", config.apiKey(), "pass the organization's API key (printed by "
                + "`infra/omnify org create NAME --currency EUR`), or set OMNIFY_API_KEY");
        String org = a.required("--org-id", config.orgId(), "pass the organization id printed with the key, or set "
                + "OMNIFY_ORG_ID");
        int days = a.integer("--days", 90, 1, SimulationConfig.MAX_DAYS);
        long seed = a.longValue("--seed", 42);
        Duration tick = a.duration("--tick", Duration.ofSeconds(5), Duration.ofMillis(100));
        Duration restate = a.duration("--restate-every", Duration.ofMinutes(5), Duration.ZERO);
        String dir = a.string("--ground-truth", null);
        int batchRows = a.integer("--batch-rows", 2000, 1, 100_000);
        int hourly = a.integer("--hourly-days", 2, 0, SimulationConfig.MAX_DAYS);
        int port = a.integer("--port", config.port(), 0, 65535);
        return new RunOptions(ingest, key, org, days, seed, tick, restate, !a.has("--no-live"),
                dir == null ? null : Path.of(dir), batchRows, hourly, config.host(), port, a.has("--incidents"));
    }

    SimulationConfig simulation(Instant now) {
        SimulationConfig c = SimulationConfig.of(seed, days, now, orgId).withHourlyDays(hourlyDays);
        return incidents ? c.withStandardIncidents() : c;
    }
}
