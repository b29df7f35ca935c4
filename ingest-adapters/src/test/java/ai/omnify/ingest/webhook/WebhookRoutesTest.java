package ai.omnify.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.ingest.IngestApp;
import ai.omnify.ingest.auth.FakeAuthenticator;
import ai.omnify.ingest.config.IngestConfig;
import ai.omnify.ingest.connections.ConnectionRef;
import ai.omnify.ingest.sink.InMemoryRecordSink;
import ai.omnify.ingest.sink.RecordSink;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.order.OrderEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook endpoints on a real server on port 0, with an in-memory sink, directory and ledger. */
class WebhookRoutesTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String SECRET = "shpss_client_secret";
    static final String META_SECRET = "meta-app-secret";
    static final String VERIFY = "verify-me";
    static final String SHOP = "northwind.myshopify.com";
    static final ConnectionRef SHOPIFY = new ConnectionRef(UUID.randomUUID(), UUID.randomUUID(), Platform.SHOPIFY, SHOP,
            "active", "UTC", true);
    static final ConnectionRef META = new ConnectionRef(UUID.randomUUID(), SHOPIFY.orgId(), Platform.META, "act_42",
            "active", "UTC", true);

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final MemoryLedger ledger = new MemoryLedger();
    final List<ConnectionRef> disabled = new ArrayList<>();
    final List<UUID> polled = new ArrayList<>();
    InMemoryRecordSink sink = InMemoryRecordSink.acking();
    Javalin app;
    IngestConfig config = IngestConfig.fromEnv(Map.of("INGEST_PORT", "0", "OMNIFY_TOPIC_SUFFIX", "wh"));

    int start(RecordSink s, WebhookConfig wc) {
        ConnectionDirectory directory = new ConnectionDirectory() {
            @Override
            public Optional<ConnectionRef> find(Platform platform, String account) {
                return List.of(SHOPIFY, META).stream().filter(c -> c.platform() == platform && c.account().equals(account))
                        .findFirst();
            }

            @Override
            public void disable(ConnectionRef connection, String reason) {
                disabled.add(connection);
            }
        };
        app = IngestApp.create(new IngestApp.Deps(config, new FakeAuthenticator(), s, Clock.fixed(NOW, ZoneOffset.UTC),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new IngestApp.Webhooks(wc, directory, ledger,
                (org, connection) -> polled.add(connection)))).start();
        return app.port();
    }

    int start() {
        return start(sink, new WebhookConfig(SECRET, META_SECRET, VERIFY, Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    static String order(String id, String updatedAt) {
        return "{\"id\":" + id + ",\"created_at\":\"2026-11-24T10:00:00Z\",\"updated_at\":\"" + updatedAt + "\","
                + "\"currency\":\"EUR\",\"total_price\":\"120.00\",\"landing_site\":\"/?utm_source=tiktok&utm_campaign=c9\","
                + "\"customer\":{\"id\":7},\"refunds\":[]}";
    }

    HttpResponse<String> shopify(String topic, String body, String signature, String webhookId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/webhooks/shopify"))
                .header("Content-Type", "application/json").header("X-Shopify-Topic", topic)
                .header("X-Shopify-Shop-Domain", SHOP).header("X-Shopify-API-Version", "2025-01")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header("X-Shopify-Hmac-Sha256", signature);
        }
        if (webhookId != null) {
            b.header("X-Shopify-Webhook-Id", webhookId);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String sign(String body, String secret) {
        return WebhookSignatures.shopifySignature(body.getBytes(StandardCharsets.UTF_8), secret);
    }

    List<OrderEvent> orders() {
        return sink.sentTo(config.topics().orders()).stream().map(s -> Json.read(s.value(), OrderEvent.class).value()).toList();
    }

    @Test
    void aValidOrderWebhookIsWrittenThenAnswered() throws Exception {
        start();
        String body = order("1001", "2026-11-24T10:05:00Z");
        HttpResponse<String> r = shopify("orders/create", body, sign(body, SECRET), "wh-1");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(r.body()).path("status").asText()).isEqualTo("accepted");
        assertThat(orders()).singleElement().satisfies(o -> {
            assertThat(o.orgId()).isEqualTo(SHOPIFY.orgId().toString());
            assertThat(o.orderId()).isEqualTo("1001");
            assertThat(o.eventId()).isEqualTo("1001@2026-11-24T10:05:00Z");
            assertThat(o.utm().source()).isEqualTo("tiktok");
            assertThat(o.source()).isEqualTo("webhook");
        });
        assertThat(sink.sentTo(config.topics().orders()).get(0).key()).isEqualTo(SHOPIFY.orgId() + ":1001");
        assertThat(ledger.keys).containsExactly(SHOPIFY.orgId() + "/shopify/webhook:wh-1");
    }

    @Test
    void aTamperedBodyAWrongSecretOrNoSignatureIs401AndWritesNothing() throws Exception {
        start();
        String body = order("1002", "2026-11-24T10:05:00Z");
        String tampered = body.replace("120.00", "1.00");
        assertThat(shopify("orders/create", tampered, sign(body, SECRET), "wh-2").statusCode()).isEqualTo(401);
        assertThat(shopify("orders/create", body, sign(body, "another-secret"), "wh-3").statusCode()).isEqualTo(401);
        HttpResponse<String> missing = shopify("orders/create", body, null, "wh-4");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(Json.mapper().readTree(missing.body()).path("error").path("message").asText())
                .contains("X-Shopify-Hmac-Sha256");
        assertThat(shopify("orders/create", body, "", "wh-5").statusCode()).isEqualTo(401);
        assertThat(sink.attempts()).isZero();
        assertThat(ledger.keys).isEmpty();
    }

    @Test
    void aDuplicateDeliveryIsAnsweredWithoutWriting() throws Exception {
        start();
        String body = order("1003", "2026-11-24T10:05:00Z");
        assertThat(shopify("orders/paid", body, sign(body, SECRET), "wh-dup").statusCode()).isEqualTo(200);
        HttpResponse<String> again = shopify("orders/paid", body, sign(body, SECRET), "wh-dup");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(again.body()).path("status").asText()).isEqualTo("duplicate");
        assertThat(orders()).hasSize(1);
    }

    @Test
    void outOfOrderVersionsAreBothWrittenWithTheirUpdateTimes() throws Exception {
        start();
        String later = order("1004", "2026-11-24T12:00:00Z");
        String earlier = order("1004", "2026-11-24T10:00:00Z");
        assertThat(shopify("orders/updated", later, sign(later, SECRET), "wh-a").statusCode()).isEqualTo(200);
        assertThat(shopify("orders/create", earlier, sign(earlier, SECRET), "wh-b").statusCode()).isEqualTo(200);
        // both versions reach Kafka under one key; the pipeline keeps the latest updatedAt (not the latest arrival)
        assertThat(orders()).extracting(OrderEvent::updatedAt).containsExactly(
                Instant.parse("2026-11-24T12:00:00Z"), Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(orders()).extracting(OrderEvent::eventId).doesNotHaveDuplicates();
        assertThat(sink.sentTo(config.topics().orders())).extracting(InMemoryRecordSink.Sent::key)
                .containsOnly(SHOPIFY.orgId() + ":1004");
    }

    @Test
    void kafkaDownIs503AndTheRetryIsNotTakenForADuplicate() throws Exception {
        start(InMemoryRecordSink.failing(), new WebhookConfig(SECRET, META_SECRET, VERIFY, Duration.ofSeconds(2)));
        String body = order("1005", "2026-11-24T10:05:00Z");
        HttpResponse<String> r = shopify("orders/create", body, sign(body, SECRET), "wh-k");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(Json.mapper().readTree(r.body()).path("error").path("code").asText()).isEqualTo("kafka_unavailable");
        assertThat(ledger.keys).isEmpty();
        app.stop();
        start(); // Kafka is back: Shopify's retry of the same delivery goes through
        HttpResponse<String> retry = shopify("orders/create", body, sign(body, SECRET), "wh-k");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(retry.body()).path("status").asText()).isEqualTo("accepted");
        assertThat(orders()).hasSize(1);
    }

    @Test
    void aSilentKafkaIs503WithinTheBudget() throws Exception {
        start(InMemoryRecordSink.hanging(), new WebhookConfig(SECRET, META_SECRET, VERIFY, Duration.ofMillis(300)));
        String body = order("1006", "2026-11-24T10:05:00Z");
        assertThat(shopify("orders/create", body, sign(body, SECRET), "wh-h").statusCode()).isEqualTo(503);
        assertThat(ledger.keys).isEmpty();
    }

    @Test
    void otherTopicsUnknownShopsAndUnusableOrders() throws Exception {
        start();
        String uninstall = "{\"id\":1,\"domain\":\"" + SHOP + "\"}";
        assertThat(shopify("app/uninstalled", uninstall, sign(uninstall, SECRET), "wh-u").statusCode()).isEqualTo(200);
        assertThat(disabled).containsExactly(SHOPIFY);
        String refund = "{\"id\":5,\"order_id\":1001,\"transactions\":[]}";
        assertThat(shopify("refunds/create", refund, sign(refund, SECRET), "wh-r").statusCode()).isEqualTo(200);
        assertThat(polled).containsExactly(SHOPIFY.id());

        String bad = "{\"id\":77,\"created_at\":\"2026-11-24T10:00:00Z\",\"total_price\":\"10\",\"currency\":\"XXQ\"}";
        HttpResponse<String> rejected = shopify("orders/create", bad, sign(bad, SECRET), "wh-bad");
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(rejected.body()).path("status").asText()).isEqualTo("rejected");
        DeadLetter letter = Json.read(sink.sentTo(config.topics().deadLetter()).get(0).value(), DeadLetter.class).value();
        assertThat(letter.reason()).contains("currency 'XXQ'");
        assertThat(letter.source()).isEqualTo("webhook:shopify");

        String body = order("1", "2026-11-24T10:05:00Z");
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                        + "/webhooks/shopify")).header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Shop-Domain", "stranger.myshopify.com").header("X-Shopify-Hmac-Sha256", sign(body, SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(orders()).isEmpty();
    }

    @Test
    void withoutASecretTheEndpointSaysWhatToSet() throws Exception {
        start(sink, WebhookConfig.NONE);
        String body = order("1", "2026-11-24T10:05:00Z");
        HttpResponse<String> r = shopify("orders/create", body, sign(body, SECRET), "wh-n");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("SHOPIFY_WEBHOOK_SECRET");
        assertThat(sink.attempts()).isZero();
    }

    @Test
    void metaHandshakeAndSignedNotifications() throws Exception {
        start();
        String base = "http://127.0.0.1:" + app.port() + "/webhooks/meta";
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base
                + "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=" + VERIFY)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base
                + "?hub.mode=subscribe&hub.challenge=1&hub.verify_token=nope")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);

        String note = "{\"object\":\"ad_account\",\"entry\":[{\"id\":\"42\",\"time\":1764072000,\"changes\":[{\"field\":"
                + "\"in_process_ad_objects\",\"value\":{\"id\":\"9\",\"level\":\"AD\",\"status_name\":\"ACTIVE\"}}]}]}";
        String signature = WebhookSignatures.metaSignature(note.getBytes(StandardCharsets.UTF_8), META_SECRET);
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base))
                .header("X-Hub-Signature-256", signature).POST(HttpRequest.BodyPublishers.ofString(note + " ")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(polled).isEmpty();
        HttpResponse<String> good = http.send(HttpRequest.newBuilder(URI.create(base))
                .header("X-Hub-Signature-256", signature).POST(HttpRequest.BodyPublishers.ofString(note)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(polled).containsExactly(META.id());
    }

    /** An in-memory ledger. */
    static final class MemoryLedger implements WebhookLedger {
        final List<String> keys = new ArrayList<>();
        final Set<String> set = new HashSet<>();

        @Override
        public synchronized boolean claim(UUID orgId, String platform, List<String> k, String topic, UUID connectionId) {
            if (k.stream().anyMatch(x -> set.contains(orgId + "/" + platform + "/" + x))) {
                return false;
            }
            for (String x : k) {
                set.add(orgId + "/" + platform + "/" + x);
                keys.add(orgId + "/" + platform + "/" + x);
            }
            return true;
        }

        @Override
        public synchronized void release(UUID orgId, String platform, List<String> k) {
            for (String x : k) {
                set.remove(orgId + "/" + platform + "/" + x);
                keys.remove(orgId + "/" + platform + "/" + x);
            }
        }
    }
}
