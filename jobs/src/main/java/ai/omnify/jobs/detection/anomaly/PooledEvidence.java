package ai.omnify.jobs.detection.anomaly;

import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.Point;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import java.util.List;

/**
 * Evidence pooled over consecutive days, shared by the count-based rules (conversion drop, CPA spike, ROAS drop): a
 * day window that moved the right way but not far enough from chance on its own is judged together with the day before
 * (then the two before) when each of them moved the same way, against the sum of the days' own usual values for their
 * weekdays. At 10-20 conversions a day one day of a real incident is often not told from chance; two or three are.
 *
 * <p>Each rule keeps its own sums ({@link Tally}); the walk over the days is this one: newest first, stopping at a day
 * that belongs to a more upstream incident ({@link #ownIncident}) or that the rule cannot pool, and reading the sums
 * after each day from the second on.
 */
final class PooledEvidence {
    private PooledEvidence() {}

    /** One rule's sums over the pooled days. */
    interface Tally {
        /** Adds the next day (newest first); false when it cannot be pooled: nothing is found. */
        boolean add(Day day);

        /** The reading of the {@code days} days added so far (two or more), or null when not anomalous together. */
        Reading read(int days);
    }

    /** The first anomalous reading of {@code days} (newest first, the judged day first) pooled by {@code tally}. */
    static Reading read(List<Day> days, Tally tally, AlertRules rules, DetectorSettings s) {
        for (int n = 0; n < days.size(); n++) {
            Day d = days.get(n);
            if (n > 0 && ownIncident(d, dayBefore(days, n), rules, s)) {
                return null;
            }
            if (!tally.add(d)) {
                return null;
            }
            if (n == 0) {
                continue;
            }
            Reading r = tally.read(n + 1);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /**
     * The z-score of a relative change pooled over {@code days} days whose own relative spreads squared add up to
     * {@code spread2} (the spread of the days' mean change).
     */
    static double pooledZ(double rel, double spread2, int days) {
        return rel / (Math.sqrt(spread2) / days);
    }

    /**
     * Whether an earlier day belongs to a more upstream incident than the pooled kinds: its spend at the spend-spike
     * threshold above its usual, or its conversions (or orders) all but gone (tracking break). Pooling stops there: a
     * spend spike's day has a high CPA and a tracking break's a ROAS of nothing, and those alerts were raised already.
     * A stop that only deepens a fall under way on {@code dayBefore} (the day directly before it in the pooled span,
     * null when the span ends there; {@link TrackingBreak#deepensAFall}) is no tracking break's day: it is that fall's,
     * and pooling goes on through it.
     */
    static boolean ownIncident(Day d, Day dayBefore, AlertRules rules, DetectorSettings s) {
        Point p = d.point();
        Baseline spend = d.usual(Point::spend);
        Baseline conv = d.usual(Point::conversions);
        Baseline orders = d.usual(q -> q.orders());
        double broken = 1 - rules.threshold(AlertKind.TRACKING_BREAK);
        if (spend.relative(p.spend()) >= rules.threshold(AlertKind.SPEND_SPIKE)) {
            return true;
        }
        boolean stopped = conv.median() > 0 && p.conversions() <= broken * conv.median()
                || orders.median() > 0 && TrackingBreak.ordersStopped(p.orders());
        if (stopped) {
            Stop stop = Stop.of(p, d.span(), rules, s);
            if (stop != null && stop.stopped() && TrackingBreak.deepensAFall(stop, dayBefore, rules, s)) {
                return false;
            }
        }
        return stopped;
    }

    /** The day before {@code days.get(n)} in a pooled span, or null when the span ends there. */
    private static Day dayBefore(List<Day> days, int n) {
        return n + 1 < days.size() ? days.get(n + 1) : null;
    }
}
