package ai.omnify.jobs.metrics.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.ingest.IngestServer;
import ai.omnify.ingest.config.IngestConfig;
import ai.omnify.jobs.metrics.KafkaMetricsSources;
import ai.omnify.jobs.metrics.MetricsDependencies;
import ai.omnify.jobs.metrics.MetricsJob;
import ai.omnify.jobs.metrics.MetricsSettings;
import ai.omnify.jobs.metrics.MetricsSinks;
import ai.omnify.jobs.runtime.JobEnvironment;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.Topics;
import ai.omnify.testing.StackExtension;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestFlink;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MetricsJob end to end, on the real Kafka and PostgreSQL and a MiniCluster at parallelism 2: a brand's data goes
 * in through the ingest HTTP endpoint — re-polls, out-of-order and late rows, duplicates, bad rows — and every
 * daily, hourly and organization row in PostgreSQL must equal a ground truth computed independently here; every bad
 * row must be in the dead-letter topic with its reason. Then the job is killed mid-stream, restored from its last
 * checkpoint, and the totals must again be exact.
 */
class MetricsJobIT {
    private static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestFlink.miniCluster(PARALLELISM);

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withTopics(4);

    @TempDir
    static Path checkpoints;

    private static TestDatabase db;
    private static Topics topics;
    private static IngestServer ingest;
    private static String orgId;
    private static IngestFeed feed;
    private static final Map<String, NavigableMap<LocalDate, BigDecimal>> RATES = new HashMap<>();

    @BeforeAll
    static void stack() {
        db = STACK.db();
        orgId = db.createOrganization("Trailhead Goods", "EUR", "Europe/Berlin").toString();
        String key = db.createApiKey(UUID.fromString(orgId), "ingest", "read");
        // rates that change during the scenario: each day converts at its own rate
        db.execute("INSERT INTO fx_rates (base, quote, rate_date, rate) VALUES ('USD','EUR','2026-11-01',0.9000), "
                + "('USD','EUR','2026-11-06',0.9500), ('GBP','EUR','2026-11-01',1.1500)");
        RATES.put("USD", new TreeMap<>(Map.of(LocalDate.of(2026, 11, 1), new BigDecimal("0.9000"),
                LocalDate.of(2026, 11, 6), new BigDecimal("0.9500"))));
        RATES.put("GBP", new TreeMap<>(Map.of(LocalDate.of(2026, 11, 1), new BigDecimal("1.1500"))));
        topics = STACK.topics();
        Map<String, String> env = STACK.serviceEnv();
        env.put("INGEST_PORT", "0");
        ingest = IngestServer.start(IngestConfig.fromEnv(env), Clock.systemUTC());
        feed = new IngestFeed("http://127.0.0.1:" + ingest.port(), key);
    }

    @AfterAll
    static void teardown() {
        if (ingest != null) {
            ingest.close();
        }
    }

