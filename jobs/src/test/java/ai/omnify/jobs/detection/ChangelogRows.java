package ai.omnify.jobs.detection;

import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.metrics.MetricsUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Rows of the metrics changelog, as the MetricsJob writes them. */
public final class ChangelogRows {
    private ChangelogRows() {}

    /** A channel-day row: normal values times the factors (weekends 40% more), at version {@code asOf}. */
    public static MetricsUpdate channelDay(String org, String channel, LocalDate d, double spendF, double convF,
            double orderF, Instant asOf) {
        return channelDay(org, channel, d, spendF, convF, orderF, asOf, asOf);
    }

    /** The same, with the ad data reported at {@code reportedAt} (an order update may have moved {@code asOf}). */
    public static MetricsUpdate channelDay(String org, String channel, LocalDate d, double spendF, double convF,
            double orderF, Instant asOf, Instant reportedAt) {
        MetricWindow w = Windows.day(org, d, 0, spendF, convF, orderF);
        return new MetricsUpdate(org, MetricsUpdate.CHANNEL, MetricsUpdate.DAY, channel, null, Platform.META, "c1",
                "Campaign", d, null, w.spend(), w.impressions(), w.clicks(), w.conversions(), w.revenue(),
                w.revenue(), w.orders(), null, null, null, null, null, null, null, null, null, null, null, reportedAt,
                "EUR", asOf);
    }

    public static String json(MetricsUpdate u) {
        return Json.write(u);
    }

    public static BigDecimal bd(double x) {
        return Windows.bd(x);
    }
}
