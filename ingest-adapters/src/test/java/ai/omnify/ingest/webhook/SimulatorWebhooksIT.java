package ai.omnify.ingest.webhook;

import ai.omnify.testing.SettableClock;
import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.ingest.IngestServer;
import ai.omnify.ingest.config.IngestConfig;
import ai.omnify.ingest.sync.PlatformReaders;
import ai.omnify.ingest.sync.SyncConfig;
import ai.omnify.model.Json;
import ai.omnify.model.Topics;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.server.crypto.CredentialCipher;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import ai.omnify.simulator.webhooks.BrandOrderVersions;
import ai.omnify.simulator.webhooks.ShopifyWebhookConfig;
import ai.omnify.simulator.webhooks.ShopifyWebhookSender;
import ai.omnify.testing.StackExtension;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulator's Shopify webhook sender against the real ingest service (port 0, real Kafka and PostgreSQL): two days
 * of the store's new orders go out signed with the secret the ingest service has, a fifth of them twice and shuffled
 * within two hours. Every webhook is taken, no re-delivery is written again, and the orders on {@code omnify.orders},
 * reduced as the pipeline does (latest {@code updatedAt} per order), equal the sender's truth.
 */
class SimulatorWebhooksIT {
    @RegisterExtension
    static final StackExtension STACK = StackExtension.withTopics(2);

    static final String SECRET = "shpss_simulator_it";
    static TestDatabase db;
    static Topics topics;
    static UUID org;
    static IngestServer server;
    static SyntheticBrand brand;
    static Instant start;

    @BeforeAll
    static void startServer() {
        db = STACK.db();
        org = db.createOrganization("Simulator webhooks IT", "EUR");
        topics = STACK.topics();
        // the simulated days lie in the past: the ingest service refuses orders updated in the future
        start = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        brand = SyntheticBrand.create(SimulationConfig.of(11, 10, start, org.toString()));
        Map<String, String> env = Map.of("SHOPIFY_STORE_URL", "https://" + brand.catalog().store().domain(),
                "SHOPIFY_ACCESS_TOKEN", "shpat_it", "OMNIFY_ORG_ID", org.toString());
        IngestConfig config = new IngestConfig(0, TestStack.kafkaBootstrap(), topics, db.appConfig(), 1024 * 1024,
                Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(30));
        server = IngestServer.start(config, new IngestServer.Sync(new WebhookConfig(SECRET, null, null,
                Duration.ofSeconds(4)), SyncConfig.defaults(), CredentialCipher.of("k1", new byte[32], Map.of()),
                PlatformReaders.NONE, env, "simulator-webhooks-it"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theSimulatorsWebhooksLandOnceEachAndTheLatestOrdersEqualItsTruth() throws Exception {
        Instant end = start.plus(Duration.ofDays(2));
        BrandOrderVersions versions = new BrandOrderVersions(brand, start);
        ShopifyWebhookConfig config = ShopifyWebhookConfig.of(URI.create("http://127.0.0.1:" + server.port()
                        + "/webhooks/shopify"), SECRET, brand.catalog().store().domain(), 11)
                .withDuplicates(0.2, Duration.ofHours(2))
                .withRetries(3, Duration.ofMillis(200), Duration.ofSeconds(1));
        SettableClock clock = new SettableClock(start);
        try (ShopifyWebhookSender sender = new ShopifyWebhookSender(config, (from, to) -> from.isBefore(end)
                ? versions.between(from, to.isAfter(end) ? end : to) : List.of(), clock, start)) {
            for (Instant t = start; t.isBefore(end.plus(Duration.ofHours(5))); t = t.plus(Duration.ofMinutes(15))) {
                clock.set(t);
                sender.tick();
                assertThat(sender.awaitAnswers(Duration.ofSeconds(30))).isTrue();
            }

            ShopifyWebhookSender.Stats stats = sender.stats();
            assertThat(stats.pending()).isZero();
            assertThat(stats.gaveUp()).as("failures %s", stats.failuresByStatus()).isZero();
            assertThat(stats.repeats()).isPositive();
            assertThat(stats.byTopic()).containsKeys("orders/create", "orders/paid", "orders/updated");
            long orderWebhooks = stats.byTopic().entrySet().stream().filter(e -> e.getKey().startsWith("orders/"))
                    .mapToLong(Map.Entry::getValue).sum();

            // each webhook is written once: the re-deliveries (same webhook id) were answered "duplicate"
            List<ConsumerRecord<String, String>> records = TestKafka.awaitRecords(topics.orders(),
                    l -> l.size() >= orderWebhooks, Duration.ofSeconds(60));
            assertThat(records).hasSize((int) orderWebhooks);
            List<OrderEvent> events = records.stream().map(r -> Json.read(r.value(), OrderEvent.class).value()).toList();
            assertThat(events).allSatisfy(e -> assertThat(e.orgId()).isEqualTo(org.toString()));
            assertThat(records).allSatisfy(r -> assertThat(r.key()).startsWith(org + ":"));

            // reduced as the pipeline does: one version per event id, the latest updatedAt per order
            Map<String, OrderEvent> byEvent = events.stream().collect(Collectors.toMap(OrderEvent::eventId, e -> e,
                    (a, b) -> a));
            Map<String, OrderEvent> latest = new HashMap<>();
            byEvent.values().forEach(e -> latest.merge(e.orderId(), e, (a, b) -> b.updatedAt().isAfter(a.updatedAt())
                    ? b : a));
            Map<String, OrderEvent> truth = sender.delivered();
            assertThat(truth).isNotEmpty();
            assertThat(latest.keySet()).isEqualTo(truth.keySet());
            BigDecimal net = BigDecimal.ZERO;
            BigDecimal truthNet = BigDecimal.ZERO;
            for (OrderEvent want : truth.values()) {
                OrderEvent got = latest.get(want.orderId());
                assertThat(got.createdAt()).isEqualTo(want.createdAt());
                assertThat(got.updatedAt()).isEqualTo(want.updatedAt());
                assertThat(got.totalPrice()).isEqualByComparingTo(want.totalPrice());
                assertThat(got.refunded()).isEqualByComparingTo(want.refunded());
                assertThat(got.cancelledAt()).isEqualTo(want.cancelledAt());
                assertThat(got.currency()).isEqualTo(want.currency());
                assertThat(got.landingSite()).isEqualTo(want.landingSite());
                assertThat(got.customerId()).isEqualTo(want.customerId());
                if (want.utm() != null) {
                    assertThat(got.utm()).isEqualTo(want.utm());
                }
                net = net.add(got.netRevenue());
                truthNet = truthNet.add(want.netRevenue());
            }
            assertThat(net).isEqualByComparingTo(truthNet);
        }
    }
}
