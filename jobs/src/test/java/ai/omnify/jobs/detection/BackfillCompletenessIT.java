package ai.omnify.jobs.detection;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Topics;
import ai.omnify.jobs.detection.window.UpstreamProgress;
import ai.omnify.model.Json;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.metrics.MetricsUpdate;
import ai.omnify.testing.StackExtension;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestFlink;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A backfill whose last days' orders are still on their way through the MetricsJob when the changelog goes quiet
 * (real Kafka, PostgreSQL, the DetectionJob on a MiniCluster). With the quiet period alone those days are judged
 * without their orders: a tracking break that never was. With the backfill barrier as an input of the job
 * ({@link UpstreamProgress}) they wait until the MetricsJob's group has read its inputs and this job the changelog, take
 * the orders, and raise only the real incident (a spend spike on another channel).
 */
class BackfillCompletenessIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestFlink.miniCluster(2);

    @RegisterExtension
    static final StackExtension STACK = StackExtension.database();

    private static final int DAYS = 40;
    /** Days from here on come without their orders at first. */
    private static final int ORDERS_LATE_FROM = 30;
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final String SHOP = UUID.randomUUID().toString();
    private static final String SPIKY = UUID.randomUUID().toString();
    private static TestDatabase db;

    @BeforeAll
    static void stack() {
        db = STACK.db();
    }

    @Test
    void withTheQuietPeriodAloneDaysWhoseOrdersAreLateRaiseAFalseTrackingBreak() throws Exception {
        List<Alert> alerts = run(false);
        assertThat(alerts).extracting(Alert::kind).contains("spend_spike", "tracking_break");
    }

    @Test
    void withTheBarrierTheDaysWaitForTheirOrdersAndOnlyTheRealIncidentIsRaised() throws Exception {
        List<Alert> alerts = run(true);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("spend_spike");
            assertThat(a.channelId()).isEqualTo(SPIKY);
        });
    }

    /** One backfill through a running DetectionJob; the alerts it raised once both channels' last day closed. */
    private static List<Alert> run(boolean barrier) throws Exception {
        String org = db.createOrganization(barrier ? "With barrier" : "Quiet only", "EUR").toString();
        Topics topics = TestKafka.createTopics(2);
        String metricsGroup = "metrics-" + UUID.randomUUID();
        String selfGroup = "detection-" + UUID.randomUUID();
        StreamExecutionEnvironment env = TestFlink.environment(2);
        env.enableCheckpointing(500); // the source commits its offsets with each checkpoint
        DetectionSettings d = DetectionSettings.defaults();
        DetectionSettings settings = new DetectionSettings(d.outOfOrderness(), Duration.ofSeconds(1), d.settle(),
                d.windowStateTtl(), d.detectors(), d.fatigueOutOfOrderness(), d.dayMaturity(), d.hourMaturity(), QUIET);
        UpstreamProgress upstream = barrier ? new UpstreamProgress(TestStack.kafkaBootstrap(), topics, metricsGroup,
                selfGroup, db.pipelineConfig(), QUIET, Duration.ofMinutes(10)) : null;
        DetectionJob.build(env, new KafkaDetectionSources(TestStack.kafkaBootstrap(), topics.channelMetrics(),
                topics.alertRules(), selfGroup, upstream), DetectionSinks.create(db.pipelineConfig(),
                TestStack.kafkaBootstrap(), topics), settings);
        JobClient job = env.executeAsync("backfill-completeness-it");
        try (KafkaProducer<String, String> p = TestKafka.producer()) {
            // the store's orders of the last days are still queued ahead of the MetricsJob: its group is behind
            p.send(new ProducerRecord<>(topics.orders(), 0, "order", "{}")).get();
            TestKafka.commit(metricsGroup, Map.of(new TopicPartition(topics.orders(), 0), 0L));
            Instant now = Instant.now();
            LocalDate first = LocalDate.now().minusDays(DAYS + 5);
            for (int i = 0; i < DAYS; i++) {
                LocalDate day = first.plusDays(i);
                double orders = i < ORDERS_LATE_FROM ? 1 : 0;
                double spend = i == DAYS - 1 ? 3 : 1;
                send(p, topics, ChangelogRows.channelDay(org, SHOP, day, 1, 1, orders, now, now));
                send(p, topics, ChangelogRows.channelDay(org, SPIKY, day, spend, spend, spend, now, now));
            }
            Thread.sleep(QUIET.multipliedBy(4).toMillis());
            // then the MetricsJob reads the orders: the days get them, and its group commits past its inputs' ends
            Instant later = now.plusSeconds(5);
            for (int i = ORDERS_LATE_FROM; i < DAYS; i++) {
                send(p, topics, ChangelogRows.channelDay(org, SHOP, first.plusDays(i), 1, 1, 1, later, now));
            }
            TestKafka.commit(metricsGroup, Map.of(new TopicPartition(topics.orders(), 0), 1L));
            List<Alert> alerts = TestKafka.awaitRecords(topics.alerts(), rs -> rs.stream()
                    .anyMatch(r -> r.value().contains("spend_spike")), Duration.ofSeconds(120)).stream()
                    .map(r -> Json.read(r.value(), Alert.class).value()).toList();
            Thread.sleep(QUIET.multipliedBy(2).toMillis()); // anything the other channel raised with it
            return TestKafka.readAll(topics.alerts()).stream().map(r -> Json.read(r.value(), Alert.class).value())
                    .filter(a -> a.orgId().equals(org)).toList();
        } finally {
            job.cancel().get();
            TestKafka.deleteTopics(topics);
        }
    }

    private static void send(KafkaProducer<String, String> p, Topics topics, MetricsUpdate u) throws Exception {
        p.send(new ProducerRecord<>(topics.channelMetrics(), u.key(), ChangelogRows.json(u))).get();
    }

}
