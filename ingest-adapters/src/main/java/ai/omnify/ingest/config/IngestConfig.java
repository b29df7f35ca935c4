package ai.omnify.ingest.config;

import ai.omnify.config.DatabaseConfig;
import ai.omnify.config.Env.ConfigException;
import ai.omnify.config.Env;
import ai.omnify.model.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the ingest service, read from the environment with local defaults.
 *
 * @param port {@code INGEST_PORT} (default 7071; 0 picks a free port)
 * @param kafkaBootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS} (default 127.0.0.1:9092)
 * @param topics from {@code OMNIFY_TOPIC_SUFFIX} (default none)
 * @param database {@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD} (default role omnify_app)
 * @param maxBodyBytes {@code INGEST_MAX_BODY_BYTES} (default 64 MiB): larger request bodies are refused with 413
 * @param kafkaDeliveryTimeout {@code INGEST_KAFKA_DELIVERY_TIMEOUT} (default 30s): how long Kafka may take to
 *     acknowledge a record before the request is answered 503
 * @param kafkaMaxBlock {@code INGEST_KAFKA_MAX_BLOCK} (default 5s): how long a send may wait for metadata or buffer
 * @param apiKeyCacheTtl {@code INGEST_API_KEY_CACHE_TTL} (default 30s): how long a found key is remembered (an unknown
 *     one at most 5s); a revoked key stops working within this time
 */
public record IngestConfig(
        int port,
        String kafkaBootstrapServers,
        Topics topics,
        DatabaseConfig database,
        long maxBodyBytes,
        Duration kafkaDeliveryTimeout,
        Duration kafkaMaxBlock,
        Duration apiKeyCacheTtl) {

    public static final int DEFAULT_PORT = 7071;
    public static final String DEFAULT_KAFKA = "127.0.0.1:9092";
    public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(5);
    public static final Duration DEFAULT_API_KEY_CACHE_TTL = Duration.ofSeconds(30);

    public IngestConfig {
        if (port < 0 || port > 65535) {
            throw new ConfigException("INGEST_PORT=" + port + " is out of range: use a port from 0 to 65535");
        }
        if (kafkaBootstrapServers == null || kafkaBootstrapServers.isBlank()) {
            throw new ConfigException("KAFKA_BOOTSTRAP_SERVERS is empty: use host:port[,host:port...], e.g. " + DEFAULT_KAFKA);
        }
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(database, "database");
        if (maxBodyBytes < 1) {
            throw new ConfigException("INGEST_MAX_BODY_BYTES=" + maxBodyBytes + " is out of range: use a positive number of bytes");
        }
        if (kafkaDeliveryTimeout == null || kafkaDeliveryTimeout.compareTo(Duration.ofSeconds(1)) < 0
                || kafkaDeliveryTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigException("INGEST_KAFKA_DELIVERY_TIMEOUT=" + kafkaDeliveryTimeout
                    + " is out of range: use a duration from 1s to 10m, e.g. 30s");
        }
        if (kafkaMaxBlock == null || kafkaMaxBlock.compareTo(Duration.ofMillis(100)) < 0
                || kafkaMaxBlock.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new ConfigException("INGEST_KAFKA_MAX_BLOCK=" + kafkaMaxBlock
                    + " is out of range: use a duration from 100ms to 5m, e.g. 5s");
        }
        if (apiKeyCacheTtl == null || apiKeyCacheTtl.isNegative() || apiKeyCacheTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException("INGEST_API_KEY_CACHE_TTL=" + apiKeyCacheTtl
                    + " is out of range: use a duration from 0s (no cache) to 1h, e.g. 30s");
        }
        kafkaBootstrapServers = kafkaBootstrapServers.trim();
    }

    /** Reads the variables above; {@code main} passes {@code System.getenv()}, tests pass {@code Map.of(...)}. */
    public static IngestConfig fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        return new IngestConfig(
                env.integer("INGEST_PORT", DEFAULT_PORT, 0, 65535),
                env.string("KAFKA_BOOTSTRAP_SERVERS", DEFAULT_KAFKA),
                Topics.fromEnv(vars),
                DatabaseConfig.fromEnv(vars, "omnify_app", "omnify_app"),
                env.longValue("INGEST_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, 1, Long.MAX_VALUE),
                env.duration("INGEST_KAFKA_DELIVERY_TIMEOUT", DEFAULT_DELIVERY_TIMEOUT),
                env.duration("INGEST_KAFKA_MAX_BLOCK", DEFAULT_MAX_BLOCK),
                env.duration("INGEST_API_KEY_CACHE_TTL", DEFAULT_API_KEY_CACHE_TTL));
    }

    public IngestConfig withPort(int newPort) {
        return new IngestConfig(newPort, kafkaBootstrapServers, topics, database, maxBodyBytes, kafkaDeliveryTimeout,
                kafkaMaxBlock, apiKeyCacheTtl);
    }

    public IngestConfig withMaxBodyBytes(long newMax) {
        return new IngestConfig(port, kafkaBootstrapServers, topics, database, newMax, kafkaDeliveryTimeout,
                kafkaMaxBlock, apiKeyCacheTtl);
    }
}
