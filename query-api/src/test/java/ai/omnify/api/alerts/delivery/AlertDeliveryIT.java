package ai.omnify.api.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.omnify.api.QueryApiServer;
import ai.omnify.api.TestHttp;
import ai.omnify.api.alerts.AlertsModule;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.model.Json;
import ai.omnify.model.Topics;
import ai.omnify.model.alert.Alert;
import ai.omnify.testing.StackExtension;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestKafka;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alert delivery on the real Kafka and PostgreSQL, with webhook receivers on loopback and GreenMail as the SMTP
 * server in this JVM: subscriptions through the API (admin), signed JSON and Slack webhooks, critical email at once,
 * the rest in the digest, every delivery recorded, nothing for another organization.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertDeliveryIT {
    @RegisterExtension
    static final StackExtension STACK = StackExtension.withTopics(2);

    private TestDatabase db;
    private Topics topics;
    private QueryApiServer server;
    private TestHttp http;
    private GreenMail smtp;
    private UUID orgA;
    private UUID orgB;
    private String adminA;
    private String adminB;
    private String viewerA;

    @BeforeAll
    void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        db = STACK.db();
        orgA = db.createOrganization("Alpha", "EUR");
        orgB = db.createOrganization("Beta", "USD");
        adminA = db.createApiKey(orgA, "read", "act", "admin");
        adminB = db.createApiKey(orgB, "read", "act", "admin");
        viewerA = db.createApiKey(orgA, "read");
        topics = STACK.topics();
        Map<String, String> env = STACK.serviceEnv();
        env.put("QUERY_API_PORT", "0");
        env.put("QUERY_API_HOST", "127.0.0.1");
        env.put("QUERY_API_DB_POOL_SIZE", "4");
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
        env.put("ALERTS_WEBHOOK_BACKOFF", "50ms");
        env.put("ALERTS_DELIVERY_GROUP", "it-delivery-" + UUID.randomUUID());
        server = QueryApiServer.start(QueryApiConfig.fromEnv(env), env);
        http = new TestHttp(server.port());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private List<Map<String, Object>> deliveries(UUID org) throws Exception {
        try (Connection c = db.appConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('omnify.org_id', ?, true)")) {
                ps.setString(1, org.toString());
                ps.executeQuery().close();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, status, attempts FROM alert_deliveries");
                    ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> out = TestDatabase.rows(rs);
                c.commit();
                return out;
            }
        }
    }

    private JsonNode subscribe(String key, String body) {
        TestHttp.Response r = http.send("POST", "/api/v1/alert-subscriptions", key,
                HttpRequest.BodyPublishers.ofString(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static Alert alert(UUID org, String kind, String severity) {
        return new Alert(UUID.randomUUID().toString(), org.toString(), kind + ":channel:c1", kind, severity, "open",
                UUID.randomUUID().toString(), null, "spend", Instant.parse("2026-07-06T00:00:00Z"),
                Instant.parse("2026-07-07T00:00:00Z"), BigDecimal.valueOf(2500), BigDecimal.valueOf(1000),
                BigDecimal.valueOf(1.5), Instant.parse("2026-07-06T00:00:00Z"), Instant.now(), "explained " + kind, 1);
    }

    @Test
    void alertsReachTheirOrganizationsWebhooksAndMailboxesOnly() throws Exception {
        try (FakeWebhookReceiver jsonA = new FakeWebhookReceiver(null, n -> n == 1 ? 503 : 200);
                FakeWebhookReceiver slackA = new FakeWebhookReceiver(null, n -> 200);
                FakeWebhookReceiver hookB = new FakeWebhookReceiver(null, n -> 200)) {
            // subscriptions: admin only, validated
            assertThat(http.send("POST", "/api/v1/alert-subscriptions", viewerA,
                    HttpRequest.BodyPublishers.ofString("{\"type\":\"email\",\"email\":\"x@a.example\"}")).status())
                    .isEqualTo(403);
            TestHttp.Response bad = http.send("POST", "/api/v1/alert-subscriptions", adminA,
                    HttpRequest.BodyPublishers.ofString("{\"type\":\"webhook\",\"url\":\"ftp://x\"}"));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.errorMessage()).contains("http(s) URL");
            String secretA = subscribe(adminA, "{\"type\":\"webhook\",\"url\":\"" + jsonA.url("/a") + "\"}")
                    .path("secret").asText();
            subscribe(adminA, "{\"type\":\"webhook\",\"format\":\"slack\",\"minSeverity\":\"critical\",\"url\":\""
                    + slackA.url("/slack") + "\"}");
            subscribe(adminA, "{\"type\":\"email\",\"email\":\"ops@a.example\"}");
            subscribe(adminB, "{\"type\":\"webhook\",\"url\":\"" + hookB.url("/b") + "\"}");
            String mailB = subscribe(adminB, "{\"type\":\"email\",\"email\":\"ops@b.example\"}").path("id").asText();
            JsonNode listA = http.get("/api/v1/alert-subscriptions", adminA).json();
            assertThat(listA.path("items")).hasSize(3);
            assertThat(listA.path("items").get(0).has("secret")).as("the secret is shown once").isFalse();

            Alert critical = alert(orgA, "tracking_break", "critical");
            Alert warning = alert(orgA, "spend_spike", "warning");
            try (KafkaProducer<String, String> p = TestKafka.producer()) {
                p.send(new ProducerRecord<>(topics.alerts(), critical.key(), Json.write(critical))).get();
                p.send(new ProducerRecord<>(topics.alerts(), warning.key(), Json.write(warning))).get();
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> jsonA.received.size() >= 3
                    && slackA.received.size() >= 1 && smtp.getReceivedMessages().length >= 1);
            // JSON: both alerts (one retried after a 503), each signed with the subscription's secret
            assertThat(jsonA.received).allSatisfy(r -> assertThat(WebhookSigner.verify(secretA,
                    Long.parseLong(r.timestamp()), r.body(), r.signature())).isTrue());
            assertThat(jsonA.received).extracting(r -> Json.mapper().readTree(r.body()).path("alert").path("id")
                    .asText()).contains(critical.id(), warning.id());
            // Slack: the critical one only, as text
            assertThat(slackA.received).singleElement().satisfies(r ->
                    assertThat(Json.mapper().readTree(r.body()).path("text").asText())
                            .startsWith("[CRITICAL] New tracking break"));
            // email: the critical one at once
            MimeMessage first = smtp.getReceivedMessages()[0];
            assertThat(first.getAllRecipients()[0].toString()).isEqualTo("ops@a.example");
            assertThat(first.getSubject()).contains("[CRITICAL]").contains("tracking break");

            // the rest in the digest
            server.module(AlertsModule.class).orElseThrow().delivery().sendDigests();
            await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length >= 2);
            MimeMessage digest = smtp.getReceivedMessages()[1];
            assertThat(digest.getSubject()).contains("digest");
            assertThat((String) digest.getContent()).contains("spend spike").doesNotContain("tracking break");

            // nothing for the other organization
            assertThat(hookB.received).isEmpty();
            assertThat(Arrays.stream(smtp.getReceivedMessages())).noneMatch(m -> {
                try {
                    return m.getAllRecipients()[0].toString().equals("ops@b.example");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // every delivery recorded for A (read as the organization: the table forces row-level security)
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(orgA).size() >= 5);
            List<Map<String, Object>> a = deliveries(orgA);
            assertThat(a).filteredOn(r -> "webhook".equals(r.get("kind"))).hasSize(3)
                    .allMatch(r -> "delivered".equals(r.get("status")))
                    .anyMatch(r -> Integer.valueOf(2).equals(r.get("attempts")));
            assertThat(a).filteredOn(r -> "email".equals(r.get("kind"))).hasSize(1);
            assertThat(a).filteredOn(r -> "digest".equals(r.get("kind"))).hasSize(1);
            assertThat(deliveries(orgB)).isEmpty();

            // delete: only the organization's own
            assertThat(http.send("DELETE", "/api/v1/alert-subscriptions/" + mailB, adminA,
                    HttpRequest.BodyPublishers.noBody()).status()).isEqualTo(404);
            assertThat(http.send("DELETE", "/api/v1/alert-subscriptions/" + mailB, adminB,
                    HttpRequest.BodyPublishers.noBody()).status()).isEqualTo(204);
        }
    }

    @Test
    void aRevisionReadAgainIsNotSentAgain() throws Exception {
        UUID orgC = db.createOrganization("Gamma", "EUR");
        String adminC = db.createApiKey(orgC, "read", "act", "admin");
        try (FakeWebhookReceiver hookC = new FakeWebhookReceiver(null, n -> 200)) {
            subscribe(adminC, "{\"type\":\"webhook\",\"url\":\"" + hookC.url("/c") + "\"}");
            Alert first = alert(orgC, "spend_spike", "warning");
            Alert second = new Alert(first.id(), first.orgId(), first.alertKey(), first.kind(), first.severity(),
                    first.status(), first.channelId(), first.creativeId(), first.metric(), first.windowStart(),
                    first.windowEnd(), first.observed(), first.expected(), first.deviation(), first.since(),
                    Instant.now(), "worse now", 2);
            try (KafkaProducer<String, String> p = TestKafka.producer()) {
                // revision 1 twice (a DetectionJob restored from a checkpoint emits it again), then revision 2
                p.send(new ProducerRecord<>(topics.alerts(), first.key(), Json.write(first))).get();
                p.send(new ProducerRecord<>(topics.alerts(), first.key(), Json.write(first))).get();
                p.send(new ProducerRecord<>(topics.alerts(), second.key(), Json.write(second))).get();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> hookC.received.size() >= 2
                    && deliveries(orgC).size() >= 2);
            Thread.sleep(2000); // a second send of revision 1 would have arrived by now
            assertThat(hookC.received).extracting(r -> Json.mapper().readTree(r.body()).path("alert").path("revision")
                    .asInt()).containsExactly(1, 2);
            assertThat(deliveries(orgC)).hasSize(2).allMatch(r -> "delivered".equals(r.get("status")));
        }
    }
}
