package ai.omnify.testing;

import ai.omnify.infra.LocalStack;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the integration tests find the real local stack that {@code infra/omnify test} (or {@code infra/omnify up})
 * started: Kafka at {@code KAFKA_BOOTSTRAP_SERVERS} (default 127.0.0.1:9092), PostgreSQL at {@code OMNIFY_TEST_PG}
 * (default 127.0.0.1:5432) with the roles the stack made. Each test takes a fresh database and its own topics.
 * The roles' passwords come from {@code OMNIFY_OWNER_PASSWORD}, {@code OMNIFY_APP_PASSWORD} and
 * {@code OMNIFY_PIPELINE_PASSWORD} (which {@code infra/omnify test} exports), else from the stack's state folder
 * ({@link LocalStack}), else they are the roles' names, as a stack made by an older launcher has them.
 */
public final class TestStack {
    public static final String OWNER_USER = "omnify_owner";
    public static final String OWNER_PASSWORD = password("owner", OWNER_USER);
    public static final String APP_USER = "omnify_app";
    public static final String APP_PASSWORD = password("app", APP_USER);
    public static final String PIPELINE_USER = "omnify_pipeline";
    public static final String PIPELINE_PASSWORD = password("pipeline", PIPELINE_USER);

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

    private static String password(String role, String olderLaunchersDefault) {
        return LocalStack.password(role, System.getenv(), Path.of("").toAbsolutePath()).orElse(olderLaunchersDefault);
    }

    private static String env(String name, String fallback) {
        Map<String, String> e = System.getenv();
        String v = e.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
