package ai.omnify.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.ingest.IngestServer;
import ai.omnify.ingest.config.IngestConfig;
import ai.omnify.ingest.sync.PlatformReaders;
import ai.omnify.ingest.sync.SyncConfig;
import ai.omnify.model.Json;
import ai.omnify.model.Topics;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.testing.StackExtension;
import ai.omnify.server.crypto.CredentialCipher;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Shopify webhooks through the real ingest service: the shop's connection comes from the single-brand environment
 * (SHOPIFY_STORE_URL + SHOPIFY_ACCESS_TOKEN bound to OMNIFY_ORG_ID), orders land in Kafka, deliveries in the ledger.
 */
class WebhookIT {
    @RegisterExtension
    static final StackExtension STACK = StackExtension.withTopics(2);

    static final String SECRET = "shpss_it_secret";
    static final String SHOP = "it-store.myshopify.com";
    static TestDatabase db;
    static Topics topics;
    static UUID org;
    static IngestServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static IngestConfig config(String kafka) {
        return new IngestConfig(0, kafka, topics, db.appConfig(), 1024 * 1024, Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    static IngestServer.Sync sync() {
        Map<String, String> env = Map.of("SHOPIFY_STORE_URL", "https://IT-Store.myshopify.com",
                "SHOPIFY_ACCESS_TOKEN", "shpat_it", "OMNIFY_ORG_ID", org.toString());
        return new IngestServer.Sync(new WebhookConfig(SECRET, null, null, Duration.ofSeconds(4)), SyncConfig.defaults(),
                CredentialCipher.of("k1", new byte[32], Map.of()), PlatformReaders.NONE, env, "webhook-it");
    }

    @BeforeAll
    static void start() {
        db = STACK.db();
        org = db.createOrganization("Webhook IT", "EUR");
        topics = STACK.topics();
        server = IngestServer.start(config(TestStack.kafkaBootstrap()), sync(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    HttpResponse<String> deliver(int port, String topic, String body, String signature, String webhookId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/shopify"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("X-Shopify-Topic", topic).header("X-Shopify-Shop-Domain", SHOP)
                .header("X-Shopify-Webhook-Id", webhookId).POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header("X-Shopify-Hmac-Sha256", signature);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String order(String id) {
        return "{\"id\":" + id + ",\"created_at\":\"2026-11-24T10:00:00+01:00\",\"updated_at\":\"2026-11-24T10:30:00+01:00\","
                + "\"currency\":\"EUR\",\"total_price\":\"59.00\",\"landing_site\":\"/?utm_source=google&utm_campaign=g1\","
                + "\"refunds\":[]}";
    }

    static String sign(String body) {
        return WebhookSignatures.shopifySignature(body.getBytes(StandardCharsets.UTF_8), SECRET);
    }

    static List<String> ledger() throws Exception {
        try (Connection c = db.appConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement set = c.prepareStatement("SELECT set_config('omnify.org_id', ?, true)")) {
                set.setString(1, org.toString());
                set.executeQuery().close();
            }
            List<String> keys = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT event_key FROM webhook_events ORDER BY event_key");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            c.commit();
            return keys;
        }
    }

    @Test
    void signedOrdersLandInKafkaOnceAndBadSignaturesNowhere() throws Exception {
        String body = order("5001");
        assertThat(deliver(server.port(), "orders/create", body, sign(body), "it-1").statusCode()).isEqualTo(200);
        HttpResponse<String> dup = deliver(server.port(), "orders/create", body, sign(body), "it-1");
        assertThat(dup.statusCode()).isEqualTo(200);
        assertThat(dup.body()).contains("duplicate");
        String tampered = order("5002");
        assertThat(deliver(server.port(), "orders/create", tampered, sign(body), "it-2").statusCode()).isEqualTo(401);
        String other = order("5003");
        assertThat(deliver(server.port(), "orders/updated", other, sign(other), "it-3").statusCode()).isEqualTo(200);

        List<ConsumerRecord<String, String>> records = TestKafka.awaitRecords(topics.orders(), l -> l.size() >= 2,
                Duration.ofSeconds(30));
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(org + ":5001", org + ":5003");
        OrderEvent o = Json.read(records.stream().filter(r -> r.key().endsWith(":5001")).findFirst().orElseThrow().value(),
                OrderEvent.class).value();
        assertThat(o.orgId()).isEqualTo(org.toString());
        assertThat(o.totalPrice()).isEqualByComparingTo("59.00");
        assertThat(o.utm().campaign()).isEqualTo("g1");
        assertThat(ledger()).contains("webhook:it-1", "webhook:it-3").doesNotContain("webhook:it-2");
    }

    @Test
    void kafkaDownIs503AndNothingIsRecorded() throws Exception {
        try (IngestServer broken = IngestServer.start(config("127.0.0.1:1"), sync(), Clock.systemUTC())) {
            String body = order("6001");
            long start = System.nanoTime();
            HttpResponse<String> r = deliver(broken.port(), "orders/create", body, sign(body), "it-down");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(ledger()).doesNotContain("webhook:it-down");
    }

    @Test
    void appUninstalledDisablesTheConnection() throws Exception {
        String body = "{\"id\":1,\"domain\":\"" + SHOP + "\"}";
        assertThat(deliver(server.port(), "app/uninstalled", body, sign(body), "it-u").statusCode()).isEqualTo(200);
        assertThat(db.query("SELECT status, status_reason, source FROM api_credentials WHERE account = ?", SHOP).get(0))
                .containsEntry("status", "disabled").containsEntry("source", "env")
                .containsEntry("status_reason", "the Shopify app was uninstalled from " + SHOP);
        // a restart with the same credentials in the environment leaves it disabled; a new token reconnects it
        IngestServer.start(config(TestStack.kafkaBootstrap()), sync(), Clock.systemUTC()).close();
        assertThat(db.query("SELECT status FROM api_credentials WHERE account = ?", SHOP).get(0))
                .containsEntry("status", "disabled");
        Map<String, String> env = Map.of("SHOPIFY_STORE_URL", SHOP, "SHOPIFY_ACCESS_TOKEN", "shpat_new",
                "OMNIFY_ORG_ID", org.toString());
        IngestServer.start(config(TestStack.kafkaBootstrap()), new IngestServer.Sync(sync().webhooks(), sync().sync(),
                sync().cipher(), PlatformReaders.NONE, env, "webhook-it-2"), Clock.systemUTC()).close();
        assertThat(db.query("SELECT status FROM api_credentials WHERE account = ?", SHOP).get(0))
                .containsEntry("status", "active");
    }
}
