package ai.omnify.server.db;

import ai.omnify.config.DatabaseConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The services' PostgreSQL connection pools (HikariCP). Every pool starts even when the database is down (the service's
 * {@code /health} says so until it is up) and waits a bounded time for a connection; the rest is chosen per pool.
 *
 * <pre>{@code
 * HikariDataSource pool = Pools.named("ingest-db", "omnify-ingest").size(4, 1)
 *         .connectionTimeout(Duration.ofSeconds(3)).driverProperty("socketTimeout", "10").meters(registry).open(db);
 * }</pre>
 */
public final class Pools {
    private final String poolName;
    private final String applicationName;
    private int maxSize = 10;
    private int minIdle = 1;
    private Duration connectionTimeout = Duration.ofSeconds(5);
    private Duration validationTimeout = Duration.ofSeconds(2);
    private boolean autoCommit = true;
    private final Map<String, String> driverProperties = new LinkedHashMap<>();
    private MeterRegistry meters;

    private Pools(String poolName, String applicationName) {
        this.poolName = Objects.requireNonNull(poolName, "poolName");
        this.applicationName = Objects.requireNonNull(applicationName, "applicationName");
    }

    /**
     * @param poolName the pool's name in metrics and logs
     * @param applicationName what PostgreSQL shows for its connections ({@code pg_stat_activity.application_name})
     */
    public static Pools named(String poolName, String applicationName) {
        return new Pools(poolName, applicationName);
    }

    /** At most {@code max} connections, {@code minIdle} of them kept open (default 10 and 1). */
    public Pools size(int max, int minIdle) {
        this.maxSize = max;
        this.minIdle = minIdle;
        return this;
    }

    /** How long a caller waits for a connection before the pool gives up (default 5 s). */
    public Pools connectionTimeout(Duration timeout) {
        this.connectionTimeout = timeout;
        return this;
    }

    /** How long checking that a connection is alive may take (default 2 s). */
    public Pools validationTimeout(Duration timeout) {
        this.validationTimeout = timeout;
        return this;
    }

    /** Whether connections are handed out in auto-commit mode (default true). */
    public Pools autoCommit(boolean on) {
        this.autoCommit = on;
        return this;
    }

    /** A PostgreSQL JDBC driver property, e.g. {@code socketTimeout} (seconds) or {@code options}. */
    public Pools driverProperty(String name, String value) {
        driverProperties.put(name, value);
        return this;
    }

    /** Where the pool's meters go ({@code hikaricp_connections_*}); none by default. */
    public Pools meters(MeterRegistry registry) {
        this.meters = registry;
        return this;
    }

    /** The pool, connecting as {@code db} says. */
    public HikariDataSource open(DatabaseConfig db) {
        HikariConfig h = new HikariConfig();
        h.setPoolName(poolName);
        h.setJdbcUrl(db.jdbcUrl());
        h.setUsername(db.user());
        h.setPassword(db.password());
        h.setMaximumPoolSize(maxSize);
        h.setMinimumIdle(minIdle);
        h.setAutoCommit(autoCommit);
        h.setConnectionTimeout(connectionTimeout.toMillis());
        h.setValidationTimeout(validationTimeout.toMillis());
        // start even when the database is not up yet: /health says so until it is
        h.setInitializationFailTimeout(-1);
        h.addDataSourceProperty("ApplicationName", applicationName);
        driverProperties.forEach(h::addDataSourceProperty);
        if (meters != null) {
            h.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        }
        return new HikariDataSource(h);
    }
}