    private static StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        StreamExecutionEnvironment env = TestFlink.environment(conf, PARALLELISM);
        env.enableCheckpointing(1000, CheckpointingMode.EXACTLY_ONCE);
        MetricsSettings settings = MetricsSettings.defaults()
                .withAllowedLateness(Duration.ofDays(3))   // so that day 1 is "later than the allowed lateness"
                .withDebounce(Duration.ofMillis(200))
                .withLateSettle(Duration.ofSeconds(1));
        MetricsJob.build(env,
                new KafkaMetricsSources(TestStack.kafkaBootstrap(), topics.adInsights(), topics.orders(), "metrics-it-" + orgId),
                MetricsSinks.create(db.pipelineConfig(), TestStack.kafkaBootstrap(), topics, 500, 100),
                settings, MetricsDependencies.jdbc(db.pipelineConfig(), Duration.ofMinutes(5)));
        return env;
    }

    @Test
    void theStoredMetricsEqualTheGroundTruthBeforeAndAfterACrash() throws Exception {
        Scenario s = new Scenario(orgId, 20261125L);
        LocalDate d1 = Scenario.FIRST_DAY;
        JobClient job = environment().executeAsync("metrics-it");

        // 1. ten days of a brand's data with everything that goes wrong with it
        List<Scenario.Row> rows = new ArrayList<>(s.insights(d1, 10, List.of(d1.plusDays(8), d1.plusDays(9))));
        rows.addAll(s.orders(d1, 10, 6));
        rows.addAll(s.badRows(d1.plusDays(3)));
        java.util.Collections.shuffle(rows, s.random);
        feed.send(rows, 400);
        // records that pass the endpoint but the job must refuse: a currency without a rate; and, written straight
        // to Kafka by some other producer, garbage and an organization that does not exist
        List<Scenario.Row> noRate = List.of(new Scenario.Row("tiktok", Json.write(new ai.omnify.model.insight.AdInsight(orgId,
                Platform.TIKTOK, "7000111", "tic1", "x", "tic1a1", "x", d1.plusDays(2), null, BigDecimal.ONE, 10L, 1L,
                BigDecimal.ZERO, BigDecimal.ZERO, null, "CLP", Instant.parse("2026-11-04T00:00:00Z"), "test", null)), null));
        feed.send(noRate, 10);
        try (KafkaProducer<String, String> p = TestKafka.producer()) {
            p.send(new ProducerRecord<>(topics.adInsights(), "x", "{this is not json")).get();
            p.send(new ProducerRecord<>(topics.orders(), "y", Json.write(s.sentOrders.get(0)
                    .withOrgId("00000000-0000-4000-8000-000000000000").withEventId("stranger")))).get();
        }

        // 2. late data: a restatement of day 1 and a refund of a day-1 order, days after day 1 closed
        GroundTruth before = new GroundTruth(s, RATES);
        awaitTruth(before, "first ten days");
        Scenario.Account meta = s.accounts.get(0);
        String firstOrder = s.sentOrders.stream().filter(o -> o.createdAt().atZone(Scenario.ORG_ZONE).toLocalDate().equals(d1)
                && o.cancelledAt() == null).findFirst().orElseThrow().orderId();
        feed.send(List.of(
                s.restatement(Platform.META, meta.campaigns().get(0).id(), meta.campaigns().get(0).adIds().get(0), d1,
                        Instant.parse("2026-11-12T03:00:00Z")),
                s.refund(firstOrder, new BigDecimal("5.00"), Instant.parse("2026-11-12T04:00:00Z"))), 10);
        GroundTruth withLate = new GroundTruth(s, RATES);
        assertThat(withLate.channelDays).isNotEqualTo(before.channelDays);
        awaitTruth(withLate, "late restatement and refund");

        // 3. every bad row is in the dead-letter topic with its reason
        List<DeadLetter> deadLetters = TestKafka.readAll(topics.deadLetter()).stream()
                .map(ConsumerRecord::value).map(v -> Json.read(v, DeadLetter.class).value()).toList();
        for (Scenario.Row bad : s.badRows(d1.plusDays(3))) {
            assertThat(deadLetters).as("dead letter for " + bad.json())
                    .anySatisfy(dl -> {
                        assertThat(dl.payload().trim()).isEqualTo(bad.json());
                        assertThat(dl.reason()).contains(bad.expectedReason());
                    });
        }
        assertThat(deadLetters).extracting(DeadLetter::reason)
                .anySatisfy(r -> assertThat(r).contains("no exchange rate from CLP to EUR on or before 2026-11-03"))
                .anySatisfy(r -> assertThat(r).contains("not valid JSON"))
                .anySatisfy(r -> assertThat(r).contains("organization 00000000-0000-4000-8000-000000000000 does not exist"));

        // 4. kill the job mid-stream; restore from its last checkpoint; the totals must be exact again
        List<Scenario.Row> more = new ArrayList<>(s.insights(d1.plusDays(10), 2, List.of(d1.plusDays(11))));
        more.addAll(s.orders(d1.plusDays(10), 2, 6));
        java.util.Collections.shuffle(more, s.random);
        int half = more.size() / 2;
        feed.send(more.subList(0, half), 200);
        long checkpointsBefore = completedCheckpoints();
        CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> {
            try {
                feed.send(more.subList(half, more.size()), 50);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitCheckpointAfter(checkpointsBefore);
        job.cancel().get();
        String last = JobEnvironment.latestCheckpoint(checkpoints.toUri().toString()).orElseThrow();
        rest.get();

        StreamExecutionEnvironment env = environment();
        StreamGraph graph = env.getStreamGraph();
        graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(last, false));
        JobClient restored = env.executeAsync(graph);
        awaitTruth(new GroundTruth(s, RATES), "after restore from " + last);
        restored.cancel().get();

        // 5. a start without any checkpoint (state lost): new data for days already stored must be merged into them
        StreamExecutionEnvironment fresh = environment();
        JobClient freshJob = fresh.executeAsync("metrics-it-without-checkpoint");
        List<Scenario.Row> afterLoss = new ArrayList<>();
        for (Scenario.Campaign c : s.accounts.get(2).campaigns()) {
            afterLoss.add(s.restatement(Platform.TIKTOK, c.id(), c.adIds().get(1), d1.plusDays(9), Instant.parse("2026-11-13T05:00:00Z")));
        }
        afterLoss.addAll(s.orders(d1.plusDays(10), 1, 3));
        feed.send(afterLoss, 50);
        awaitTruth(new GroundTruth(s, RATES), "after a start without a checkpoint");
        freshJob.cancel().get();
    }

    private static void awaitTruth(GroundTruth truth, String stage) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        List<String> diff;
        do {
            StoredTables stored = StoredTables.read(db, orgId);
            diff = new ArrayList<>();
            diff.addAll(GroundTruth.diff("daily_metrics", truth.channelDays, stored.channelDays));
            diff.addAll(GroundTruth.diff("hourly_metrics", truth.channelHours, stored.channelHours));
            diff.addAll(GroundTruth.diff("creative_daily_metrics", truth.creativeDays, stored.creativeDays));
            diff.addAll(GroundTruth.diff("org_daily_metrics", truth.orgDays, stored.orgDays));
            if (diff.isEmpty()) {
                return;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError(stage + ": " + diff.size() + " rows differ from the ground truth, e.g.\n"
                + String.join("\n", diff.subList(0, Math.min(15, diff.size()))));
    }

    private static long completedCheckpoints() {
        Optional<String> last = JobEnvironment.latestCheckpoint(checkpoints.toUri().toString());
        return last.map(p -> Long.parseLong(p.replaceAll(".*chk-(\\d+)/?$", "$1"))).orElse(0L);
    }

    private static void awaitCheckpointAfter(long n) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (completedCheckpoints() <= n + 1) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no checkpoint completed after " + n);
            }
            Thread.sleep(100);
        }
    }
}
