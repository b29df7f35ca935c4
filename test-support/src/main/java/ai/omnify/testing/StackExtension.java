package ai.omnify.testing;

import ai.omnify.model.Topics;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real local stack for a test class or for each test: a fresh, migrated database and, when asked for, every
 * contract topic with a suffix of its own; both removed afterwards.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final StackExtension STACK = StackExtension.withTopics(2);
 *
 * @BeforeAll
 * static void start() {
 *     db = STACK.db();
 *     server = IngestServer.start(IngestConfig.fromEnv(STACK.serviceEnv()), ...);
 * }
 * }</pre>
 *
 * On a static field the class gets one database and one set of topics, made before its {@code @BeforeAll} methods
 * and removed after its {@code @AfterAll} methods (its {@code @Nested} classes share them). On an instance field each
 * test gets its own, made before its {@code @BeforeEach} methods and removed after its {@code @AfterEach} methods.
 * Once per run, before the first database (or topics), it checks that PostgreSQL (or Kafka) answers, and fails every
 * test that needs it with what to do when it does not. With {@code OMNIFY_KEEP_TEST_DB=true} the database and the
 * topics are kept, to look at after a failure.
 */
public final class StackExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StackExtension.class);

    private final int partitions;
    private String owner;
    private TestDatabase db;
    private String topicSuffix;
    private Topics topics;

    private StackExtension(int partitions) {
        this.partitions = partitions;
    }

    /** A database only. */
    public static StackExtension database() {
        return new StackExtension(0);
    }

    /** A database and every contract topic, each with this many partitions. */
    public static StackExtension withTopics(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
        }
        return new StackExtension(partitions);
    }

    public TestDatabase db() {
        return opened(db);
    }

    public Topics topics() {
        if (partitions == 0) {
            throw new IllegalStateException("this StackExtension makes no topics: use StackExtension.withTopics(n)");
        }
        return opened(topics);
    }

    /** The suffix of this stack's topic names: what {@code OMNIFY_TOPIC_SUFFIX} says to a service. */
    public String topicSuffix() {
        topics();
        return topicSuffix;
    }

    /**
     * The environment of a service on this stack, to add to: the application role's {@code DATABASE_URL},
     * {@code DATABASE_USER} and {@code DATABASE_PASSWORD}; with topics also {@code KAFKA_BOOTSTRAP_SERVERS} and
     * {@code OMNIFY_TOPIC_SUFFIX}.
     */
    public Map<String, String> serviceEnv() {
        Map<String, String> env = db().env(db.appConfig());
        if (partitions > 0) {
            env.put("KAFKA_BOOTSTRAP_SERVERS", TestStack.kafkaBootstrap());
            env.put("OMNIFY_TOPIC_SUFFIX", topicSuffix);
        }
        return env;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        open(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        open(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close(context);
    }

    /** Opens once: a static field is opened by its class (nested classes and tests find it open), a field by a test. */
    private void open(ExtensionContext context) {
        if (owner != null) {
            return;
        }
        StackCheck.postgres(context.getRoot().getStore(NAMESPACE));
        if (partitions > 0) {
            StackCheck.kafka(context.getRoot().getStore(NAMESPACE));
        }
        owner = context.getUniqueId();
        db = TestDatabase.create();
        if (partitions > 0) {
            topicSuffix = TestKafka.newSuffix();
            topics = TestKafka.createTopics(topicSuffix, partitions);
        }
    }

    private void close(ExtensionContext context) {
        if (!context.getUniqueId().equals(owner)) {
            return;
        }
        owner = null;
        try {
            if (topics != null && !TestDatabase.keep()) {
                TestKafka.deleteTopics(topics);
            }
        } finally {
            topics = null;
            topicSuffix = null;
            if (db != null) {
                db.close();
                db = null;
            }
        }
    }

    private static <T> T opened(T resource) {
        if (resource == null) {
            throw new IllegalStateException("the stack is not open here: a StackExtension on a static field opens "
                    + "before @BeforeAll, on an instance field before @BeforeEach");
        }
        return resource;
    }
}
