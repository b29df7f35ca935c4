package ai.omnify.jobs.brain.oracle;

import java.time.LocalDate;
import java.util.List;

/**
 * Days until a creative's CTR falls to (or its CPA rises to) its fatigue threshold. The baseline is the creative's
 * best rolling 7-day value; the threshold a fixed share worse than that; the trend a least-squares line through the
 * smoothed (trailing 3-day) daily values of the last {@code trendDays} days, extrapolated at most {@code lookAhead}
 * days.
 */
public final class FatigueForecaster {
    /** One day of a creative. */
    public record Day(LocalDate date, long impressions, long clicks, double spend, double conversions) {}

    /**
     * @param daysToFatigue 0 when already past the threshold; null when not heading there within the look-ahead
     */
    public record Verdict(String metric, double current, double baseline, double threshold, double trendPerDay,
            Integer daysToFatigue) {}

    private final double ctrDrop;
    private final double cpaRise;
    private final int trendDays;
    private final int lookAhead;
    private final long minImpressions;

    /**
     * @param ctrDrop e.g. 0.3: fatigued when CTR is 30% below its best week
     * @param cpaRise e.g. 0.5: fatigued when CPA is 50% above its best week
     */
    public FatigueForecaster(double ctrDrop, double cpaRise, int trendDays, int lookAhead, long minImpressions) {
        this.ctrDrop = ctrDrop;
        this.cpaRise = cpaRise;
        this.trendDays = trendDays;
        this.lookAhead = lookAhead;
        this.minImpressions = minImpressions;
    }

    public static FatigueForecaster defaults() {
        return new FatigueForecaster(0.3, 0.5, 14, 30, 200);
    }

    /** CTR verdict; null when the creative has too little data (under 7 days or too few impressions). */
    public Verdict ctr(List<Day> days) {
        if (days.size() < 7) {
            return null;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 6; i < days.size(); i++) {
            long imp = 0;
            long clk = 0;
            for (int j = i - 6; j <= i; j++) {
                imp += days.get(j).impressions();
                clk += days.get(j).clicks();
            }
            if (imp >= minImpressions) {
                best = Math.max(best, (double) clk / imp);
            }
        }
        if (best <= 0 || best == Double.NEGATIVE_INFINITY) {
            return null;
        }
        double[] smooth = smoothed(days, true);
        double current = smooth[smooth.length - 1];
        double threshold = best * (1 - ctrDrop);
        double slope = slope(sincePeak(smooth, true));
        Integer d;
        if (current <= threshold) {
            d = 0;
        } else if (slope < 0) {
            double t = Math.ceil((current - threshold) / -slope);
            d = t <= lookAhead ? (int) t : null;
        } else {
            d = null;
        }
        return new Verdict("ctr", current, best, threshold, slope, d);
    }

    /** CPA verdict; null without enough conversions to have a baseline. */
    public Verdict cpa(List<Day> days) {
        if (days.size() < 7) {
            return null;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 6; i < days.size(); i++) {
            double spend = 0;
            double conv = 0;
            for (int j = i - 6; j <= i; j++) {
                spend += days.get(j).spend();
                conv += days.get(j).conversions();
            }
            if (conv >= 3) {
                best = Math.min(best, spend / conv);
            }
        }
        if (best == Double.POSITIVE_INFINITY || best <= 0) {
            return null;
        }
        double[] smooth = smoothed(days, false);
        double current = smooth[smooth.length - 1];
        if (Double.isNaN(current)) {
            return null;
        }
        double threshold = best * (1 + cpaRise);
        double slope = slope(sincePeak(smooth, false));
        Integer d;
        if (current >= threshold) {
            d = 0;
        } else if (slope > 0) {
            double t = Math.ceil((threshold - current) / slope);
            d = t <= lookAhead ? (int) t : null;
        } else {
            d = null;
        }
        return new Verdict("cpa", current, best, threshold, slope, d);
    }

    /** Trailing 3-day ratio per day over the last {@code trendDays} days (NaN where undefined). */
    private double[] smoothed(List<Day> days, boolean ctr) {
        int n = Math.min(trendDays, days.size() - 2);
        double[] out = new double[n];
        int start = days.size() - n;
        for (int i = 0; i < n; i++) {
            int end = start + i;
            double num = 0;
            double den = 0;
            for (int j = end - 2; j <= end; j++) {
                Day day = days.get(j);
                num += ctr ? day.clicks() : day.spend();
                den += ctr ? day.impressions() : day.conversions();
            }
            out[i] = den > 0 ? num / den : Double.NaN;
        }
        return out;
    }

    /**
     * The points from the best smoothed day on (at least the last 4): fatigue is a decline from a peak, and a line
     * through the flat days before it would understate the decline.
     */
    static double[] sincePeak(double[] y, boolean higherIsBetter) {
        int best = -1;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i]) && (best < 0 || (higherIsBetter ? y[i] >= y[best] : y[i] <= y[best]))) {
                best = i;
            }
        }
        int from = best < 0 ? 0 : Math.min(best, Math.max(0, y.length - 4));
        return java.util.Arrays.copyOfRange(y, from, y.length);
    }

    /** Least-squares slope per day, ignoring NaN points. */
    static double slope(double[] y) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i])) {
                continue;
            }
            sx += i;
            sy += y[i];
            sxx += (double) i * i;
            sxy += i * y[i];
            n++;
        }
        double den = n * sxx - sx * sx;
        return n < 3 || den == 0 ? 0 : (n * sxy - sx * sy) / den;
    }
}
