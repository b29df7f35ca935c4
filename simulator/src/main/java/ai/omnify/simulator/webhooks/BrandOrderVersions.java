package ai.omnify.simulator.webhooks;

import ai.omnify.model.Platform;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.simulator.orders.Order;
import ai.omnify.simulator.stream.SyntheticBrand;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The store's order versions as the brand's order model makes them (the same orders the fake Shopify API serves), for
 * the orders created after {@code since}: what the simulator announces by webhook while it runs live.
 */
public final class BrandOrderVersions implements ShopifyWebhookSender.VersionSource {
    /** Latest a version follows its order's creation in the order model (refunds at up to 12 days), with margin. */
    private static final int LONGEST_DAYS = 14;
    private static final Platform[] SOURCES = {Platform.META, Platform.GOOGLE, Platform.TIKTOK, Platform.SHOPIFY};

    private final SyntheticBrand brand;
    private final Instant since;

    public BrandOrderVersions(SyntheticBrand brand, Instant since) {
        this.brand = brand;
        this.since = since;
    }

    @Override
    public List<OrderVersion> between(Instant fromExclusive, Instant toInclusive) {
        List<OrderVersion> out = new ArrayList<>();
        Instant scanFrom = fromExclusive.minus(LONGEST_DAYS, ChronoUnit.DAYS);
        if (scanFrom.isBefore(since)) {
            scanFrom = since;
        }
        for (Platform source : SOURCES) {
            ZoneId zone = source == Platform.SHOPIFY ? brand.catalog().store().zone()
                    : brand.catalog().account(source).zone();
            LocalDate d = LocalDate.ofInstant(scanFrom, zone).minusDays(1);
            LocalDate first = brand.firstDates().get(source);
            if (d.isBefore(first)) {
                d = first;
            }
            for (LocalDate last = LocalDate.ofInstant(toInclusive, zone); !d.isAfter(last); d = d.plusDays(1)) {
                for (Order o : brand.orders().ordersOf(source, d)) {
                    if (!o.versions().get(0).createdAt().isAfter(since)) {
                        continue;
                    }
                    BigDecimal previous = BigDecimal.ZERO;
                    for (int i = 0; i < o.versions().size(); i++) {
                        OrderEvent v = o.versions().get(i);
                        if (v.updatedAt().isAfter(fromExclusive) && !v.updatedAt().isAfter(toInclusive)) {
                            out.add(new OrderVersion(v, i, previous));
                        }
                        previous = v.refunded() == null ? BigDecimal.ZERO : v.refunded();
                    }
                }
            }
        }
        out.sort(Comparator.comparing((OrderVersion v) -> v.event().updatedAt()).thenComparing(v -> v.event().orderId()));
        return out;
    }
}
