package ai.omnify.api.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Json;
import ai.omnify.model.alert.Alert;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {
    private static final String SECRET = "whsec_test";
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final WebhookSender sender = new WebhookSender(scheduler, 4, Duration.ofMillis(20),
            Duration.ofSeconds(2), Clock.systemUTC());

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    static Alert alert(String status, int revision) {
        return new Alert("8a6f0c3e-1f5e-4a43-9c55-2a4e0f1b2c3d", "6f1c1f52-7a4e-4a32-9d1c-0c5a1e2b3c4d",
                "tracking_break:channel:c", "tracking_break", "critical", status, "c", null, "conversions",
                Instant.parse("2026-07-06T00:00:00Z"), Instant.parse("2026-07-07T00:00:00Z"), BigDecimal.ZERO,
                BigDecimal.valueOf(40), BigDecimal.valueOf(-1), Instant.parse("2026-07-06T00:00:00Z"),
                Instant.parse("2026-07-07T00:05:00Z"), "Tracking looks broken", revision);
    }

    @Test
    void signsWithHmacSha256OverTimestampAndBody() {
        String sig = WebhookSigner.sign("key", 1700000000L, "{}");
        // openssl: printf '1700000000.{}' | openssl dgst -sha256 -hmac key
        assertThat(sig).isEqualTo("sha256=" + hmac("key", "1700000000.{}"));
        assertThat(WebhookSigner.verify("key", 1700000000L, "{}", sig)).isTrue();
        assertThat(WebhookSigner.verify("key", 1700000001L, "{}", sig)).isFalse();
        assertThat(WebhookSigner.verify("other", 1700000000L, "{}", sig)).isFalse();
        assertThat(WebhookSigner.newSecret()).startsWith("whsec_").hasSize(6 + 64);
    }

    private static String hmac(String key, String data) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(data.getBytes()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void retriesOn503And429ThenDelivers() throws Exception {
        try (FakeWebhookReceiver r = new FakeWebhookReceiver(SECRET, n -> n == 1 ? 503 : n == 2 ? 429 : 204)) {
            String body = WebhookPayloads.json(alert("open", 1));
            DeliveryResult res = sender.send(r.url("/hook"), SECRET, body).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(res.delivered()).isTrue();
            assertThat(res.attempts()).isEqualTo(3);
            assertThat(res.responseStatus()).isEqualTo(204);
            assertThat(r.received).hasSize(3).allMatch(FakeWebhookReceiver.Received::signatureValid);
            assertThat(Json.mapper().readTree(r.received.get(2).body()).path("event").asText())
                    .isEqualTo("alert.opened");
        }
    }

    @Test
    void givesUpAfterTheBoundAndSaysWhy() throws Exception {
        try (FakeWebhookReceiver r = new FakeWebhookReceiver(SECRET, n -> 500)) {
            DeliveryResult res = sender.send(r.url("/hook"), SECRET, "{}").toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(res.delivered()).isFalse();
            assertThat(res.attempts()).isEqualTo(4);
            assertThat(res.responseStatus()).isEqualTo(500);
            assertThat(res.error()).contains("500");
            assertThat(r.requests.get()).isEqualTo(4);
        }
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        try (FakeWebhookReceiver r = new FakeWebhookReceiver(SECRET, n -> 400)) {
            DeliveryResult res = sender.send(r.url("/hook"), SECRET, "{}").toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(res.delivered()).isFalse();
            assertThat(res.attempts()).isEqualTo(1);
            assertThat(res.error()).contains("400");
        }
    }

    @Test
    void aReceiverThatIsDownIsRetriedThenGivenUp() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DeliveryResult res = sender.send("http://127.0.0.1:" + port + "/hook", SECRET, "{}").toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        assertThat(res.delivered()).isFalse();
        assertThat(res.attempts()).isEqualTo(4);
        assertThat(res.error()).contains("no answer");
    }

    @Test
    void slackPayloadHasTextAndASectionBlock() throws Exception {
        var slack = Json.mapper().readTree(WebhookPayloads.slack(alert("resolved", 3)));
        assertThat(slack.path("text").asText()).startsWith("[CRITICAL] Resolved tracking break on channel c:");
        assertThat(slack.path("blocks").get(0).path("type").asText()).isEqualTo("section");
        assertThat(WebhookPayloads.event(alert("open", 2))).isEqualTo("alert.escalated");
    }
}
