package ai.omnify.jobs.detection;

import ai.omnify.model.metrics.MetricsUpdate;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The final totals of one channel or creative for one complete day or hour, as the detectors see them.
 *
 * @param level {@code channel} or {@code creative}
 * @param targetId the channel id or the creative id
 * @param grain {@code day} or {@code hour}
 * @param start start of the window (its date and hour read as UTC: a label that orders windows, see DECISIONS.md)
 * @param end end of the window (exclusive)
 * @param history how many complete windows of this key came before this one (warm-up)
 * @param revenue Shopify-verified attributed revenue
 * @param orders attributed Shopify orders
 * @param frequency creative level only: impressions / reach
 */
public record MetricWindow(
        String orgId,
        String level,
        String targetId,
        String channelId,
        String creativeId,
        String grain,
        Instant start,
        Instant end,
        int history,
        BigDecimal spend,
        long impressions,
        long clicks,
        BigDecimal conversions,
        BigDecimal revenue,
        long orders,
        BigDecimal frequency) {

    public static final String DAY = "day";
    public static final String HOUR = "hour";

    /** The window of a changelog row (its final version), the {@code history}-th closed window of its key. */
    public static MetricWindow of(MetricsUpdate u, int history) {
        boolean creative = MetricsUpdate.CREATIVE.equals(u.level());
        return new MetricWindow(u.orgId(), u.level(), creative ? u.creativeId() : u.channelId(), u.channelId(),
                creative ? u.creativeId() : null, u.grain(), Instant.ofEpochMilli(MetricsRowParser.windowStart(u)),
                Instant.ofEpochMilli(MetricsRowParser.windowEnd(u)), history, u.spend(), u.impressions(), u.clicks(),
                u.conversions(), u.attributedRevenue(), u.attributedOrders(), u.frequency());
    }

    /** The key of its baseline: {@code org|level|target|grain}. */
    public String key() {
        return orgId + "|" + level + "|" + targetId + "|" + grain;
    }

    /** Same slot of the week: day of week for day windows, hour of week for hour windows. */
    public int slot() {
        DayOfWeek dow = start.atZone(ZoneOffset.UTC).getDayOfWeek();
        int d = dow.getValue() - 1;
        return HOUR.equals(grain) ? d * 24 + start.atZone(ZoneOffset.UTC).getHour() : d;
    }

    public double spendValue() {
        return spend == null ? 0 : spend.doubleValue();
    }

    public double conversionsValue() {
        return conversions == null ? 0 : conversions.doubleValue();
    }

    public double revenueValue() {
        return revenue == null ? 0 : revenue.doubleValue();
    }

    /** Clicks per impression, or NaN without impressions. */
    public double ctr() {
        return impressions == 0 ? Double.NaN : (double) clicks / impressions;
    }

    /** Spend per platform conversion; +infinity when spend bought none; NaN without spend. */
    public double cpa() {
        return cpa(spendValue(), conversionsValue());
    }

    /** Spend per conversion; +infinity when spend bought none; NaN without spend. */
    public static double cpa(double spend, double conversions) {
        if (spend <= 0) {
            return Double.NaN;
        }
        return conversions <= 0 ? Double.POSITIVE_INFINITY : spend / conversions;
    }

    /** Attributed revenue per unit of spend, NaN without spend. */
    public double roas() {
        double s = spendValue();
        return s <= 0 ? Double.NaN : revenueValue() / s;
    }

    public double frequencyValue() {
        return frequency == null ? Double.NaN : frequency.doubleValue();
    }
}
