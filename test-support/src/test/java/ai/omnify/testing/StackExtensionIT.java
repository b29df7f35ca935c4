package ai.omnify.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The stack extension on the real local stack: sample test classes run through the JUnit launcher and note the
 * database and topics they were given; afterwards both must be gone.
 */
class StackExtensionIT {
    /** What one sample test saw: its database, whether it was migrated, its topic suffix (or null). */
    record Seen(String database, boolean migrated, String topicSuffix) {}

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    static void note(StackExtension stack, boolean withTopics) {
        TestDatabase db = stack.db();
        boolean migrated = !db.query("SELECT 1 FROM flyway_schema_history WHERE success").isEmpty()
                && !db.query("SELECT 1 FROM pg_tables WHERE tablename = 'organizations'").isEmpty();
        SEEN.add(new Seen(db.name(), migrated, withTopics ? stack.topicSuffix() : null));
    }

    static class PerClass {
        @RegisterExtension
        static final StackExtension STACK = StackExtension.withTopics(1);

        @Test
        void first() {
            note(STACK, true);
            assertThat(STACK.serviceEnv()).containsEntry("OMNIFY_TOPIC_SUFFIX", STACK.topicSuffix())
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", TestStack.kafkaBootstrap())
                    .containsEntry("DATABASE_URL", STACK.db().jdbcUrl())
                    .containsEntry("DATABASE_USER", TestStack.APP_USER);
        }

        @Test
        void second() {
            note(STACK, true);
        }

        @Nested
        class Inner {
            @Test
            void third() {
                note(STACK, true);
            }
        }
    }

    static class PerTest {
        @RegisterExtension
        final StackExtension stack = StackExtension.database();
        String inBeforeEach;

        @BeforeEach
        void open() {
            inBeforeEach = stack.db().name();
        }

        @Test
        void first() {
            assertThat(stack.db().name()).isEqualTo(inBeforeEach);
            assertThat(stack.serviceEnv()).doesNotContainKeys("KAFKA_BOOTSTRAP_SERVERS", "OMNIFY_TOPIC_SUFFIX");
            note(stack, false);
        }

        @Test
        void second() {
            note(stack, false);
        }
    }

    static TestExecutionSummary run(Class<?> sample) {
        SEEN.clear();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(sample))
                .build(), listener);
        return listener.getSummary();
    }

    @Test
    void aStaticFieldGivesTheClassAndItsNestedClassesOneMigratedDatabaseAndTopicsThenRemovesThem() throws Exception {
        TestExecutionSummary summary = run(PerClass.class);
        assertThat(summary.getFailures()).extracting(f -> f.getException().toString()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
        assertThat(SEEN).hasSize(3).allMatch(Seen::migrated);
        assertThat(SEEN.stream().map(Seen::database).distinct()).hasSize(1);
        assertThat(SEEN.stream().map(Seen::topicSuffix).distinct()).hasSize(1);

        assumeFalse(TestDatabase.keep(), "OMNIFY_KEEP_TEST_DB=true keeps them");
        assertGone(SEEN.get(0).database());
        String suffix = SEEN.get(0).topicSuffix();
        try (Admin admin = TestKafka.admin()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Set<String> names = admin.listTopics().names().get(15, TimeUnit.SECONDS);
                assertThat(names).noneMatch(n -> n.endsWith("." + suffix));
            });
        }
    }

    @Test
    void anInstanceFieldGivesEachTestItsOwnDatabaseAndRemovesIt() {
        TestExecutionSummary summary = run(PerTest.class);
        assertThat(summary.getFailures()).extracting(f -> f.getException().toString()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(SEEN).hasSize(2).allMatch(Seen::migrated);
        assertThat(SEEN.stream().map(Seen::database).distinct()).hasSize(2);

        assumeFalse(TestDatabase.keep(), "OMNIFY_KEEP_TEST_DB=true keeps them");
        SEEN.forEach(s -> assertGone(s.database()));
    }

    private static void assertGone(String database) {
        try (TestDatabase probe = TestDatabase.create()) {
            assertThat(probe.query("SELECT 1 FROM pg_database WHERE datname = ?", database)).as(database).isEmpty();
        }
    }
}
