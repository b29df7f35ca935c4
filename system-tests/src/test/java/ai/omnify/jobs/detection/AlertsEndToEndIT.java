package ai.omnify.jobs.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.omnify.api.QueryApiServer;
import ai.omnify.api.alerts.AlertsModule;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.jobs.metrics.KafkaMetricsSources;
import ai.omnify.jobs.metrics.MetricsDependencies;
import ai.omnify.jobs.metrics.MetricsJob;
import ai.omnify.jobs.metrics.MetricsSettings;
import ai.omnify.jobs.metrics.MetricsSinks;
import ai.omnify.model.Ids;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.Topics;
import ai.omnify.model.alert.Alert;
import ai.omnify.simulator.brand.Campaign;
import ai.omnify.simulator.incident.Incident;
import ai.omnify.simulator.stream.FeedLine;
import ai.omnify.simulator.stream.FeedSlice;
import ai.omnify.simulator.stream.FeedStream;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import ai.omnify.testing.StackExtension;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestFlink;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end: the simulator's 90 days with every incident kind injected (organization A) go through Kafka, the
 * MetricsJob and the DetectionJob; each injected incident must come out as an alert of its kind on its channel (or
 * creative) — on the SSE stream, at the webhook (signed) and by email (critical at once, the rest in the digest) —
 * and organization B, subscribed the same way, must receive none of them.
 */
class AlertsEndToEndIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestFlink.miniCluster(4);

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withTopics(2);
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private static TestDatabase db;
    private static Topics topics;
    private static QueryApiServer api;
    private static GreenMail smtp;
    private static HttpServer hooks;
    private static final Map<String, List<String>> HOOKED = new LinkedHashMap<>();
    private static final List<Integer> STATUS = new CopyOnWriteArrayList<>();
    private static String orgA;
    private static String orgB;
    private static String keyA;
    private static String keyB;

    @BeforeAll
    static void stack() throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (HOOKED) {
                HOOKED.computeIfAbsent(ex.getRequestURI().getPath(), k -> new CopyOnWriteArrayList<>()).add(body);
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        hooks.start();
        db = STACK.db();
        orgA = db.createOrganization("Fieldhouse", "EUR", "Europe/Berlin").toString();
        orgB = db.createOrganization("Bystander", "EUR", "Europe/Berlin").toString();
        keyA = db.createApiKey(UUID.fromString(orgA), "read", "act", "admin");
        keyB = db.createApiKey(UUID.fromString(orgB), "read", "act", "admin");
        topics = STACK.topics();
        Map<String, String> env = STACK.serviceEnv();
        env.put("QUERY_API_PORT", "0");
        env.put("QUERY_API_HOST", "127.0.0.1");
        env.put("QUERY_API_DB_POOL_SIZE", "3");
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
        env.put("ALERTS_WEBHOOK_BACKOFF", "50ms");
        env.put("ALERTS_STREAM_BUFFER", "5000");
        env.put("ALERTS_SUBSCRIBER_QUEUE", "5000");
        env.put("ALERTS_DELIVERY_GROUP", "e2e-delivery-" + UUID.randomUUID());
        api = QueryApiServer.start(QueryApiConfig.fromEnv(env), env);
    }

    @AfterAll
    static void teardown() {
        if (api != null) {
            api.close();
        }
        if (hooks != null) {
            hooks.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static HttpResponse<String> call(String method, String path, String key, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    }

    /** SSE data lines of {@code event: alert}, collected in the background. */
    private static List<String> sse(String key) {
        List<String> out = new CopyOnWriteArrayList<>();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/v1/alerts/stream"))
                .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").build();
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(req, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
            STATUS.add(r.statusCode());
            try (Stream<String> lines = r.body()) {
                lines.filter(l -> l.startsWith("data:")).forEach(l -> out.add(l.substring(5).trim()));
            }
        }).exceptionally(e -> {
            STATUS.add(-1);
            e.printStackTrace();
            return null;
        });
        return out;
    }

    /** Units of EUR per unit of {@code currency}, from the seeded rates (per USD). */
    private static BigDecimal toEur(String currency) {
        BigDecimal usdEur = (BigDecimal) db.query("SELECT rate FROM fx_rates WHERE base = 'USD' AND quote = 'EUR' "
                + "ORDER BY rate_date DESC LIMIT 1").get(0).get("rate");
        if (currency.equals("EUR")) {
            return BigDecimal.ONE;
        }
        if (currency.equals("USD")) {
            return usdEur;
        }
        BigDecimal usdCur = (BigDecimal) db.query("SELECT rate FROM fx_rates WHERE base = 'USD' AND quote = ? "
                + "ORDER BY rate_date DESC LIMIT 1", currency).get(0).get("rate");
        return usdEur.divide(usdCur, MathContext.DECIMAL64);
    }

    private static String target(Incident i) {
        return i.adId() != null ? Ids.creativeId(orgA, i.platform(), i.adId()).toString()
                : Ids.channelId(orgA, i.platform(), i.campaignId()).toString();
    }

    @Test
    void injectedIncidentsArriveAsAlertsOnEveryChannelOfTheirOrganizationOnly() throws Exception {
        SimulationConfig config = SimulationConfig.of(7, 90, NOW, orgA).withStandardIncidents();
        SyntheticBrand brand = SyntheticBrand.create(config);
        List<Incident> incidents = config.incidents().all();

        // organization A: the pacing campaign's daily budget in the rules; both organizations subscribe
        Incident pacing = incidents.stream().filter(i -> i.kind().equals("budget_pacing")).findFirst().orElseThrow();
        Campaign pc = brand.catalog().campaigns().stream().filter(c -> c.campaignId().equals(pacing.campaignId()))
                .findFirst().orElseThrow();
        BigDecimal budget = pc.dailyBudget().multiply(toEur(pc.account().currency()), MathContext.DECIMAL64);
        assertThat(call("PUT", "/api/v1/alert-rules", keyA, "{\"dailyBudgets\":{\""
                + Ids.channelId(orgA, pacing.platform(), pacing.campaignId()) + "\":" + budget.toPlainString() + "}}")
                .statusCode()).isEqualTo(200);
        for (String[] s : new String[][] {{keyA, "a"}, {keyB, "b"}}) {
            int port = hooks.getAddress().getPort();
            assertThat(call("POST", "/api/v1/alert-subscriptions", s[0], "{\"type\":\"webhook\",\"url\":"
                    + "\"http://127.0.0.1:" + port + "/" + s[1] + "\"}").statusCode()).isEqualTo(201);
            assertThat(call("POST", "/api/v1/alert-subscriptions", s[0], "{\"type\":\"email\",\"email\":\"ops@"
                    + s[1] + ".example\"}").statusCode()).isEqualTo(201);
        }
        List<String> sseA = sse(keyA);
        List<String> sseB = sse(keyB);
        await().atMost(Duration.ofSeconds(10)).alias("SSE subscribers")
                .until(() -> api.module(AlertsModule.class).orElseThrow().hub().subscriberCount() == 2);
        assertThat(STATUS).containsOnly(200);

        // the jobs
        StreamExecutionEnvironment metricsEnv = TestFlink.environment(1);
        MetricsJob.build(metricsEnv,
                new KafkaMetricsSources(TestStack.kafkaBootstrap(), topics.adInsights(), topics.orders(), "e2e-metrics"),
                MetricsSinks.create(db.pipelineConfig(), TestStack.kafkaBootstrap(), topics, 500, 100),
                MetricsSettings.defaults().withDebounce(Duration.ofMillis(200)),
                MetricsDependencies.jdbc(db.pipelineConfig(), Duration.ofMinutes(5)));
        StreamExecutionEnvironment detectionEnv = TestFlink.environment(1);
        DetectionSettings d = DetectionSettings.defaults();
        DetectionJob.build(detectionEnv,
                new KafkaDetectionSources(TestStack.kafkaBootstrap(), topics.channelMetrics(), topics.alertRules(),
                        "e2e-detection"),
                DetectionSinks.create(db.pipelineConfig(), TestStack.kafkaBootstrap(), topics),
                new DetectionSettings(d.outOfOrderness(), Duration.ofSeconds(2), d.settle(), d.windowStateTtl(),
                        d.detectors(), d.fatigueOutOfOrderness(), d.dayMaturity(), d.hourMaturity()));
        JobClient metrics = metricsEnv.executeAsync("e2e-metrics");
        JobClient detection = detectionEnv.executeAsync("e2e-detection");
        try {
            // the simulator's history, as the ingest service would write it, one day after the other
            FeedStream stream = brand.stream();
            try (KafkaProducer<String, String> p = TestKafka.producer()) {
                while (stream.hasMoreHistory()) {
                    FeedSlice slice = stream.nextHistoryDay();
                    for (Platform platform : Platform.values()) {
                        for (FeedLine line : slice.lines(platform)) {
                            if (line.insight() != null) {
                                p.send(new ProducerRecord<>(topics.adInsights(), line.insight().adId(),
                                        Json.write(line.insight())));
                            } else if (line.order() != null) {
                                p.send(new ProducerRecord<>(topics.orders(), line.order().orderId(),
                                        Json.write(line.order())));
                            }
                        }
                    }
                    // day by day, as the simulator's run command sends it: the changelog stays in day order
                    p.flush();
                    Thread.sleep(400);
                }
            }

            // every injected incident: an alert of its kind on its target, from within the incident
            Map<Incident, String> expected = new LinkedHashMap<>();
            for (Incident i : incidents) {
                if (i.kind().equals("creative_fatigue") && expected.keySet().stream()
                        .anyMatch(e -> e.kind().equals("creative_fatigue"))) {
                    continue; // one incident, five days
                }
                expected.put(i, target(i));
            }
            System.err.println("E2E expected: " + expected.entrySet().stream().map(e -> e.getKey().kind() + "@"
                    + e.getValue() + " " + e.getKey().start()).toList());
            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(5)).until(() -> {
                System.err.println("E2E progress: detection " + detection.getJobStatus().get() + ", alerts " + db.query("SELECT kind, coalesce(creative_id, channel_id)"
                        + "::text AS t, since FROM alerts WHERE organization_id = ?::uuid ORDER BY since", orgA)
                        + " channel-days " + db.query("SELECT count(*) AS n, max(date) AS last FROM daily_metrics"));
                List<Map<String, Object>> rows = db.query("SELECT kind, coalesce(creative_id, channel_id)::text AS "
                        + "target FROM alerts WHERE organization_id = ?::uuid", orgA);
                return expected.entrySet().stream().allMatch(e -> rows.stream().anyMatch(r ->
                        e.getKey().kind().equals(r.get("kind")) && e.getValue().equals(r.get("target"))));
            });
            List<Alert> stored = db.query("SELECT payload::text AS p FROM alerts WHERE organization_id = ?::uuid", orgA)
                    .stream().map(r -> Json.read((String) r.get("p"), Alert.class).value()).toList();
            List<Alert> found = new ArrayList<>();
            for (Map.Entry<Incident, String> e : expected.entrySet()) {
                Incident i = e.getKey();
                Alert a = stored.stream().filter(x -> x.kind().equals(i.kind())
                        && e.getValue().equals(x.creativeId() != null ? x.creativeId() : x.channelId()))
                        .findFirst().orElseThrow();
                assertThat(a.since()).as("%s on %s", i.kind(), e.getValue())
                        .isAfterOrEqualTo(i.start().minus(Duration.ofDays(5))).isBefore(i.end().plus(Duration.ofDays(1)));
                found.add(a);
            }

            // on the live stream, at the webhook and by email
            await().atMost(Duration.ofSeconds(60)).until(() -> found.stream().allMatch(a ->
                    sseA.stream().anyMatch(s -> s.contains(a.id())) && HOOKED.getOrDefault("/a", List.of()).stream()
                            .anyMatch(s -> s.contains(a.id()))));
            Alert broken = found.stream().filter(a -> a.kind().equals("tracking_break")).findFirst().orElseThrow();
            await().atMost(Duration.ofSeconds(30)).until(() -> Stream.of(smtp.getReceivedMessages())
                    .anyMatch(m -> subject(m).contains("tracking break") && to(m).equals("ops@a.example")));
            api.module(AlertsModule.class).orElseThrow().delivery().sendDigests();
            await().atMost(Duration.ofSeconds(30)).until(() -> Stream.of(smtp.getReceivedMessages())
                    .anyMatch(m -> subject(m).contains("digest") && to(m).equals("ops@a.example")));
            assertThat(broken.severity()).isEqualTo("critical");

            // nothing for the other organization
            assertThat(sseB).isEmpty();
            assertThat(HOOKED.getOrDefault("/b", List.of())).isEmpty();
            assertThat(Stream.of(smtp.getReceivedMessages())).noneMatch(m -> to(m).equals("ops@b.example"));
            assertThat(sseA).allSatisfy(s -> assertThat(Json.read(s, Alert.class).value().orgId()).isEqualTo(orgA));
            JsonNode listB = Json.mapper().readTree(call("GET", "/api/v1/alerts", keyB, null).body());
            assertThat(listB.path("items")).isEmpty();
        } finally {
            detection.cancel().get();
            metrics.cancel().get();
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String to(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
