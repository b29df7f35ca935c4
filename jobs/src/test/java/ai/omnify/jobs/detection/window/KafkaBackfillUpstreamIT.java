package ai.omnify.jobs.detection.window;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Topics;
import ai.omnify.testing.StackExtension;
import ai.omnify.jobs.detection.window.BackfillUpstream.Reach;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link KafkaBackfillUpstream} on the real Kafka and PostgreSQL: the sync runs of one organization, the end offsets
 * of the MetricsJob's inputs and of the changelog, and two consumer groups' committed offsets against them.
 */
class KafkaBackfillUpstreamIT {
    @RegisterExtension
    static final StackExtension STACK = StackExtension.withTopics(2);

    private static TestDatabase db;
    private static Topics topics;
    private static String org;
    private static String otherOrg;

    @BeforeAll
    static void stack() {
        db = STACK.db();
        org = db.createOrganization("Alpha", "EUR").toString();
        otherOrg = db.createOrganization("Beta", "EUR").toString();
        topics = STACK.topics();
    }


    @Test
    void anOrganizationsRunningBackfillCountsUntilItEndsOrGoesStale() throws Exception {
        try (KafkaBackfillUpstream up = new KafkaBackfillUpstream(TestStack.kafkaBootstrap(), topics, "m", "d",
                db.pipelineConfig())) {
            assertThat(up.backfilling().contains(org)).isFalse();
            UUID run = UUID.randomUUID();
            db.execute("INSERT INTO sync_runs (id, organization_id, platform, kind, state) VALUES (?, ?, 'meta',"
                    + " 'backfill', 'running')", run, UUID.fromString(org));
            db.execute("INSERT INTO sync_runs (organization_id, platform, kind, state) VALUES (?, 'meta', 'poll',"
                    + " 'running')", UUID.fromString(otherOrg));
            assertThat(up.backfilling().contains(org)).isTrue();
            assertThat(up.backfilling().contains(otherOrg)).as("a poll is no backfill; another organization's").isFalse();
            assertThat(up.backfilling().contains("not-a-uuid")).isFalse();
            db.execute("UPDATE sync_runs SET updated_at = now() - interval '20 minutes' WHERE id = ?", run);
            assertThat(up.backfilling().contains(org)).as("no progress for 20 minutes: a run a crashed sync left").isFalse();
            db.execute("UPDATE sync_runs SET updated_at = now(), state = 'queued' WHERE id = ?", run);
            assertThat(up.backfilling().contains(org)).as("queued to resume").isTrue();
            db.execute("UPDATE sync_runs SET state = 'succeeded' WHERE id = ?", run);
            assertThat(up.backfilling().contains(org)).isFalse();
        }
    }

    @Test
    void endOffsetsAgainstWhatEachGroupHasCommitted() throws Exception {
        String metricsGroup = "metrics-" + UUID.randomUUID();
        String selfGroup = "detection-" + UUID.randomUUID();
        try (KafkaProducer<String, String> p = TestKafka.producer()) {
            for (int i = 0; i < 3; i++) {
                p.send(new ProducerRecord<>(topics.adInsights(), 0, "k" + i, "{}")).get();
            }
            for (int i = 0; i < 2; i++) {
                p.send(new ProducerRecord<>(topics.orders(), 1, "o" + i, "{}")).get();
            }
            p.send(new ProducerRecord<>(topics.channelMetrics(), 1, "c", "{}")).get();
        }
        try (KafkaBackfillUpstream up = new KafkaBackfillUpstream(TestStack.kafkaBootstrap(), topics, metricsGroup,
                selfGroup, db.pipelineConfig())) {
            Map<String, Long> inputs = up.inputEnds();
            assertThat(inputs).containsExactlyInAnyOrderEntriesOf(Map.of(topics.adInsights() + "-0", 3L,
                    topics.adInsights() + "-1", 0L, topics.orders() + "-0", 0L, topics.orders() + "-1", 2L));
            assertThat(up.metricsReached(inputs)).as("the group has committed nothing").isEqualTo(Reach.UNKNOWN);
            TestKafka.commit(metricsGroup, Map.of(new TopicPartition(topics.adInsights(), 0), 3L));
            assertThat(up.metricsReached(inputs)).isEqualTo(Reach.BEHIND);
            TestKafka.commit(metricsGroup, Map.of(new TopicPartition(topics.orders(), 1), 2L));
            assertThat(up.metricsReached(inputs)).isEqualTo(Reach.REACHED);

            Map<String, Long> changelog = up.changelogEnds();
            assertThat(changelog).containsExactlyInAnyOrderEntriesOf(Map.of(topics.channelMetrics() + "-0", 0L,
                    topics.channelMetrics() + "-1", 1L));
            assertThat(up.selfReached(changelog)).isEqualTo(Reach.UNKNOWN);
            TestKafka.commit(selfGroup, Map.of(new TopicPartition(topics.channelMetrics(), 1), 1L));
            assertThat(up.selfReached(changelog)).isEqualTo(Reach.REACHED);
        }
        try (KafkaBackfillUpstream none = new KafkaBackfillUpstream(TestStack.kafkaBootstrap(),
                Topics.withSuffix("missing-" + UUID.randomUUID()), "", selfGroup, db.pipelineConfig())) {
            assertThat(none.inputEnds()).as("topics not made yet: nothing to wait for").isEmpty();
            assertThat(none.metricsReached(Map.of("x-0", 5L))).as("MetricsJob not checked").isEqualTo(Reach.REACHED);
        }
    }
}
