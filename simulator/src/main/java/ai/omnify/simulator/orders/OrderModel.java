package ai.omnify.simulator.orders;

import ai.omnify.model.Platform;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.simulator.brand.Ad;
import ai.omnify.simulator.brand.AdAccount;
import ai.omnify.simulator.brand.BrandCatalog;
import ai.omnify.simulator.brand.Store;
import ai.omnify.simulator.incident.Incidents;
import ai.omnify.simulator.performance.AdDay;
import ai.omnify.simulator.performance.Conversion;
import ai.omnify.simulator.performance.HourlyProfile;
import ai.omnify.simulator.performance.PerformanceModel;
import ai.omnify.simulator.performance.Seasonality;
import ai.omnify.simulator.random.Rng;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Shopify store's orders. Paid orders follow the ad platforms' true conversions (a share of them, per platform:
 * platforms over-attribute), at the purchase time, worth the purchase converted to the store currency; organic orders
 * follow the same weekly seasonality and trend. Each order is created, some are updated (fulfilled), some partly
 * refunded, a few cancelled; every version is delivered once, some twice, some late enough to arrive after a newer
 * version. Computed per (source, day) from its own random stream, so any day can be computed alone.
 */
public final class OrderModel {
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    /** Latest a version can be delivered after its order was created (refund at 12 days, late delivery, re-send). */
    static final int MAX_DELIVERY_DAYS = 16;
    static final String SOURCE = "simulator";

    /** The kinds of order source, each with its own id range. */
    private static final Platform[] SOURCES = {Platform.META, Platform.GOOGLE, Platform.TIKTOK, Platform.SHOPIFY};

    private final BrandCatalog catalog;
    private final PerformanceModel performance;
    private final Incidents incidents;
    private final String orgId;
    private final Map<Platform, LocalDate> firstDates;
    private final Map<Long, List<Order>> cache = new HashMap<>();

    /**
     * @param firstDates first day with orders per source (ad platforms in the account's zone, SHOPIFY for organic
     *     orders in the store's zone)
     */
    public OrderModel(PerformanceModel performance, String orgId, Map<Platform, LocalDate> firstDates) {
        this.catalog = performance.catalog();
        this.performance = performance;
        this.incidents = performance.incidents();
        this.orgId = orgId;
        this.firstDates = Map.copyOf(firstDates);
    }

    /** Deliveries with {@code fromExclusive < at <= toInclusive}, by delivery time (then order id, then version). */
    public List<Delivery> deliveriesBetween(Instant fromExclusive, Instant toInclusive) {
        long from = fromExclusive.toEpochMilli();
        long to = toInclusive.toEpochMilli();
        List<Delivery> out = new ArrayList<>();
        for (Platform source : SOURCES) {
            ZoneId zone = zone(source);
            LocalDate first = firstDates.get(source);
            LocalDate d = LocalDate.ofInstant(fromExclusive, zone).minusDays(MAX_DELIVERY_DAYS);
            LocalDate last = LocalDate.ofInstant(toInclusive, zone);
            if (d.isBefore(first)) {
                d = first;
            }
            for (; !d.isAfter(last); d = d.plusDays(1)) {
                for (Order o : ordersOf(source, d)) {
                    for (Delivery del : o.deliveries()) {
                        if (del.atMillis() > from && del.atMillis() <= to) {
                            out.add(del);
                        }
                    }
                }
            }
        }
        out.sort(Comparator.comparingLong(Delivery::atMillis)
                .thenComparing(del -> del.event().orderId())
                .thenComparing(del -> del.event().updatedAt())
                .thenComparing(Delivery::redelivery));
        return out;
    }

    /** Orders of one source on one day: paid orders of an ad platform's account day, or the store's organic orders. */
    public synchronized List<Order> ordersOf(Platform source, LocalDate date) {
        long key = source.ordinal() * 1_000_000L + date.toEpochDay();
        List<Order> orders = cache.get(key);
        if (orders == null) {
            orders = source == Platform.SHOPIFY ? organic(date) : paid(catalog.account(source), date);
            cache.put(key, orders);
        }
        return orders;
    }

    public synchronized void evictBefore(LocalDate date) {
        long limit = date.toEpochDay();
        cache.keySet().removeIf(k -> k % 1_000_000L < limit);
    }

    private ZoneId zone(Platform source) {
        return source == Platform.SHOPIFY ? catalog.store().zone() : catalog.account(source).zone();
    }

    private List<Order> paid(AdAccount account, LocalDate date) {
        List<Order> orders = new ArrayList<>();
        int seq = 0;
        for (Ad ad : catalog.ads()) {
            if (!ad.campaign().account().equals(account) || !ad.deliversOn(date)) {
                continue;
            }
            AdDay day = performance.adDay(ad, date);
            for (Conversion c : day.conversions()) {
                Rng r = Rng.of(catalog.seed(), "paid-order", ad.index(), date.toEpochDay(), c.seq());
                double keep = account.orderShare();
                if (!incidents.all().isEmpty()) {
                    keep *= incidents.effectOn(ad, day.slotStart(c.slot()).toEpochMilli()).orders();
                }
                if (!r.chance(keep)) {
                    continue;
                }
                long created = c.eventAtMillis() + r.between(0L, 2 * MINUTE);
                long cents = Math.max(100, Math.round(c.orderValueCents() * account.storeRate() * r.uniform(0.97, 1.03)));
                LandingSites.Visit visit = LandingSites.paid(account.platform(), ad.campaign().campaignId(), ad.adId(), r);
                String orderId = orderId(account.platform(), date, seq++);
                orders.add(order(orderId, created, cents, visit, r, account.platform(), ad.campaign().campaignId(),
                        ad.adId()));
            }
        }
        return orders;
    }

