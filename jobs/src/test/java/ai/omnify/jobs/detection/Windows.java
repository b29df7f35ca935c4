package ai.omnify.jobs.detection;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test data: channel and creative windows with a weekly pattern. */
public final class Windows {
    public static final String ORG = "6f1c1f52-7a4e-4a32-9d1c-0c5a1e2b3c4d";
    public static final String OTHER_ORG = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    public static final String CHANNEL = "1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7081";
    public static final String CREATIVE = "2c3d4e5f-6071-4829-8b3c-4d5e6f708192";
    /** A Monday. */
    public static final LocalDate FIRST = LocalDate.of(2026, 6, 1);

    private Windows() {}

    /** Knuth's Poisson draw (small means). */
    public static int poisson(Random r, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** Weekday demand: weekends spend and convert 40% more (weekly seasonality). */
    public static double weekday(LocalDate d) {
        return d.getDayOfWeek().getValue() >= 6 ? 1.4 : 1.0;
    }

    /** A normal channel day: spend 1000, 20 000 impressions, 400 clicks, 40 conversions, 30 orders, revenue 3000. */
    public static MetricWindow day(String org, LocalDate d, int history, double spendF, double convF, double orderF) {
        double f = weekday(d);
        double jitter = 1 + 0.03 * Math.sin(d.toEpochDay());
        double spend = 1000 * f * spendF * jitter;
        long imps = Math.round(20_000 * f * spendF);
        long clicks = Math.round(400 * f * spendF);
        double conv = Math.round(40 * f * convF * jitter);
        long orders = Math.round(30 * f * orderF * jitter);
        double revenue = orders * 100.0;
        Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
        return new MetricWindow(org, "channel", CHANNEL, CHANNEL, null, "day", start, start.plusSeconds(86_400),
                history, bd(spend), imps, clicks, bd(conv), bd(revenue), orders, null);
    }

    public static MetricWindow day(LocalDate d, int history) {
        return day(ORG, d, history, 1, 1, 1);
    }

    /** {@code days} normal days from {@link #FIRST} as history points. */
    public static List<Point> history(int days) {
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            out.add(Point.of(day(FIRST.plusDays(i), i)));
        }
        return out;
    }

    public static MetricWindow hour(LocalDate d, int hour, double spend) {
        Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600L * hour);
        return new MetricWindow(ORG, "channel", CHANNEL, CHANNEL, null, "hour", start, start.plusSeconds(3600), 0,
                bd(spend), 1000, 20, bd(2), bd(200), 1, null);
    }

    /** A creative day with the given CTR (per mille), frequency and conversions. */
    public static MetricWindow creativeDay(LocalDate d, int history, double ctrPerMille, double frequency, double conv) {
        Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
        long imps = 10_000;
        long clicks = Math.round(imps * ctrPerMille / 1000);
        return new MetricWindow(ORG, "creative", CREATIVE, CHANNEL, CREATIVE, "day", start, start.plusSeconds(86_400),
                history, bd(100), imps, clicks, bd(conv), bd(conv * 50), Math.round(conv), bd(frequency));
    }

    public static BigDecimal bd(double x) {
        return BigDecimal.valueOf(Math.round(x * 100) / 100.0);
    }
}
