package ai.omnify.ingest.db;

import ai.omnify.config.DatabaseConfig;
import ai.omnify.server.db.Pools;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * The ingest service's two pools: a small one for API keys on the request path, and one for the webhooks and the sync
 * scheduler, apart so that a long sync never starves a request.
 */
public final class IngestPools {
    private IngestPools() {}

    /** API keys: small, with short timeouts. */
    public static HikariDataSource apiKeys(DatabaseConfig db, MeterRegistry meters) {
        return Pools.named("ingest-db", "omnify-ingest").size(4, 1)
                .connectionTimeout(Duration.ofSeconds(3)).validationTimeout(Duration.ofSeconds(2))
                .driverProperty("connectTimeout", "3").driverProperty("socketTimeout", "10")
                .meters(meters).open(db);
    }

    /** Webhooks and the sync scheduler. */
    public static HikariDataSource sync(DatabaseConfig db, int size) {
        return Pools.named("ingest-sync", "omnify-ingest-sync").size(size, 1)
                .connectionTimeout(Duration.ofSeconds(5)).validationTimeout(Duration.ofSeconds(2))
                .driverProperty("connectTimeout", "3").driverProperty("socketTimeout", "30")
                .open(db);
    }
}
