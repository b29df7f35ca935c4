package ai.omnify.simulator.webhooks;

import ai.omnify.testing.SettableClock;
import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Json;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.simulator.fakes.FakeTruth;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook sender against a receiver on port 0 that records every delivery and answers as told. */
class ShopifyWebhookSenderTest {
    static final String SECRET = "shpss_test_client_secret";
    static final String SHOP = "northwind.myshopify.com";
    static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    record Received(String topic, String hmac, String webhookId, String eventId, String triggeredAt, String shop,
            byte[] body) {}

    final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    final Map<String, AtomicInteger> attemptsById = new ConcurrentHashMap<>();
    final SettableClock clock = new SettableClock(T0);
    Function<Received, Integer> answer = r -> 200;
    Javalin receiver;
    ShopifyWebhookSender sender;

    URI startReceiver() {
        receiver = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post("/webhooks/shopify", this::receive);
        });
        receiver.start("127.0.0.1", 0);
        return URI.create("http://127.0.0.1:" + receiver.port() + "/webhooks/shopify");
    }

    void receive(io.javalin.http.Context ctx) {
        {
            Received r = new Received(ctx.header("X-Shopify-Topic"), ctx.header("X-Shopify-Hmac-Sha256"),
                    ctx.header("X-Shopify-Webhook-Id"), ctx.header("X-Shopify-Event-Id"),
                    ctx.header("X-Shopify-Triggered-At"), ctx.header("X-Shopify-Shop-Domain"), ctx.bodyAsBytes());
            received.add(r);
            attemptsById.computeIfAbsent(r.webhookId(), k -> new AtomicInteger()).incrementAndGet();
            ctx.status(answer.apply(r)).result("{}");
        }
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        if (receiver != null) {
            receiver.stop();
        }
    }

    /** Runs the clock to {@code end} in steps, ticking and waiting for the answers at each. */
    void runUntil(Instant end, Duration step) throws Exception {
        while (clock.instant().isBefore(end)) {
            clock.set(clock.instant().plus(step).isAfter(end) ? end : clock.instant().plus(step));
            sender.tick();
            assertThat(sender.awaitAnswers(Duration.ofSeconds(20))).isTrue();
        }
    }

    static String independentHmac(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    static OrderEvent order(String id, Instant created, Instant updated, String refunded, Instant cancelled) {
        return new OrderEvent("org-1", id, "e-" + id, created, updated, new BigDecimal("59.90"), "EUR",
                new BigDecimal(refunded), "cust_1", "/products/x?utm_source=google&utm_campaign=c1&utm_content=a1",
                "https://www.google.com/", null, cancelled, "simulator");
    }

    @Test
    void theSignatureIsBase64OfHmacSha256OfTheRawBodyWithTheAppSecret() {
        // the RFC 2104 example everyone uses, base64 instead of hex, as Shopify sends it
        assertThat(ShopifyWebhookSender.signature("The quick brown fox jumps over the lazy dog"
                .getBytes(StandardCharsets.UTF_8), "key")).isEqualTo("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=");
    }

    @Test
    void eachChangeGetsItsTopicsAsRestShapedOrdersAndRefunds() {
        Instant c = T0.plusSeconds(60);
        assertThat(new OrderVersion(order("1", c, c, "0", null), 0, BigDecimal.ZERO).topics())
                .containsExactly("orders/create", "orders/paid");
        assertThat(new OrderVersion(order("1", c, c.plusSeconds(7200), "0", null), 1, BigDecimal.ZERO).topics())
                .containsExactly("orders/updated");
        OrderEvent refunded = order("1", c, c.plusSeconds(86400 * 3), "20.00", null);
        assertThat(new OrderVersion(refunded, 2, BigDecimal.ZERO).topics())
                .containsExactly("refunds/create", "orders/updated");
        assertThat(new OrderVersion(order("1", c, c.plusSeconds(1800), "59.90", c.plusSeconds(1800)), 1,
                BigDecimal.ZERO).topics()).containsExactly("orders/cancelled", "orders/updated");

        JsonNode o = Json.mapper().valueToTree(ShopifyPayloads.order(refunded));
        assertThat(o.get("id").asLong()).isEqualTo(1L);
        assertThat(o.get("total_price").asText()).isEqualTo("59.90");
        assertThat(o.get("created_at").asText()).isEqualTo(c.toString());
        assertThat(o.get("landing_site").asText()).startsWith("/products/x?utm_source=google");
        assertThat(o.at("/refunds/0/transactions/0/amount").asText()).isEqualTo("20.00");
        assertThat(o.at("/refunds/0/transactions/0/kind").asText()).isEqualTo("refund");
        assertThat(o.at("/refunds/0/transactions/0/status").asText()).isEqualTo("success");
        JsonNode r = Json.mapper().valueToTree(ShopifyPayloads.refund(refunded));
        assertThat(r.get("order_id").asLong()).isEqualTo(1L);
        assertThat(r.at("/transactions/0/amount").asText()).isEqualTo("20.00");
    }

    @Test
    void theStoresNewOrdersGoOutSignedDuplicatedWithTheSameIdsAndOutOfOrder() throws Exception {
        URI url = startReceiver();
        SyntheticBrand brand = SyntheticBrand.create(SimulationConfig.of(7, 10, T0, "org-1"));
        ShopifyWebhookConfig config = ShopifyWebhookConfig.of(url, SECRET, SHOP, 7)
                .withDuplicates(0.3, Duration.ofHours(6)); // wide enough to overtake updates 2 h after a creation
        Instant end = T0.plus(Duration.ofDays(6));
        BrandOrderVersions versions = new BrandOrderVersions(brand, T0);
        // the changes of six days; then the clock runs on until every delivery planned is due
        sender = new ShopifyWebhookSender(config, (from, to) -> from.isBefore(end)
                ? versions.between(from, to.isAfter(end) ? end : to) : List.of(), clock, T0);
        runUntil(end.plus(Duration.ofHours(13)), Duration.ofMinutes(10));

        ShopifyWebhookSender.Stats stats = sender.stats();
        assertThat(stats.pending()).isZero();
        assertThat(stats.gaveUp()).isZero();
        assertThat(received).hasSize((int) (stats.webhooks() + stats.repeats()));
        assertThat(stats.repeats()).isPositive();
        assertThat(stats.byTopic()).containsKeys("orders/create", "orders/paid", "orders/updated", "refunds/create");

        // every delivery is signed over its raw bytes with the app secret, and names the shop
        for (Received r : received) {
            assertThat(r.hmac()).isEqualTo(independentHmac(r.body(), SECRET));
            assertThat(r.shop()).isEqualTo(SHOP);
            assertThat(r.eventId()).isNotBlank();
            assertThat(Instant.parse(r.triggeredAt())).isAfter(T0);
        }
        // a webhook delivered twice carries the same webhook id, event id and body
        Map<String, List<Received>> byId = received.stream().collect(Collectors.groupingBy(Received::webhookId));
        List<List<Received>> twice = byId.values().stream().filter(l -> l.size() > 1).toList();
        assertThat(twice).hasSize((int) stats.repeats());
        for (List<Received> pair : twice) {
            assertThat(pair).hasSize(2);
            assertThat(pair.get(1).eventId()).isEqualTo(pair.get(0).eventId());
            assertThat(pair.get(1).body()).isEqualTo(pair.get(0).body());
        }
        // distinct webhooks have distinct event ids (the receiver's ledger dedups on either)
        assertThat(byId.values().stream().map(l -> l.get(0).eventId()).collect(Collectors.toSet())).hasSize(byId.size());

        // out of order: some delivery arrived after one whose change was later, some of them versions of one order
        List<Instant> triggered = received.stream().map(r -> Instant.parse(r.triggeredAt())).toList();
        assertThat(triggered).isNotEqualTo(triggered.stream().sorted().toList());
        Map<String, Instant> lastSeen = new HashMap<>();
        int olderVersionAfterNewer = 0;
        Map<String, OrderEvent> latest = new HashMap<>();
        for (Received r : received) {
            if (!r.topic().startsWith("orders/")) {
                continue;
            }
            JsonNode o = Json.mapper().readTree(r.body());
            Instant updated = Instant.parse(o.get("updated_at").asText());
            Instant seen = lastSeen.get(o.get("id").asText());
            if (seen != null && updated.isBefore(seen)) {
                olderVersionAfterNewer++;
            }
            lastSeen.merge(o.get("id").asText(), updated, (a, b) -> b.isAfter(a) ? b : a);
        }
        assertThat(olderVersionAfterNewer).isPositive();

        // the truth: per order created after the start, the version the fake Shopify API serves now
        FakeTruth shopify = new FakeTruth(brand, Clock.fixed(end, ZoneOffset.UTC));
        Map<String, OrderEvent> served = new HashMap<>();
        for (OrderEvent o : shopify.orders()) {
            if (o.createdAt().isAfter(T0)) {
                served.put(o.orderId(), o);
            }
        }
        assertThat(served).isNotEmpty();
        assertThat(sender.delivered()).isEqualTo(served);
    }

    @Test
    void aDeliveryAnswered5xxIsRetriedWithBackoffUntilItIsTaken() throws Exception {
        URI url = startReceiver();
        answer = r -> attemptsById.get(r.webhookId()).get() <= 2 ? 503 : 200;
        Instant created = T0.plusSeconds(30);
        OrderEvent o = order("5000000000001", created, created, "0", null);
        ShopifyWebhookConfig config = ShopifyWebhookConfig.of(url, SECRET, SHOP, 1).withDuplicates(0, Duration.ZERO)
                .withRetries(3, Duration.ofMillis(100), Duration.ofSeconds(1));
        sender = new ShopifyWebhookSender(config, (from, to) -> !created.isAfter(from) || created.isAfter(to) ? List.of()
                : List.of(new OrderVersion(o, 0, BigDecimal.ZERO)), clock, T0);
        runUntil(T0.plusSeconds(60), Duration.ofSeconds(1));

        assertThat(attemptsById).hasSize(2); // orders/create and orders/paid
        assertThat(attemptsById.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(3));
        Map<String, Set<String>> bodies = new HashMap<>();
        received.forEach(r -> bodies.computeIfAbsent(r.webhookId(), k -> new HashSet<>())
                .add(new String(r.body(), StandardCharsets.UTF_8) + r.eventId() + r.hmac()));
        assertThat(bodies.values()).allSatisfy(s -> assertThat(s).hasSize(1)); // a retry is the same delivery
        ShopifyWebhookSender.Stats stats = sender.stats();
        assertThat(stats.retried()).isEqualTo(4);
        assertThat(stats.acknowledged()).isEqualTo(2);
        assertThat(stats.failuresByStatus()).containsEntry("HTTP 503", 4L);
        assertThat(sender.delivered()).containsExactly(Map.entry(o.orderId(), o));
    }

    @Test
    void aDeliveryThatNeverSucceedsIsGivenUpAfterTheLastRetryAndIsNotInTheTruth() throws Exception {
        URI url = startReceiver();
        answer = r -> 500;
        Instant created = T0.plusSeconds(30);
        OrderEvent o = order("5000000000002", created, created, "0", null);
        ShopifyWebhookConfig config = ShopifyWebhookConfig.of(url, SECRET, SHOP, 1).withDuplicates(0, Duration.ZERO)
                .withRetries(2, Duration.ofMillis(100), Duration.ofMillis(200));
        sender = new ShopifyWebhookSender(config, (from, to) -> !created.isAfter(from) || created.isAfter(to) ? List.of()
                : List.of(new OrderVersion(o, 0, BigDecimal.ZERO)), clock, T0);
        runUntil(T0.plusSeconds(120), Duration.ofSeconds(1));

        assertThat(attemptsById.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(3));
        assertThat(sender.stats().gaveUp()).isEqualTo(2);
        assertThat(sender.stats().pending()).isZero();
        assertThat(sender.delivered()).isEmpty();
    }

    @Test
    void anUnreachableReceiverCountsAsAFailureAndIsRetried() throws Exception {
        Instant created = T0.plusSeconds(3);
        OrderEvent o = order("5000000000003", created, created, "0", null);
        ShopifyWebhookConfig config = ShopifyWebhookConfig.of(URI.create("http://127.0.0.1:1/webhooks/shopify"),
                SECRET, SHOP, 1).withDuplicates(0, Duration.ZERO).withRetries(1, Duration.ofMillis(100),
                Duration.ofMillis(100));
        sender = new ShopifyWebhookSender(config, (from, to) -> !created.isAfter(from) || created.isAfter(to) ? List.of()
                : List.of(new OrderVersion(o, 0, BigDecimal.ZERO)), clock, T0);
        runUntil(T0.plusSeconds(10), Duration.ofSeconds(1));
        assertThat(sender.stats().attempts()).isEqualTo(4);
        assertThat(sender.stats().retried()).isEqualTo(2);
        assertThat(sender.stats().gaveUp()).isEqualTo(2);
        assertThat(sender.stats().failuresByStatus()).containsEntry("ConnectException", 4L);
    }
}
