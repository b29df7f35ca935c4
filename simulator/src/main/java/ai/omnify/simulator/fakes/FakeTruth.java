package ai.omnify.simulator.fakes;

import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.simulator.brand.AdAccount;
import ai.omnify.simulator.orders.Order;
import ai.omnify.simulator.reporting.ReportingModel;
import ai.omnify.simulator.stream.SyntheticBrand;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the fake platforms serve, straight from the synthetic brand: the ground truth a client's read must equal. Ad
 * rows are as the platform knows them at the fakes' clock (recent days keep changing as late conversions are
 * reported: the restatement); orders are each order's latest version updated by then.
 */
public final class FakeTruth {
    private static final Platform[] ORDER_SOURCES = {Platform.META, Platform.GOOGLE, Platform.TIKTOK, Platform.SHOPIFY};

    private final SyntheticBrand brand;
    private final Clock clock;
    private Instant cachedAt;
    private List<OrderEvent> cachedOrders;

    public FakeTruth(SyntheticBrand brand, Clock clock) {
        this.brand = brand;
        this.clock = clock;
    }

    public SyntheticBrand brand() {
        return brand;
    }

    public Instant now() {
        return clock.instant();
    }

    public AdAccount account(Platform platform) {
        return brand.catalog().account(platform);
    }

    /** The account's first reported day and its today. */
    public LocalDate firstDate(Platform platform) {
        return brand.firstDates().get(platform);
    }

    public LocalDate today(Platform platform) {
        return ReportingModel.localDate(account(platform), now());
    }

    /** Day rows of {@code platform} from {@code from} to {@code to}, by date then ad id, as reported now. */
    public List<AdInsight> insights(Platform platform, LocalDate from, LocalDate to) {
        return insights(platform, from, to, now());
    }

    public List<AdInsight> insights(Platform platform, LocalDate from, LocalDate to, Instant at) {
        AdAccount account = account(platform);
        List<AdInsight> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            List<AdInsight> day = new ArrayList<>(brand.reporting().dayRows(account, d, at));
            day.sort(Comparator.comparing(AdInsight::adId));
            out.addAll(day);
        }
        return out;
    }

    /** Every order's latest version updated by now, by updatedAt then order id. */
    public synchronized List<OrderEvent> orders() {
        Instant now = now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (!now.equals(cachedAt)) {
            List<OrderEvent> out = new ArrayList<>();
            for (Platform source : ORDER_SOURCES) {
                LocalDate last = source == Platform.SHOPIFY
                        ? LocalDate.ofInstant(now, brand.catalog().store().zone())
                        : ReportingModel.localDate(account(source), now);
                for (LocalDate d = brand.firstDates().get(source); !d.isAfter(last); d = d.plusDays(1)) {
                    for (Order o : brand.orders().ordersOf(source, d)) {
                        OrderEvent latest = null;
                        for (OrderEvent v : o.versions()) {
                            if (!v.updatedAt().isAfter(now)) {
                                latest = v;
                            }
                        }
                        if (latest != null) {
                            out.add(latest);
                        }
                    }
                }
            }
            out.sort(Comparator.comparing(OrderEvent::updatedAt).thenComparing(OrderEvent::orderId));
            cachedOrders = List.copyOf(out);
            cachedAt = now;
        }
        return cachedOrders;
    }

    /** Orders updated at or after {@code since} (all when null). */
    public List<OrderEvent> ordersUpdatedSince(Instant since) {
        return since == null ? orders() : orders().stream().filter(o -> !o.updatedAt().isBefore(since)).toList();
    }
}
