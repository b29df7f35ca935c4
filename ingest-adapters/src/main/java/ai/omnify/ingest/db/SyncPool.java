package ai.omnify.ingest.db;

import ai.omnify.config.DatabaseConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The pool of the webhooks and the sync scheduler, apart from the API-key pool so a long sync never starves a request. */
public final class SyncPool {
    private SyncPool() {}

    public static HikariDataSource create(DatabaseConfig db, int size) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("ingest-sync");
        hc.setJdbcUrl(db.jdbcUrl());
        hc.setUsername(db.user());
        hc.setPassword(db.password());
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(5_000);
        hc.setValidationTimeout(2_000);
        hc.setInitializationFailTimeout(-1);
        hc.addDataSourceProperty("connectTimeout", "3");
        hc.addDataSourceProperty("socketTimeout", "30");
        hc.addDataSourceProperty("ApplicationName", "omnify-ingest-sync");
        return new HikariDataSource(hc);
    }
}
