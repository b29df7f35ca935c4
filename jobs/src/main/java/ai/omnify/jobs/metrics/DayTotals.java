package ai.omnify.jobs.metrics;

import ai.omnify.model.Platform;
import ai.omnify.model.metrics.MetricMath;
import ai.omnify.model.metrics.MetricsUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Exact running sums for one output row, and the row they make. Mutable, local to one computation. */
final class DayTotals {
    BigDecimal spend = BigDecimal.ZERO;
    long impressions;
    long clicks;
    BigDecimal conversions = BigDecimal.ZERO;
    BigDecimal conversionValue = BigDecimal.ZERO;
    BigDecimal attributedRevenue = BigDecimal.ZERO;
    long attributedOrders;
    BigDecimal storeRevenue = BigDecimal.ZERO;
    long storeOrders;
    Long reach;
    Instant asOf;
    Instant reportedAt;
    String currency;

    /** Adds an ad snapshot's delivery and platform-reported results. */
    DayTotals addAd(Contribution c) {
        spend = spend.add(nz(c.spend()));
        impressions += c.impressions();
        clicks += c.clicks();
        conversions = conversions.add(nz(c.conversions()));
        conversionValue = conversionValue.add(nz(c.conversionValue()));
        reportedAt = max(reportedAt, c.version());
        return seen(c);
    }

    /** Adds an order as attributed revenue. */
    DayTotals addAttributed(Contribution c) {
        attributedRevenue = attributedRevenue.add(nz(c.revenue()));
        attributedOrders += c.orders();
        return seen(c);
    }

    /** Adds an order as store revenue (org level). */
    DayTotals addStore(Contribution c) {
        storeRevenue = storeRevenue.add(nz(c.revenue()));
        storeOrders += c.orders();
        return seen(c);
    }

    /** Adds a channel's day totals (org level). */
    DayTotals addChannel(Contribution c) {
        spend = spend.add(nz(c.spend()));
        impressions += c.impressions();
        clicks += c.clicks();
        conversions = conversions.add(nz(c.conversions()));
        conversionValue = conversionValue.add(nz(c.conversionValue()));
        attributedRevenue = attributedRevenue.add(nz(c.revenue()));
        attributedOrders += c.orders();
        return seen(c);
    }

    private DayTotals seen(Contribution c) {
        asOf = max(asOf, c.version());
        if (c.currency() != null) {
            currency = c.currency();
        }
        return this;
    }

    MetricsUpdate toUpdate(String orgId, String level, String grain, String channelId, String creativeId,
            Platform platform, String externalId, String name, LocalDate date, Integer hour, String daySource) {
        boolean creative = MetricsUpdate.CREATIVE.equals(level);
        boolean org = MetricsUpdate.ORG.equals(level);
        return new MetricsUpdate(orgId, level, grain, channelId, creativeId, platform, externalId, name, date, hour,
                spend, impressions, clicks, conversions, conversionValue, attributedRevenue, attributedOrders,
                creative ? reach : null,
                creative ? MetricMath.frequency(impressions, reach) : null,
                MetricMath.roas(conversionValue, spend), MetricMath.cpa(spend, conversions),
                MetricMath.ctr(clicks, impressions), MetricMath.cpc(spend, clicks), MetricMath.cpm(spend, impressions),
                org ? storeRevenue : null, org ? storeOrders : null, org ? MetricMath.mer(storeRevenue, spend) : null,
                daySource, org ? null : micros(reportedAt), currency, micros(asOf));
    }

    /**
     * A row's times at PostgreSQL's precision (microseconds). A day corrected from its stored items gets its times
     * back from the database: with the live row's nanoseconds its {@code asOf} read as older than the live row's, and
     * the DetectionJob, which keeps the newest version, dropped the corrected day (a demo's Google channel-days judged
     * without the orders their correction added: false tracking breaks).
     */
    static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    static BigDecimal nz(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    static Instant max(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