    private List<Order> organic(LocalDate date) {
        Store store = catalog.store();
        Rng r = Rng.of(catalog.seed(), "organic-day", date.toEpochDay());
        long daysSinceStart = ChronoUnit.DAYS.between(catalog.firstDay(), date);
        int n = r.poisson(store.organicOrdersPerDay() * Seasonality.demand(date.getDayOfWeek())
                * Seasonality.trend(daysSinceStart) * r.noise(0.08));
        ZonedDateTime start = date.atStartOfDay(store.zone());
        long startMillis = start.toInstant().toEpochMilli();
        int hours = (int) ((date.plusDays(1).atStartOfDay(store.zone()).toInstant().toEpochMilli() - startMillis) / HOUR);
        double[] weights = new double[hours];
        for (int h = 0; h < hours; h++) {
            weights[h] = HourlyProfile.weight(ZonedDateTime.ofInstant(Instant.ofEpochMilli(startMillis + h * HOUR),
                    store.zone()).getHour());
        }
        List<Order> orders = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Rng o = Rng.of(catalog.seed(), "organic-order", date.toEpochDay(), i);
            long created = startMillis + o.weighted(weights) * HOUR + o.between(0L, HOUR - 1);
            long cents = Math.max(800, Math.round(store.averageOrderValue() * o.noise(0.45) * 100));
            orders.add(order(orderId(Platform.SHOPIFY, date, i), created, cents, LandingSites.organic(o), o, null,
                    null, null));
        }
        orders.sort(Comparator.comparing(Order::orderId));
        return orders;
    }

    /** Unique by construction: the day, the source and the sequence number each have their own digits. */
    static String orderId(Platform source, LocalDate date, int seq) {
        if (seq >= 100_000) {
            throw new IllegalStateException("more than 100000 orders from one source on " + date);
        }
        long id = 5_000_000_000_000L + (date.toEpochDay() * SOURCES.length + source.ordinal()) * 100_000L + seq;
        return Long.toString(id);
    }

    private Order order(String orderId, long created, long cents, LandingSites.Visit visit, Rng r, Platform platform,
            String campaignId, String adId) {
        Store store = catalog.store();
        BigDecimal total = BigDecimal.valueOf(cents, 2);
        String customer = r.chance(0.25) ? "cust_" + (10_000_000 + r.between(0, 4_999))
                : "cust_" + r.digits(10);
        List<OrderEvent> versions = new ArrayList<>();
        Instant createdAt = Instant.ofEpochMilli(created);
        versions.add(version(orderId, 0, createdAt, createdAt, total, BigDecimal.ZERO, null, customer, visit));
        double fate = r.uniform();
        if (fate < 0.025) {
            Instant at = createdAt.plusMillis(r.between(20 * MINUTE, 20 * HOUR));
            versions.add(version(orderId, 1, createdAt, at, total, total, at, customer, visit));
        } else {
            if (r.chance(0.35)) {
                Instant at = createdAt.plusMillis(r.between(2 * HOUR, 30 * HOUR));
                versions.add(version(orderId, versions.size(), createdAt, at, total, BigDecimal.ZERO, null, customer, visit));
            }
            if (r.chance(0.07)) {
                Instant at = createdAt.plusMillis(r.between(2 * DAY, 12 * DAY));
                BigDecimal refunded = BigDecimal.valueOf(Math.max(1, Math.round(cents * r.uniform(0.15, 0.6))), 2);
                versions.add(version(orderId, versions.size(), createdAt, at, total, refunded, null, customer, visit));
            }
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (OrderEvent v : versions) {
            long at = v.updatedAt().toEpochMilli() + deliveryDelay(r);
            deliveries.add(new Delivery(at, v, false));
            if (r.chance(0.04)) {
                deliveries.add(new Delivery(at + r.between(5_000L, 48 * HOUR), v, true));
            }
        }
        return new Order(orderId, versions, deliveries, platform, campaignId, adId);
    }

    private OrderEvent version(String orderId, int n, Instant createdAt, Instant updatedAt, BigDecimal total,
            BigDecimal refunded, Instant cancelledAt, String customer, LandingSites.Visit visit) {
        String eventId = UUID.nameUUIDFromBytes(("order-event|" + catalog.seed() + "|" + orderId + "|" + n)
                .getBytes(StandardCharsets.UTF_8)).toString();
        return new OrderEvent(orgId, orderId, eventId, createdAt, updatedAt, total, catalog.store().currency(),
                refunded, customer, visit.landingSite(), visit.referringSite(), visit.utm(), cancelledAt, SOURCE);
    }

    /** Most webhooks arrive within seconds; some minutes late; a few hours late. */
    private static long deliveryDelay(Rng r) {
        double p = r.uniform();
        if (p < 0.88) {
            return r.between(1_000L, 20_000L);
        }
        if (p < 0.98) {
            return r.between(MINUTE, 15 * MINUTE);
        }
        return r.between(HOUR, 6 * HOUR);
    }
}
