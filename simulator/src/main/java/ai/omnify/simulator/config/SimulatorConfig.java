package ai.omnify.simulator.config;

import ai.omnify.config.Env;
import java.net.URI;
import java.util.Map;

/**
 * The simulator's environment, with local defaults; command-line options override it.
 *
 * @param host address the status server binds ({@code SIMULATOR_HOST}, default 127.0.0.1)
 * @param port status server port ({@code SIMULATOR_PORT}, default 7072; 0 for any free port)
 * @param ingestUrl ingest service ({@code OMNIFY_INGEST_URL}, default http://127.0.0.1:7071)
 * @param apiKey API key with the ingest scope ({@code OMNIFY_API_KEY}; no default)
 * @param orgId the key's organization ({@code OMNIFY_ORG_ID}; no default)
 */
public record SimulatorConfig(String host, int port, URI ingestUrl, String apiKey, String orgId) {
    public static final int DEFAULT_PORT = 7072;

    public static SimulatorConfig fromEnv(Map<String, String> env) {
        Env e = new Env(env);
        return new SimulatorConfig(e.string("SIMULATOR_HOST", "127.0.0.1"),
                e.integer("SIMULATOR_PORT", DEFAULT_PORT, 0, 65535),
                e.uri("OMNIFY_INGEST_URL", "http://127.0.0.1:7071"),
                e.string("OMNIFY_API_KEY", null),
                e.string("OMNIFY_ORG_ID", null));
    }
}
