package ai.omnify.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Whether PostgreSQL and Kafka answer, asked once per run (the answer is kept in the run's root store), so that
 * without the stack every test fails at once with what to do, instead of each one waiting for its own timeouts.
 */
final class StackCheck {
    private static final int TIMEOUT_SECONDS = 5;

    /** The answer of one probe: {@code problem} is null when the service answered. */
    private record Probe(String problem) {}

    private StackCheck() {}

    static void postgres(ExtensionContext.Store store) {
        require(store.getOrComputeIfAbsent("postgres", k -> probePostgres(), Probe.class));
    }

    static void kafka(ExtensionContext.Store store) {
        require(store.getOrComputeIfAbsent("kafka", k -> probeKafka(), Probe.class));
    }

    private static void require(Probe probe) {
        if (probe.problem() != null) {
            throw new IllegalStateException(probe.problem() + ". The tests need the local stack: start it with "
                    + "'infra/omnify up' (or run the whole suite with 'infra/omnify test', which starts and stops it); "
                    + "OMNIFY_TEST_PG and KAFKA_BOOTSTRAP_SERVERS point them at another one");
        }
    }

    private static Probe probePostgres() {
        Properties p = new Properties();
        p.setProperty("user", TestStack.OWNER_USER);
        p.setProperty("password", TestStack.OWNER_PASSWORD);
        p.setProperty("connectTimeout", Integer.toString(TIMEOUT_SECONDS));
        p.setProperty("loginTimeout", Integer.toString(TIMEOUT_SECONDS));
        try (Connection c = DriverManager.getConnection(TestStack.jdbcUrl("postgres"), p)) {
            return new Probe(c.isValid(TIMEOUT_SECONDS) ? null : "PostgreSQL at " + TestStack.postgresHostPort()
                    + " accepted a connection but did not answer");
        } catch (SQLException e) {
            return new Probe("cannot reach PostgreSQL at " + TestStack.postgresHostPort() + " as " + TestStack.OWNER_USER
                    + " (" + e.getMessage() + ")");
        }
    }

    private static Probe probeKafka() {
        try (Admin admin = TestKafka.admin()) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_SECONDS * 1000)).nodes()
                    .get(TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
            return new Probe(null);
        } catch (ExecutionException | TimeoutException e) {
            return new Probe("Kafka at " + TestStack.kafkaBootstrap() + " did not answer within " + TIMEOUT_SECONDS
                    + " s (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe("interrupted while asking Kafka at " + TestStack.kafkaBootstrap());
        }
    }
}
