package ai.omnify.jobs.detection;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.api.QueryApiServer;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.model.Json;
import ai.omnify.model.Topics;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.metrics.MetricsUpdate;
import ai.omnify.testing.StackExtension;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestFlink;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The DetectionJob end to end on the real Kafka and PostgreSQL and a MiniCluster at parallelism 2: a changelog of
 * channel days (several versions per day, out of order, one malformed row) for two organizations goes in; the
 * injected incidents of one organization come out as alerts on {@code omnify.alerts} and in the {@code alerts} table,
 * none for the other; a rules change made through {@code PUT /api/v1/alert-rules} while the job runs changes what
 * the next window raises, without a restart.
 */
class DetectionJobIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestFlink.miniCluster(2);

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withTopics(2);

    private static TestDatabase db;
    private static Topics topics;
    private static String orgA;
    private static String orgB;
    private static final String SPIKY = UUID.randomUUID().toString();
    private static final String BROKEN = UUID.randomUUID().toString();
    private static final String CLOCK = UUID.randomUUID().toString();
    private static QueryApiServer api;
    private static String adminKeyA;

    @BeforeAll
    static void stack() {
        db = STACK.db();
        orgA = db.createOrganization("Alpha", "EUR").toString();
        orgB = db.createOrganization("Beta", "EUR").toString();
        topics = STACK.topics();
        adminKeyA = db.createApiKey(UUID.fromString(orgA), "read", "admin");
        Map<String, String> env = STACK.serviceEnv();
        env.put("QUERY_API_PORT", "0");
        env.put("QUERY_API_HOST", "127.0.0.1");
        env.put("QUERY_API_DB_POOL_SIZE", "2");
        api = QueryApiServer.start(QueryApiConfig.fromEnv(env), env);
    }

    /** PUT /api/v1/alert-rules as an admin of the organization. */
    private static int putRules(String key, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/v1/alert-rules"))
                .header("Authorization", "Bearer " + key).PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @AfterAll
    static void teardown() {
        if (api != null) {
            api.close();
        }
    }

    private static void send(KafkaProducer<String, String> p, MetricsUpdate u) throws Exception {
        p.send(new ProducerRecord<>(topics.channelMetrics(), u.key(), ChangelogRows.json(u))).get();
    }

    /** Day rows of a clock channel on every partition, so the watermark passes {@code d} minus an hour. */
    private static void tick(KafkaProducer<String, String> p, LocalDate d) throws Exception {
        for (int part = 0; part < 2; part++) {
            MetricsUpdate u = ChangelogRows.channelDay(orgB, CLOCK, d, 1, 1, 1, Instant.now());
            p.send(new ProducerRecord<>(topics.channelMetrics(), part, u.key(), ChangelogRows.json(u))).get();
        }
    }

    @Test
    void incidentsBecomeAlertsAndARulesChangeAppliesToTheNextWindow() throws Exception {
        StreamExecutionEnvironment env = TestFlink.environment(2);
        DetectionSettings defaults = DetectionSettings.defaults();
        DetectionSettings settings = new DetectionSettings(Duration.ofHours(1), Duration.ofSeconds(1),
                Duration.ZERO, defaults.windowStateTtl(), defaults.detectors());
        DetectionJob.build(env,
                new KafkaDetectionSources(TestStack.kafkaBootstrap(), topics.channelMetrics(), topics.alertRules(),
                        "it-detection"),
                DetectionSinks.create(db.pipelineConfig(), TestStack.kafkaBootstrap(), topics),
                settings);
        JobClient job = env.executeAsync("detection-it");
        try (KafkaProducer<String, String> p = TestKafka.producer()) {
            LocalDate first = Windows.FIRST;
            Instant v1 = Instant.parse("2026-07-20T08:00:00Z");
            Instant v2 = v1.plusSeconds(3600);
            for (int i = 0; i < 36; i++) {
                LocalDate d = first.plusDays(i);
                for (String org : List.of(orgA, orgB)) {
                    boolean a = org.equals(orgA);
                    // day 35: channel SPIKY spends 1.6x (below the default spike threshold), BROKEN loses tracking
                    double spend = a && i == 35 ? 1.6 : 1;
                    double track = a && i == 35 ? 0 : 1;
                    // a newer version first, then an older partial one: the newest version wins
                    send(p, ChangelogRows.channelDay(org, SPIKY, d, spend, 1, spend, v2));
                    send(p, ChangelogRows.channelDay(org, SPIKY, d, 0.1, 0.1, 0.1, v1));
                    send(p, ChangelogRows.channelDay(org, BROKEN, d, 1, track, track, v2));
                }
            }
            p.send(new ProducerRecord<>(topics.channelMetrics(), "bad", "{\"orgId\":\"" + orgA
                    + "\",\"level\":\"channel\",\"grain\":\"week\"}")).get();
            tick(p, first.plusDays(37));

            List<ConsumerRecord<String, String>> alerts = TestKafka.awaitRecords(topics.alerts(),
                    rs -> rs.stream().anyMatch(r -> r.value().contains("tracking_break")), Duration.ofSeconds(90));
            assertThat(alerts).extracting(r -> Json.read(r.value(), Alert.class).value())
                    .singleElement().satisfies(a -> {
                        assertThat(a.orgId()).isEqualTo(orgA);
                        assertThat(a.kind()).isEqualTo("tracking_break");
                        assertThat(a.severity()).isEqualTo("critical");
                        assertThat(a.channelId()).isEqualTo(BROKEN);
                        assertThat(a.since()).isEqualTo(first.plusDays(35).atStartOfDay().toInstant(
                                java.time.ZoneOffset.UTC));
                        assertThat(a.expected()).isPositive();
                        assertThat(a.observed()).isZero();
                    });
            assertThat(alerts.get(0).key()).isEqualTo(orgA + ":tracking_break:channel:" + BROKEN);

            // the organization makes spend spikes count from +30%, through the API: the running job judges the
            // next window with it
            assertThat(putRules(adminKeyA, "{\"kinds\":{\"spend_spike\":{\"enabled\":true,\"threshold\":0.3}},"
                    + "\"sensitivity\":\"high\"}")).isEqualTo(200);
            p.send(new ProducerRecord<>(topics.alertRules(), orgA, "{\"orgId\":\"" + orgA
                    + "\",\"sensitivity\":\"extreme\"}")).get();
            Thread.sleep(10_000); // the rules reach the running job (a loaded machine takes seconds)
            for (String org : List.of(orgA, orgB)) {
                send(p, ChangelogRows.channelDay(org, SPIKY, first.plusDays(36), 1.6, 1, 1.6, v2));
                send(p, ChangelogRows.channelDay(org, BROKEN, first.plusDays(36), 1, 1, 1, v2));
            }
            tick(p, first.plusDays(38));

            List<Alert> all = TestKafka.awaitRecords(topics.alerts(),
                    rs -> rs.stream().anyMatch(r -> r.value().contains("spend_spike")), Duration.ofSeconds(90))
                    .stream().map(r -> Json.read(r.value(), Alert.class).value()).toList();
            assertThat(all).filteredOn(a -> a.kind().equals("spend_spike")).singleElement().satisfies(a -> {
                assertThat(a.orgId()).as("the other organization keeps the default rules").isEqualTo(orgA);
                assertThat(a.channelId()).isEqualTo(SPIKY);
                assertThat(a.windowStart()).isEqualTo(first.plusDays(36).atStartOfDay()
                        .toInstant(java.time.ZoneOffset.UTC));
            });
            assertThat(all).allMatch(a -> a.orgId().equals(orgA));

            // the table holds one row per incident
            List<Map<String, Object>> rows = db.query("SELECT organization_id::text AS org, kind, severity, status, "
                    + "explanation, revision FROM alerts ORDER BY kind");
            assertThat(rows).extracting(r -> r.get("kind")).containsExactly("spend_spike", "tracking_break");
            assertThat(rows).allSatisfy(r -> assertThat(r.get("org")).isEqualTo(orgA));
            assertThat((String) rows.get(1).get("explanation")).contains("Tracking looks broken");

            // the malformed row and the invalid rules are dead letters with their reasons
            List<ConsumerRecord<String, String>> dead = TestKafka.awaitRecords(topics.deadLetter(),
                    rs -> rs.size() >= 2, Duration.ofSeconds(30));
            assertThat(dead).extracting(ConsumerRecord::value)
                    .anySatisfy(v -> assertThat(v).contains("grain must be day or hour"))
                    .anySatisfy(v -> assertThat(v).contains("sensitivity must be low, medium or high"));
        } finally {
            job.cancel().get();
        }
    }
}
