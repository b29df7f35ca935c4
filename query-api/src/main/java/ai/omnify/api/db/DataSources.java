package ai.omnify.api.db;

import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.server.db.Pools;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/** The connection pool of the query API. */
public final class DataSources {
    private DataSources() {}

    public static HikariDataSource pool(QueryApiConfig config, MeterRegistry registry) {
        return Pools.named("query-api", "omnify-query-api")
                .size(config.poolSize(), Math.min(2, config.poolSize()))
                .autoCommit(false)
                .connectionTimeout(config.connectTimeout())
                .validationTimeout(Duration.ofMillis(Math.min(config.connectTimeout().toMillis(), 3000)))
                .driverProperty("options", "-c statement_timeout=" + config.statementTimeout().toMillis())
                .driverProperty("tcpKeepAlive", "true")
                // numerics as text: PostgreSQL's output is already the exact plain decimal the API writes, so rows go
                // to JSON without a BigDecimal per value (RowFormat reads them with getString either way)
                .driverProperty("binaryTransferDisable", "NUMERIC")
                .meters(registry)
                .open(config.database());
    }
}
