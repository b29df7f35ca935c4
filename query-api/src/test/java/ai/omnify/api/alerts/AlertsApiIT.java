package ai.omnify.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.omnify.api.QueryApiServer;
import ai.omnify.api.TestHttp;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.model.Json;
import ai.omnify.model.Topics;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.alert.AlertRules;
import ai.omnify.testing.StackExtension;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestKafka;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alerts routes on the real PostgreSQL and Kafka: rules (admin only, validated, stored and published), the list
 * (filters, paging, tenant isolation), acknowledgement (act scope), and the live stream over SSE (with Last-Event-ID
 * resume) and WebSocket, each subscriber seeing only its own organization's alerts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsApiIT {
    @RegisterExtension
    static final StackExtension STACK = StackExtension.withTopics(2);

    private TestDatabase db;
    private Topics topics;
    private QueryApiServer server;
    private TestHttp http;
    private UUID orgA;
    private UUID orgB;
    private String adminA;
    private String viewerA;
    private String memberB;
    private int port;

    @BeforeAll
    void start() {
        db = STACK.db();
        orgA = db.createOrganization("Alpha", "EUR");
        orgB = db.createOrganization("Beta", "USD");
        adminA = db.createApiKey(orgA, "read", "act", "admin");
        viewerA = db.createApiKey(orgA, "read");
        memberB = db.createApiKey(orgB, "read", "act");
        topics = STACK.topics();
        Map<String, String> env = STACK.serviceEnv();
        env.put("QUERY_API_PORT", "0");
        env.put("QUERY_API_HOST", "127.0.0.1");
        env.put("QUERY_API_DB_POOL_SIZE", "4");
        server = QueryApiServer.start(QueryApiConfig.fromEnv(env), env);
        port = server.port();
        http = new TestHttp(port);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestHttp.Response put(String path, String key, String body) {
        return http.send("PUT", path, key, HttpRequest.BodyPublishers.ofString(body));
    }

    private TestHttp.Response post(String path, String key) {
        return http.send("POST", path, key, HttpRequest.BodyPublishers.noBody());
    }

    @Test
    void rulesAreAdminOnlyValidatedStoredAndPublished() {
        TestHttp.Response defaults = http.get("/api/v1/alert-rules", viewerA);
        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.json().path("sensitivity").asText()).isEqualTo("medium");
        assertThat(defaults.json().path("orgId").asText()).isEqualTo(orgA.toString());

        String body = "{\"kinds\":{\"spend_spike\":{\"enabled\":true,\"threshold\":0.3},"
                + "\"roas_drop\":{\"enabled\":false}},\"sensitivity\":\"high\","
                + "\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\",\"timeZone\":\"Europe/Berlin\"}}";
        assertThat(put("/api/v1/alert-rules", viewerA, body).status()).isEqualTo(403);
        TestHttp.Response bad = put("/api/v1/alert-rules", adminA,
                "{\"kinds\":{\"spend_spik\":{\"enabled\":true}},\"sensitivity\":\"extreme\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorMessage()).contains("unknown alert kind 'spend_spik'")
                .contains("sensitivity must be low, medium or high");
        assertThat(put("/api/v1/alert-rules", adminA, "{\"orgId\":\"" + orgB + "\"}").status()).isEqualTo(403);

        TestHttp.Response ok = put("/api/v1/alert-rules", adminA, body);
        assertThat(ok.status()).isEqualTo(200);
        JsonNode got = http.get("/api/v1/alert-rules", viewerA).json();
        assertThat(got.path("kinds").path("spend_spike").path("threshold").asDouble()).isEqualTo(0.3);
        assertThat(got.path("kinds").path("roas_drop").path("enabled").asBoolean()).isFalse();
        assertThat(got.path("quietHours").path("timeZone").asText()).isEqualTo("Europe/Berlin");
        // the other organization still has the defaults
        assertThat(http.get("/api/v1/alert-rules", memberB).json().path("sensitivity").asText())
                .isEqualTo("medium");

        List<ConsumerRecord<String, String>> published = TestKafka.awaitRecords(topics.alertRules(),
                rs -> !rs.isEmpty(), Duration.ofSeconds(20));
        assertThat(published).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(orgA.toString());
            AlertRules rules = Json.read(r.value(), AlertRules.class).value();
            assertThat(rules.orgId()).isEqualTo(orgA.toString());
            assertThat(rules.threshold(ai.omnify.model.alert.AlertKind.SPEND_SPIKE)).isEqualTo(0.3);
        });
    }

    private UUID insertAlert(UUID org, String kind, String severity, Instant detectedAt) {
        UUID id = UUID.randomUUID();
        db.execute("INSERT INTO alerts (id, organization_id, alert_key, kind, severity, status, observed, expected, "
                + "explanation, detected_at, since, metric, revision) VALUES (?, ?, ?, ?, ?, 'open', 2000, 1000, "
                + "'test', ?, ?, 'spend', 1)", id, org, kind + ":channel:x", kind, severity,
                java.sql.Timestamp.from(detectedAt), java.sql.Timestamp.from(detectedAt));
        return id;
    }

    @Test
    void listFiltersPagesAndAcknowledgesWithinTheOrganization() {
        Instant t = Instant.parse("2026-07-01T00:00:00Z");
        UUID a1 = insertAlert(orgA, "spend_spike", "warning", t);
        UUID a2 = insertAlert(orgA, "tracking_break", "critical", t.plusSeconds(60));
        UUID a3 = insertAlert(orgA, "roas_drop", "info", t.plusSeconds(120));
        UUID b1 = insertAlert(orgB, "spend_spike", "critical", t.plusSeconds(30));

        JsonNode all = http.get("/api/v1/alerts?since=2026-07-01&limit=2", viewerA).json();
        assertThat(all.path("items")).extracting(n -> n.path("id").asText())
                .containsExactly(a3.toString(), a2.toString());
        String next = all.path("next").asText();
        JsonNode rest = http.get("/api/v1/alerts?since=2026-07-01&limit=2&cursor=" + next, viewerA).json();
        assertThat(rest.path("items")).extracting(n -> n.path("id").asText()).containsExactly(a1.toString());
        assertThat(rest.path("next").isNull()).isTrue();

        assertThat(http.get("/api/v1/alerts?severity=warning", viewerA).json().path("items"))
                .extracting(n -> n.path("id").asText()).containsExactlyInAnyOrder(a1.toString(), a2.toString());
        assertThat(http.get("/api/v1/alerts?kind=tracking_break", viewerA).json().path("items"))
                .extracting(n -> n.path("id").asText()).containsExactly(a2.toString());
        assertThat(http.get("/api/v1/alerts?kind=nope", viewerA).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/alerts?since=yesterday", viewerA).errorMessage()).contains("since");
        JsonNode item = http.get("/api/v1/alerts?kind=spend_spike", viewerA).json().path("items").get(0);
        assertThat(item.path("observed").decimalValue()).isEqualByComparingTo(new BigDecimal("2000"));
        assertThat(item.path("orgId").asText()).isEqualTo(orgA.toString());

        // B sees only its own
        assertThat(http.get("/api/v1/alerts", memberB).json().path("items"))
                .extracting(n -> n.path("id").asText()).containsExactly(b1.toString());

        // acknowledging needs the act scope, and only the organization's own alerts
        assertThat(post("/api/v1/alerts/" + a2 + "/ack", viewerA).status()).isEqualTo(403);
        assertThat(post("/api/v1/alerts/" + a2 + "/ack", memberB).status()).isEqualTo(404);
        TestHttp.Response acked = post("/api/v1/alerts/" + a2 + "/ack", adminA);
        assertThat(acked.status()).isEqualTo(200);
        assertThat(acked.json().path("status").asText()).isEqualTo("acknowledged");
        assertThat(acked.json().path("acknowledgedAt").isNull()).isFalse();
        assertThat(http.get("/api/v1/alerts?status=acknowledged", viewerA).json().path("items"))
                .extracting(n -> n.path("id").asText()).containsExactly(a2.toString());
        assertThat(post("/api/v1/alerts/not-a-uuid/ack", adminA).status()).isEqualTo(400);
    }

    private static Alert alert(UUID org, String kind) {
        String id = UUID.randomUUID().toString();
        return new Alert(id, org.toString(), kind + ":channel:c", kind, "warning", "open", null, null, "spend",
                null, null, BigDecimal.TEN, BigDecimal.ONE, BigDecimal.valueOf(9), Instant.now(), Instant.now(),
                "test " + kind, 1);
    }

    private static void produce(Alert a, String topic) throws Exception {
        try (KafkaProducer<String, String> p = TestKafka.producer()) {
            p.send(new ProducerRecord<>(topic, a.key(), Json.write(a))).get();
        }
    }

    /** Lines of an SSE response, read on a background thread. */
    private BlockingQueue<String> sse(String key, String lastEventId) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts/stream"))
                .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpClient.newHttpClient().sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> {
                    lines.add("status:" + r.statusCode());
                    try (Stream<String> s = r.body()) {
                        s.forEach(lines::add);
                    }
                });
        return lines;
    }

    /** The next {@code event: alert} of an SSE line queue: [id, data]. */
    private static String[] nextAlert(BlockingQueue<String> lines) throws InterruptedException {
        String id = null;
        boolean alert = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("event: alert") || line.startsWith("event:alert")) {
                alert = true;
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("data:") && alert) {
                return new String[] {id, line.substring(5).trim()};
            }
        }
        throw new AssertionError("no alert event within 30 s");
    }

    @Test
    void theLiveStreamShowsEachOrganizationOnlyItsOwnAlertsAndResumes() throws Exception {
        BlockingQueue<String> a = sse(viewerA, null);
        BlockingQueue<String> b = sse(memberB, null);
        assertThat(a.poll(10, TimeUnit.SECONDS)).isEqualTo("status:200");
        assertThat(b.poll(10, TimeUnit.SECONDS)).isEqualTo("status:200");
        BlockingQueue<String> ws = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + viewerA)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        ws.add(data.toString());
                        w.request(1);
                        return CompletableFuture.completedFuture(null);
                    }
                }).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> server != null && hubCount() >= 3);

        Alert forB = alert(orgB, "spend_spike");
        Alert forA = alert(orgA, "tracking_break");
        produce(forB, topics.alerts());
        produce(forA, topics.alerts());

        String[] gotA = nextAlert(a);
        assertThat(Json.read(gotA[1], Alert.class).value().id()).isEqualTo(forA.id());
        String[] gotB = nextAlert(b);
        assertThat(Json.read(gotB[1], Alert.class).value().id()).isEqualTo(forB.id());
        String wsMessage = ws.poll(30, TimeUnit.SECONDS);
        assertThat(wsMessage).isNotNull();
        assertThat(Json.mapper().readTree(wsMessage).path("alert").path("id").asText()).isEqualTo(forA.id());
        assertThat(Json.mapper().readTree(wsMessage).path("alert").path("orgId").asText()).isEqualTo(orgA.toString());

        // A's stream never carried B's alert
        Alert second = alert(orgA, "roas_drop");
        produce(second, topics.alerts());
        assertThat(Json.read(nextAlert(a)[1], Alert.class).value().id()).isEqualTo(second.id());

        // a client that reconnects with Last-Event-ID gets what came after it, and only that
        BlockingQueue<String> resumed = sse(viewerA, gotA[0]);
        assertThat(resumed.poll(10, TimeUnit.SECONDS)).isEqualTo("status:200");
        assertThat(Json.read(nextAlert(resumed)[1], Alert.class).value().id()).isEqualTo(second.id());

        // without a key, or with a bad one: refused
        assertThat(http.get("/api/v1/alerts/stream").status()).isEqualTo(401);
        assertThat(HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/ws"), new WebSocket.Listener() {})
                .handle((w, e) -> e != null).get(10, TimeUnit.SECONDS)).isTrue();
        socket.abort();
    }

    @Test
    void aStalledSseClientNeverHoldsBackTheOthers() throws Exception {
        AlertHub hub = server.module(AlertsModule.class).orElseThrow().hub();
        // an organization of its own: the other tests' subscribers do not count
        String org = db.createOrganization("Gamma", "EUR").toString();
        String key = db.createApiKey(UUID.fromString(org), "read");
        // a client that sends its request and then never reads: the server's writes to it block once the socket
        // buffers are full
        try (java.net.Socket stalled = new java.net.Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
            stalled.getOutputStream().write(("GET /api/v1/alerts/stream HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAuthorization: Bearer " + key + "\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.subscriberCount(org) == 1);
            BlockingQueue<String> reader = sse(key, null);
            assertThat(reader.poll(10, TimeUnit.SECONDS)).isEqualTo("status:200");
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.subscriberCount(org) == 2);

            // 400 events of 64 KiB (25 MiB: more than the socket buffers and the stalled one's queue of 256 hold);
            // the reading client gets each one while the stalled one is stuck on its first writes
            String pad = "x".repeat(64 * 1024);
            for (int i = 0; i < 400; i++) {
                hub.publish(org, "{\"n\":" + i + ",\"pad\":\"" + pad + "\"}");
                String data = nextAlert(reader)[1];
                assertThat(data).startsWith("{\"n\":" + i + ",");
            }
            // the stalled client was dropped as too slow (it may reconnect with Last-Event-ID); the reader stays
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.subscriberCount(org) == 1);
        }
    }

    private int hubCount() {
        return server.module(AlertsModule.class).orElseThrow().hub().subscriberCount();
    }
}
