package ai.omnify.api.config;

import ai.omnify.config.DatabaseConfig;
import ai.omnify.config.Env;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the query API, read from environment variables with local defaults.
 *
 * <ul>
 *   <li>{@code QUERY_API_HOST} (default {@code 0.0.0.0}), {@code QUERY_API_PORT} (default 7070; 0 picks a free port)</li>
 *   <li>{@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD} (default role {@code omnify_app})</li>
 *   <li>{@code QUERY_API_DB_POOL_SIZE} (default 10), {@code QUERY_API_DB_CONNECT_TIMEOUT} (default 5s),
 *       {@code QUERY_API_STATEMENT_TIMEOUT} (default 15s)</li>
 *   <li>{@code QUERY_API_AUTH_CACHE_TTL} (default 30s): how long a looked-up API key is remembered (an unknown one at
 *       most 5s); a revoked key stops working within this time</li>
 *   <li>{@code QUERY_API_CACHE_TTL} (default 500ms; 0 turns it off): identical list requests of one organization
 *       within this time are answered from memory, so data shown may be this much older</li>
 *   <li>{@code QUERY_API_MAX_REQUEST_BYTES} (default 1 MiB)</li>
 * </ul>
 */
public record QueryApiConfig(
        String host,
        int port,
        DatabaseConfig database,
        int poolSize,
        Duration connectTimeout,
        Duration statementTimeout,
        Duration authCacheTtl,
        Duration pageCacheTtl,
        long maxRequestBytes) {

    public static final int DEFAULT_PORT = 7070;
    public static final String APP_ROLE = "omnify_app";

    public QueryApiConfig {
        if (host == null || host.isBlank()) {
            throw new Env.ConfigException("QUERY_API_HOST is empty: use an interface address such as 0.0.0.0 or 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new Env.ConfigException("QUERY_API_PORT=" + port + " is out of range: use 1 to 65535 (0 picks a free port)");
        }
        Objects.requireNonNull(database, "database");
        if (poolSize < 1 || poolSize > 200) {
            throw new Env.ConfigException("QUERY_API_DB_POOL_SIZE=" + poolSize + " is out of range: use 1 to 200");
        }
        requirePositive("QUERY_API_DB_CONNECT_TIMEOUT", connectTimeout, Duration.ofMillis(250), Duration.ofMinutes(5));
        requirePositive("QUERY_API_STATEMENT_TIMEOUT", statementTimeout, Duration.ofMillis(100), Duration.ofHours(1));
        if (authCacheTtl == null || authCacheTtl.isNegative() || authCacheTtl.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new Env.ConfigException("QUERY_API_AUTH_CACHE_TTL=" + authCacheTtl
                    + " is out of range: use 0s (no caching) to 10m");
        }
        if (pageCacheTtl == null || pageCacheTtl.isNegative() || pageCacheTtl.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new Env.ConfigException("QUERY_API_CACHE_TTL=" + pageCacheTtl
                    + " is out of range: use 0s (no caching) to 60s");
        }
        if (maxRequestBytes < 1024 || maxRequestBytes > 64L * 1024 * 1024) {
            throw new Env.ConfigException("QUERY_API_MAX_REQUEST_BYTES=" + maxRequestBytes
                    + " is out of range: use 1024 to 67108864");
        }
    }

    public static QueryApiConfig fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        return new QueryApiConfig(
                env.string("QUERY_API_HOST", "0.0.0.0"),
                env.integer("QUERY_API_PORT", DEFAULT_PORT, 0, 65535),
                DatabaseConfig.fromEnv(vars, APP_ROLE, APP_ROLE),
                env.integer("QUERY_API_DB_POOL_SIZE", 10, 1, 200),
                env.duration("QUERY_API_DB_CONNECT_TIMEOUT", Duration.ofSeconds(5)),
                env.duration("QUERY_API_STATEMENT_TIMEOUT", Duration.ofSeconds(15)),
                env.duration("QUERY_API_AUTH_CACHE_TTL", Duration.ofSeconds(30)),
                env.duration("QUERY_API_CACHE_TTL", Duration.ofMillis(500)),
                env.longValue("QUERY_API_MAX_REQUEST_BYTES", 1024L * 1024, 1024, 64L * 1024 * 1024));
    }

    /** The same configuration listening on another port (tests use 0). */
    public QueryApiConfig withPort(int newPort) {
        return new QueryApiConfig(host, newPort, database, poolSize, connectTimeout, statementTimeout, authCacheTtl,
                pageCacheTtl, maxRequestBytes);
    }

    /** The same configuration with another database connection (tests use a fresh database). */
    public QueryApiConfig withDatabase(DatabaseConfig newDatabase) {
        return new QueryApiConfig(host, port, newDatabase, poolSize, connectTimeout, statementTimeout, authCacheTtl,
                pageCacheTtl, maxRequestBytes);
    }

    private static void requirePositive(String name, Duration d, Duration min, Duration max) {
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new Env.ConfigException(name + "=" + d + " is out of range: use " + min.toMillis() + "ms to "
                    + max.toSeconds() + "s");
        }
    }
}
