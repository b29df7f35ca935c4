package ai.omnify.jobs.detection.anomaly;

import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.Point;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What the channel rules judge one window on (pure): the window, the history its usual values are made of, the days
 * directly before it, and what the channel's history says about its counts.
 *
 * @param span the windows the usual values are made of ({@link #span})
 * @param priors the days directly before the window, newest first ({@link #priors}; empty for hour windows)
 * @param dispersion how much more than Poisson chance the channel's counts vary ({@link Dispersion})
 * @param orderYield the channel's usual store orders per platform conversion, measured before the days a pooled
 *     reading may use ({@link #beforePooled})
 * @param daySpendSoFar for an hour window, the spend of the day's earlier complete hours (budget pacing)
 * @param dailyBudget the channel's daily budget, or null when unknown
 */
public record ChannelEvidence(MetricWindow window, List<Point> span, List<Day> priors, Dispersion dispersion,
        OrderYield orderYield, double daySpendSoFar, BigDecimal dailyBudget) {

    /** Most days pooled: the day judged and the days directly before it. */
    public static final int MAX_POOLED_DAYS = 3;

    /**
     * @param history past windows of the same key (any slot); the usual values come from those within the settings'
     *     weeks
     */
    public static ChannelEvidence of(MetricWindow w, List<Point> history, double daySpendSoFar, BigDecimal dailyBudget,
            DetectorSettings s) {
        return new ChannelEvidence(w, span(w, history, s), priors(w, history, s), Dispersion.of(recent(w, history, s)),
                OrderYield.of(beforePooled(w, history, s)), daySpendSoFar, dailyBudget);
    }

    /** The window judged as a point of history. */
    public Point point() {
        return Point.of(window);
    }

    /** The window judged followed by {@link #priors}: the days a pooled reading may use, newest first. */
    public List<Day> days() {
        List<Day> out = new ArrayList<>();
        out.add(new Day(point(), span));
        out.addAll(priors);
        return out;
    }

    /** Every window within the history span before {@code w} (any slot): what the dispersion is measured on. */
    public static List<Point> recent(MetricWindow w, List<Point> history, DetectorSettings s) {
        long start = w.start().toEpochMilli();
        long from = start - s.historyMillis();
        List<Point> out = new ArrayList<>();
        for (Point p : history) {
            if (p.start() >= from && p.start() < start) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Every window within the history span before the days {@code w} may be pooled with: what a channel's usual
     * relations between its counts are measured on, untouched by an incident that began a day or two ago.
     */
    public static List<Point> beforePooled(MetricWindow w, List<Point> history, DetectorSettings s) {
        long until = w.start().toEpochMilli() - (MAX_POOLED_DAYS - 1) * 86_400_000L;
        List<Point> out = new ArrayList<>();
        for (Point p : recent(w, history, s)) {
            if (p.start() < until) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The windows {@code w}'s usual values are made of ({@link Usual}): for a day window every day within the history
     * span before it, for an hour window the same hour of the week within it.
     */
    public static List<Point> span(MetricWindow w, List<Point> history, DetectorSettings s) {
        return span(w.start().toEpochMilli(), w.grain(), w.slot(), history, s);
    }

    static List<Point> span(long start, String grain, int slot, List<Point> history, DetectorSettings s) {
        boolean day = MetricWindow.DAY.equals(grain);
        long from = start - s.historyMillis();
        List<Point> out = new ArrayList<>();
        for (Point p : history) {
            if ((day || p.slot() == slot) && p.start() >= from && p.start() < start) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The days directly before {@code w} in {@code history}, newest first, at most {@link #MAX_POOLED_DAYS} - 1 and
     * stopping at a gap (empty for hour windows).
     */
    public static List<Day> priors(MetricWindow w, List<Point> history, DetectorSettings s) {
        List<Day> out = new ArrayList<>();
        if (!MetricWindow.DAY.equals(w.grain())) {
            return out;
        }
        long start = w.start().toEpochMilli();
        for (int k = 1; k < MAX_POOLED_DAYS; k++) {
            long want = start - k * 86_400_000L;
            Point found = null;
            for (Point p : history) {
                if (p.start() == want) {
                    found = p;
                }
            }
            if (found == null) {
                break;
            }
            out.add(new Day(found, span(found.start(), MetricWindow.DAY, found.slot(), history, s)));
        }
        return out;
    }
}
