package ai.omnify.api;

import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.config.Env;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the query API from environment variables (see {@link QueryApiConfig}). */
public final class QueryApiMain {
    private static final Logger LOG = LoggerFactory.getLogger(QueryApiMain.class);

    private QueryApiMain() {}

    public static void main(String[] args) {
        QueryApiConfig config;
        try {
            config = QueryApiConfig.fromEnv(System.getenv());
            config.database().requirePrivatePassword(System.getenv());
        } catch (Env.ConfigException e) {
            System.err.println("query-api: " + e.getMessage());
            System.exit(2);
            return;
        }
        QueryApiServer server = QueryApiServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "query-api-shutdown"));
        LOG.info("query-api listening on {}:{}, database {}", config.host(), server.port(),
                config.database().safeDescription());
    }
}
