package ai.omnify.simulator.stream;

import ai.omnify.model.Platform;
import ai.omnify.simulator.brand.AdAccount;
import ai.omnify.simulator.brand.BrandCatalog;
import ai.omnify.simulator.orders.OrderModel;
import ai.omnify.simulator.performance.PerformanceModel;
import ai.omnify.simulator.reporting.ReportingModel;
import ai.omnify.simulator.reporting.ReportingWindow;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

/**
 * The synthetic brand: catalog, true performance, what the platforms report, and the store's orders, all derived from
 * one {@link SimulationConfig}. Pure (no I/O); {@link #stream()} turns it into the lines sent to Omnify.
 */
public final class SyntheticBrand {
    private final SimulationConfig config;
    private final BrandCatalog catalog;
    private final PerformanceModel performance;
    private final ReportingModel reporting;
    private final OrderModel orders;
    private final Map<Platform, LocalDate> firstDates;

    private SyntheticBrand(SimulationConfig config) {
        this.config = config;
        LocalDate firstDay = LocalDate.ofInstant(config.now(), ZoneOffset.UTC).minusDays(config.days());
        this.catalog = BrandCatalog.generate(config.seed(), firstDay, config.days());
        this.performance = new PerformanceModel(catalog, config.incidents());
        Map<Platform, ReportingWindow> windows = new EnumMap<>(Platform.class);
        Map<Platform, LocalDate> first = new EnumMap<>(Platform.class);
        for (AdAccount account : catalog.accounts()) {
            LocalDate today = ReportingModel.localDate(account, config.now());
            LocalDate hourlyFrom = config.hourlyDays() == 0 ? LocalDate.MAX : today.minusDays(config.hourlyDays() - 1L);
            windows.put(account.platform(),
                    new ReportingWindow(today.minusDays(config.days()), hourlyFrom, config.restateDays()));
            first.put(account.platform(), today.minusDays(config.days()));
        }
        first.put(Platform.SHOPIFY, LocalDate.ofInstant(config.now(), catalog.store().zone()).minusDays(config.days()));
        this.firstDates = Map.copyOf(first);
        this.reporting = new ReportingModel(performance, config.orgId(), windows);
        this.orders = new OrderModel(performance, config.orgId(), first);
    }

    public static SyntheticBrand create(SimulationConfig config) {
        return new SyntheticBrand(config);
    }

    public SimulationConfig config() {
        return config;
    }

    public BrandCatalog catalog() {
        return catalog;
    }

    public PerformanceModel performance() {
        return performance;
    }

    public ReportingModel reporting() {
        return reporting;
    }

    public OrderModel orders() {
        return orders;
    }

    /** First reported day per source (ad platforms in the account's zone; SHOPIFY in the store's). */
    public Map<Platform, LocalDate> firstDates() {
        return firstDates;
    }

    /** A new stream over this brand: history day by day, then live ticks. */
    public FeedStream stream() {
        return new FeedStream(this);
    }
}
