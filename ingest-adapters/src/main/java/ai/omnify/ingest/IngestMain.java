package ai.omnify.ingest;

import ai.omnify.config.Env;
import ai.omnify.ingest.config.IngestConfig;
import ai.omnify.ingest.platform.PlatformClients;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the ingest service: {@code java -jar ingest-adapters/target/ingest.jar}. Configuration from the environment. */
public final class IngestMain {
    private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

    private IngestMain() {}

    public static void main(String[] args) {
        IngestConfig config;
        IngestServer.Sync sync;
        try {
            config = IngestConfig.fromEnv(System.getenv());
            config.database().requirePrivatePassword(System.getenv());
            PlatformClients clients = PlatformClients.fromEnv(System.getenv());
            sync = IngestServer.Sync.fromEnv(System.getenv(), clients::reader);
        } catch (Env.ConfigException | IllegalArgumentException e) {
            LOG.error("configuration error: {}", e.getMessage());
            System.exit(2);
            return;
        }
        IngestServer server;
        try {
            server = IngestServer.start(config, sync, Clock.systemUTC());
        } catch (Env.ConfigException e) {
            LOG.error("configuration error: {}", e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("ingest stopping");
            server.close();
        }, "ingest-shutdown"));
        LOG.info("ingest listening on port {}: Kafka {}, topics {} / {} / {}, database {}, max body {} bytes",
                server.port(), config.kafkaBootstrapServers(), config.topics().adInsights(), config.topics().orders(),
                config.topics().deadLetter(), config.database().safeDescription(), config.maxBodyBytes());
    }
}
