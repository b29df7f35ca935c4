package ai.omnify.ingest.platform;

import ai.omnify.ingest.sync.SyncOutput;
import ai.omnify.ingest.sync.SyncRequest;
import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.Utm;
import ai.omnify.simulator.fakes.FakePlatforms;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The simulator's fake platforms on a loopback port, serving a 90-day brand as of a fixed instant, and platform
 * clients pointed at them with short waits. One per test class.
 */
public final class FakeHarness implements AutoCloseable {
    public static final Instant NOW = Instant.parse("2026-11-25T22:09:42.123Z");
    public static final UUID ORG = UUID.fromString("3b1f6a2e-5d7c-4e8a-9f00-0123456789ab");
    private static SyntheticBrand brand;

    public final FakePlatforms fakes;

    public FakeHarness() {
        this.fakes = FakePlatforms.start(brand(), Clock.fixed(NOW, ZoneOffset.UTC), "127.0.0.1", 0);
        // tests that are not about Shopify's cost limit get a bucket that never runs dry
        fakes.shopify().bucket(1e9, 1e9);
    }

    /** The 90-day brand, shared by the tests of one JVM (its models cache what they computed). */
    public static synchronized SyntheticBrand brand() {
        if (brand == null) {
            brand = SyntheticBrand.create(SimulationConfig.of(42, 90, NOW, ORG.toString()));
        }
        return brand;
    }

    @Override
    public void close() {
        fakes.stop();
    }

    /** Client settings for tests: the fakes' base URLs, short backoffs and polls, then {@code overrides}. */
    public Map<String, String> env(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(fakes.clientEnv(fakes.baseUrl()));
        env.put("PLATFORM_RETRY_INITIAL", "10ms");
        env.put("PLATFORM_RETRY_MAX", "200ms");
        env.put("PLATFORM_REQUEST_TIMEOUT", "3s");
        env.put("PLATFORM_BREAKER_WINDOW", "20");
        env.put("META_ASYNC_POLL_INITIAL", "10ms");
        env.put("META_ASYNC_POLL_MAX", "50ms");
        env.put("SHOPIFY_BULK_POLL_INITIAL", "10ms");
        env.put("GOOGLE_ADS_CLIENT_ID", "fake-client-id");
        env.put("GOOGLE_ADS_CLIENT_SECRET", "fake-client-secret");
        env.put("GOOGLE_ADS_MAX_RPS", "1000");
        env.put("TIKTOK_MAX_RPS", "1000");
        env.put("TIKTOK_THROTTLE_PAUSE", "50ms");
        env.putAll(overrides);
        return env;
    }

    public PlatformClients clients(Map<String, String> overrides) {
        return clients(overrides, Sleeper.SYSTEM);
    }

    public PlatformClients clients(Map<String, String> overrides, Sleeper sleeper) {
        return new PlatformClients(PlatformClientsConfig.fromEnv(env(overrides)), Clock.systemUTC(), sleeper);
    }

    public static SyncRequest adRequest(Platform p, String account, Map<String, String> credentials, LocalDate from,
            LocalDate to, String resume) {
        return new SyncRequest(ORG, UUID.nameUUIDFromBytes(("conn-" + p.wire()).getBytes()), p, account, credentials,
                from, to, null, resume);
    }

    public static SyncRequest shopRequest(String shop, String token, Instant since, String resume) {
        return new SyncRequest(ORG, UUID.nameUUIDFromBytes("conn-shopify".getBytes()), Platform.SHOPIFY, shop,
                Map.of("access_token", token), null, null, since, resume);
    }

    /** Collects what a reader hands over. */
    public static final class Collected implements SyncOutput {
        public final List<AdInsight> insights = new ArrayList<>();
        public final List<OrderEvent> orders = new ArrayList<>();
        public final List<String> cursors = new ArrayList<>();
        public final List<Integer> rowsAtPage = new ArrayList<>();
        public Integer pagesTotal;

        @Override
        public void insight(AdInsight snapshot) {
            insights.add(snapshot);
        }

        @Override
        public void order(OrderEvent order) {
            orders.add(order);
        }

        @Override
        public void pageDone(String nextCursor, int pagesDone, Integer total) {
            cursors.add(nextCursor);
            rowsAtPage.add(insights.size() + orders.size());
            pagesTotal = total;
        }
    }

    /** What must match between a client's snapshot and the truth (not who read it or when). */
    public record InsightView(Platform platform, String accountId, String campaignId, String campaignName, String adId,
            String adName, LocalDate date, Integer hour, BigDecimal spend, Long impressions, Long clicks,
            BigDecimal conversions, BigDecimal conversionValue, Long reach, String currency, String timeZone) {}

    public static InsightView view(AdInsight i) {
        return new InsightView(i.platform(), i.accountId(), i.campaignId(), i.campaignName(), i.adId(), i.adName(),
                i.date(), i.hour(), norm(i.spend()), i.impressions(), i.clicks(), norm(i.conversions()),
                norm(i.conversionValue()), i.reach(), i.currency(), i.timeZone());
    }

    public record OrderView(String orderId, Instant createdAt, Instant updatedAt, BigDecimal totalPrice, String currency,
            BigDecimal refunded, String customerId, String landingSite, String referringSite, Utm utm,
            Instant cancelledAt) {}

    public static OrderView view(OrderEvent o) {
        return new OrderView(o.orderId(), o.createdAt(), o.updatedAt(), norm(o.totalPrice()), o.currency(),
                norm(o.refunded() == null ? BigDecimal.ZERO : o.refunded()), o.customerId(), o.landingSite(),
                o.referringSite(), o.utm(), o.cancelledAt());
    }

    /** Views keyed by snapshot identity; fails on a key seen twice (a duplicated ad-day). */
    public static Map<String, InsightView> byKey(List<AdInsight> rows) {
        Map<String, InsightView> m = new LinkedHashMap<>();
        for (AdInsight i : rows) {
            String key = i.adId() + ":" + i.date() + (i.hour() == null ? "" : ":" + i.hour());
            if (m.put(key, view(i)) != null) {
                throw new AssertionError("ad-day read twice: " + key);
            }
        }
        return m;
    }

    public static Map<String, OrderView> ordersByKey(List<OrderEvent> rows) {
        Map<String, OrderView> m = new LinkedHashMap<>();
        for (OrderEvent o : rows) {
            if (m.put(o.orderId(), view(o)) != null) {
                throw new AssertionError("order read twice: " + o.orderId());
            }
        }
        return m;
    }

    static BigDecimal norm(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
