package ai.omnify.testing;

import java.util.Map;

/**
 * Where the integration tests find the real local stack that {@code infra/omnify test} (or {@code infra/omnify up})
 * started: Kafka at {@code KAFKA_BOOTSTRAP_SERVERS} (default 127.0.0.1:9092), PostgreSQL at {@code OMNIFY_TEST_PG}
 * (default 127.0.0.1:5432) with the roles the stack made. Each test takes a fresh database and its own topics.
 */
public final class TestStack {
    public static final String OWNER_USER = "omnify_owner";
    public static final String OWNER_PASSWORD = "omnify_owner";
    public static final String APP_USER = "omnify_app";
    public static final String APP_PASSWORD = "omnify_app";
    public static final String PIPELINE_USER = "omnify_pipeline";
    public static final String PIPELINE_PASSWORD = "omnify_pipeline";

    private TestStack() {}

    public static String kafkaBootstrap() {
        return env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    }

    /** host:port of PostgreSQL. */
    public static String postgresHostPort() {
        return env("OMNIFY_TEST_PG", "127.0.0.1:5432");
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHostPort() + "/" + database;
    }

    private static String env(String name, String fallback) {
        Map<String, String> e = System.getenv();
        String v = e.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
