package ai.omnify.jobs.brain;

import ai.omnify.model.Ids;
import ai.omnify.model.Platform;
import ai.omnify.model.metrics.MetricsUpdate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Day rows of a brand with known truth: three channels with revenue = a * spend^b (weekly pattern, noise, spend
 * varying day to day), two creatives per channel (the second of channel "meta" fatiguing from day 20), and org rows.
 */
public final class SyntheticDays {
    public static final LocalDate FIRST = LocalDate.of(2026, 9, 1);
    public static final double[] WEEK = {1.0, 1.1, 1.05, 0.95, 0.9, 1.2, 0.8};

    public record Channel(Platform platform, String campaign, String name, double a, double b, double spend) {}

    public static final List<Channel> CHANNELS = List.of(
            new Channel(Platform.META, "c-meta", "Meta prospecting", 40, 0.5, 100),
            new Channel(Platform.GOOGLE, "c-google", "Google search", 12, 0.6, 150),
            new Channel(Platform.TIKTOK, "c-tiktok", "TikTok spark", 20, 0.5, 80));

    private SyntheticDays() {}

    public static String channelId(String org, Channel c) {
        return Ids.channelId(org, c.platform(), c.campaign()).toString();
    }

    public static String creativeId(String org, Channel c, int i) {
        return Ids.creativeId(org, c.platform(), c.campaign() + "-ad" + i).toString();
    }

    /** Rows of days [from, from + days), each reported complete (asOf the next morning). */
    public static List<MetricsUpdate> rows(String org, int fromDay, int days, long seed) {
        List<MetricsUpdate> out = new ArrayList<>();
        for (int t = fromDay; t < fromDay + days; t++) {
            Random r = new Random(seed * 1000 + t);
            LocalDate date = FIRST.plusDays(t);
            double orgSpend = 0;
            double orgValue = 0;
            double orgAttributed = 0;
            for (Channel c : CHANNELS) {
                double spend = c.spend() * (0.75 + 0.5 * r.nextDouble());
                double value = c.a() * Math.pow(spend, c.b()) * WEEK[t % 7] * (1 + 0.05 * r.nextGaussian());
                long imp = Math.round(spend * 100);
                String ch = channelId(org, c);
                double[] split = {0.5, 0.5};
                long clicks = 0;
                for (int i = 0; i < 2; i++) {
                    double ctr = 0.02;
                    if (c.platform() == Platform.META && i == 1 && t >= 20) {
                        ctr = 0.02 * Math.exp(-0.05 * (t - 19));
                    }
                    long ci = Math.round(imp * split[i] * ctr);
                    clicks += ci;
                    out.add(row(org, MetricsUpdate.CREATIVE, ch, creativeId(org, c, i), c.platform(),
                            c.name() + " ad " + i, date, spend * split[i], Math.round(imp * split[i]), ci,
                            value * split[i] / 50, value * split[i], value * split[i] * 0.7));
                }
                out.add(row(org, MetricsUpdate.CHANNEL, ch, null, c.platform(), c.name(), date, spend, imp, clicks,
                        value / 50, value, value * 0.7));
                orgSpend += spend;
                orgValue += value;
                orgAttributed += value * 0.7;
            }
            MetricsUpdate o = row(org, MetricsUpdate.ORG, null, null, null, null, date, orgSpend, 0, 0, 0, orgValue,
                    orgAttributed);
            out.add(new MetricsUpdate(o.orgId(), o.level(), o.grain(), null, null, null, null, null, date, null,
                    o.spend(), 0, 0, BigDecimal.ZERO, o.conversionValue(), o.attributedRevenue(), 0, null, null, null,
                    null, null, null, null, money(orgAttributed * 1.3), 40L, money(orgAttributed * 1.3 / orgSpend),
                    null, null, "EUR", o.asOf()));
        }
        return out;
    }

    public static MetricsUpdate row(String org, String level, String channelId, String creativeId, Platform p, String name,
            LocalDate date, double spend, long imp, long clicks, double conv, double value, double attributed) {
        return new MetricsUpdate(org, level, MetricsUpdate.DAY, channelId, creativeId, p, null, name, date, null,
                money(spend), imp, clicks, BigDecimal.valueOf(conv).setScale(6, RoundingMode.HALF_EVEN), money(value),
                money(attributed), 0, null, null, null, null, null, null, null, null, null, null, null, null, "EUR",
                date.plusDays(1).atTime(6, 0).toInstant(ZoneOffset.UTC));
    }

    public static BigDecimal money(double v) {
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN);
    }
}
