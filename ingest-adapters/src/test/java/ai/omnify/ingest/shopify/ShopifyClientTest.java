package ai.omnify.ingest.shopify;

import static ai.omnify.ingest.platform.FakeHarness.ordersByKey;
import static ai.omnify.ingest.platform.FakeHarness.shopRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.ingest.platform.FakeHarness;
import ai.omnify.ingest.platform.PlatformClients;
import ai.omnify.ingest.sync.PlatformException;
import ai.omnify.ingest.sync.SyncRequest;
import ai.omnify.ingest.sync.SyncSummary;
import ai.omnify.model.Platform;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.simulator.fakes.Faults;
import ai.omnify.simulator.fakes.shopify.FakeShopify;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Shopify client against the simulator's fake GraphQL Admin API over loopback HTTP. */
class ShopifyClientTest {
    private static final String SHOP = "fieldhouse-outfitters.myshopify.com";
    private FakeHarness harness;

    @BeforeEach
    void start() {
        harness = new FakeHarness();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private FakeHarness.Collected read(PlatformClients clients, SyncRequest r) throws PlatformException {
        FakeHarness.Collected out = new FakeHarness.Collected();
        clients.reader(Platform.SHOPIFY).read(r, out);
        return out;
    }

    private Map<String, FakeHarness.OrderView> truth(Instant since) {
        return ordersByKey(harness.fakes.truth().ordersUpdatedSince(since));
    }

    @Test
    void fullBackfillThroughABulkOperationEqualsTheGroundTruth() throws Exception {
        PlatformClients clients = harness.clients(Map.of());
        FakeHarness.Collected out = new FakeHarness.Collected();
        SyncSummary s = clients.reader(Platform.SHOPIFY).read(shopRequest(SHOP, FakeShopify.TOKEN, null, null), out);

        Map<String, FakeHarness.OrderView> truth = truth(null);
        assertThat(truth).hasSizeGreaterThan(10_000);
        assertThat(ordersByKey(out.orders)).isEqualTo(truth);
        assertThat(out.orders).allSatisfy(o -> {
            assertThat(o.source()).isEqualTo("poll");
            assertThat(o.currency()).isEqualTo("EUR");
            assertThat(o.eventId()).isEqualTo("poll:" + o.orderId() + ":" + o.updatedAt());
        });
        assertThat(out.orders).anySatisfy(o -> assertThat(o.refunded()).isPositive());
        assertThat(out.orders).anySatisfy(o -> assertThat(o.cancelledAt()).isNotNull());
        assertThat(out.orders).anySatisfy(o -> assertThat(o.utm()).isNotNull());
        assertThat(out.orders).anySatisfy(o -> assertThat(o.landingSite()).contains("fbclid="));
        assertThat(s.rows()).isEqualTo(truth.size());
        // the result is handed over in pages of 250 lines; each cursor names the bulk operation and the lines done
        assertThat(out.cursors).hasSize((truth.size() + 249) / 250).last().isNull();
        assertThat(out.cursors.subList(0, out.cursors.size() - 1)).allSatisfy(c -> assertThat(c)
                .startsWith("{\"bulk\":\"gid://shopify/BulkOperation/").contains("\"url\":"));
        assertThat(out.cursors.get(0)).endsWith("\"lines\":250}");
        assertThat(out.pagesTotal).isEqualTo((truth.size() + 249) / 250);
    }

    @Test
    void fullBackfillByPagesEqualsTheGroundTruth() throws Exception {
        PlatformClients clients = harness.clients(Map.of("SHOPIFY_BULK_MIN_DAYS", "0", "SHOPIFY_PAGE_SIZE", "250"));
        FakeHarness.Collected out = read(clients, shopRequest(SHOP, FakeShopify.TOKEN, null, null));
        Map<String, FakeHarness.OrderView> truth = truth(null);
        assertThat(ordersByKey(out.orders)).isEqualTo(truth);
        assertThat(out.cursors).hasSize((truth.size() + 249) / 250);
    }

    @Test
    void incrementalByUpdatedAtPagesAndResumesAfterTheLastFinishedPage() throws Exception {
        PlatformClients clients = harness.clients(Map.of("SHOPIFY_PAGE_SIZE", "50"));
        Instant since = FakeHarness.NOW.minus(Duration.ofDays(3));
        FakeHarness.Collected all = read(clients, shopRequest(SHOP, FakeShopify.TOKEN, since, null));
        Map<String, FakeHarness.OrderView> truth = truth(since);
        assertThat(ordersByKey(all.orders)).isEqualTo(truth);
        assertThat(truth.size()).isLessThan(truth(null).size());
        assertThat(all.cursors.size()).isGreaterThan(5);

        int stopAfter = 4;
        int before = all.rowsAtPage.get(stopAfter - 1);
        FakeHarness.Collected rest = read(clients, shopRequest(SHOP, FakeShopify.TOKEN, since,
                all.cursors.get(stopAfter - 1)));
        assertThat(rest.orders).hasSize(truth.size() - before);
        List<OrderEvent> joined = new ArrayList<>(all.orders.subList(0, before));
        joined.addAll(rest.orders);
        assertThat(ordersByKey(joined)).isEqualTo(truth);
    }

    @Test
    void waitsForTheCostBucketInsteadOfBeingThrottled() throws Exception {
        harness.fakes.shopify().bucket(500, 400);
        PlatformClients clients = harness.clients(Map.of("SHOPIFY_PAGE_SIZE", "100"));
        Instant since = FakeHarness.NOW.minus(Duration.ofDays(4));
        FakeHarness.Collected out = new FakeHarness.Collected();
        SyncSummary s = clients.reader(Platform.SHOPIFY).read(shopRequest(SHOP, FakeShopify.TOKEN, since, null), out);

        assertThat(ordersByKey(out.orders)).isEqualTo(truth(since));
        assertThat(s.pages()).isGreaterThan(3); // more than the bucket holds at once (202 points a page)
        assertThat(harness.fakes.shopify().stats().quotaRefusals()).isZero();
        assertThat(s.throttled()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Faults.Mode.class, names = {"THROTTLE", "ERROR_5XX", "SLOW", "MALFORMED"})
    void recoversFromEachFaultWithNoLostAndNoDuplicatedOrder(Faults.Mode mode) throws Exception {
        harness.fakes.shopify().faults().arm(new Faults.Fault(mode, 3, 2, 1500));
        PlatformClients clients = harness.clients(Map.of("SHOPIFY_PAGE_SIZE", "100", "PLATFORM_REQUEST_TIMEOUT", "1s"));
        Instant since = FakeHarness.NOW.minus(Duration.ofDays(5));
        FakeHarness.Collected out = read(clients, shopRequest(SHOP, FakeShopify.TOKEN, since, null));

        assertThat(harness.fakes.shopify().faults().fired(mode)).isEqualTo(2);
        assertThat(ordersByKey(out.orders)).isEqualTo(truth(since));
    }

    @Test
    void aFailedBulkOperationFallsBackToPages() throws Exception {
        harness.fakes.shopify().faults().arm(new Faults.Fault(Faults.Mode.ASYNC_FAIL, 0, 1, 0));
        PlatformClients clients = harness.clients(Map.of("SHOPIFY_PAGE_SIZE", "250"));
        FakeHarness.Collected out = read(clients, shopRequest(SHOP, FakeShopify.TOKEN, null, null));
        assertThat(harness.fakes.shopify().faults().fired(Faults.Mode.ASYNC_FAIL)).isEqualTo(1);
        assertThat(ordersByKey(out.orders)).isEqualTo(truth(null));
    }

    @Test
    void withoutCustomerJourneyAccessOrdersAreReadWithoutIt() throws Exception {
        harness.fakes.shopify().journeyGranted(false);
        PlatformClients clients = harness.clients(Map.of("SHOPIFY_PAGE_SIZE", "100"));
        Instant since = FakeHarness.NOW.minus(Duration.ofDays(2));
        FakeHarness.Collected out = read(clients, shopRequest(SHOP, FakeShopify.TOKEN, since, null));
        assertThat(out.orders).hasSize(truth(since).size()).allSatisfy(o -> {
            assertThat(o.landingSite()).isNull();
            assertThat(o.utm()).isNull();
        });
        assertThat(out.orders.stream().map(OrderEvent::orderId)).containsExactlyElementsOf(truth(since).keySet());
    }

    @Test
    void anExpiredTokenIsPermanentAndNotRetried() {
        harness.fakes.shopify().faults().arm(new Faults.Fault(Faults.Mode.EXPIRED_TOKEN, 0, -1, 0));
        PlatformClients clients = harness.clients(Map.of());
        assertThatThrownBy(() -> read(clients, shopRequest(SHOP, FakeShopify.TOKEN, Instant.EPOCH.plusSeconds(1), null)))
                .isInstanceOf(PlatformException.Permanent.class)
                .hasMessageContaining("HTTP 401");
        assertThat(harness.fakes.shopify().stats().requests()).isEqualTo(1);
    }
}
