package ai.omnify.api.db;

import ai.omnify.api.config.QueryApiConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;

/** The connection pool of the query API. */
public final class DataSources {
    private DataSources() {}

    public static HikariDataSource pool(QueryApiConfig config, MeterRegistry registry) {
        HikariConfig h = new HikariConfig();
        h.setPoolName("query-api");
        h.setJdbcUrl(config.database().jdbcUrl());
        h.setUsername(config.database().user());
        h.setPassword(config.database().password());
        h.setMaximumPoolSize(config.poolSize());
        h.setMinimumIdle(Math.min(2, config.poolSize()));
        h.setAutoCommit(false);
        h.setConnectionTimeout(config.connectTimeout().toMillis());
        h.setValidationTimeout(Math.min(config.connectTimeout().toMillis(), 3000));
        // Start even when the database is not up yet: /health says so until it is.
        h.setInitializationFailTimeout(-1);
        h.addDataSourceProperty("ApplicationName", "omnify-query-api");
        h.addDataSourceProperty("options", "-c statement_timeout=" + config.statementTimeout().toMillis());
        h.addDataSourceProperty("tcpKeepAlive", "true");
        // numerics as text: PostgreSQL's output is already the exact plain decimal the API writes, so rows go to JSON
        // without a BigDecimal per value (RowFormat reads them with getString either way)
        h.addDataSourceProperty("binaryTransferDisable", "NUMERIC");
        if (registry != null) {
            h.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        return new HikariDataSource(h);
    }
}
