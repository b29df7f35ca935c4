package ai.omnify.jobs.detection.anomaly;

import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.Point;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;

/**
 * Spend and clicks go on but platform conversions or attributed store orders stop: a broken pixel or checkout. The
 * threshold is the share of the expected conversions that must be missing; attributed orders must be gone altogether
 * ({@link #ordersStopped}). The chance test uses the channel's dispersion of its counts ({@link Dispersion}); a stop
 * that is not beyond chance on its day alone is judged with the day before when that day stopped the same way (a real
 * break goes on; at a dispersion of 3, no conversion where 18 were usual is a 1-in-500 day, two of them are not).
 */
public final class TrackingBreak implements ChannelRule {

    @Override
    public AlertKind kind() {
        return AlertKind.TRACKING_BREAK;
    }

    @Override
    public Reading read(ChannelEvidence e, AlertRules rules, DetectorSettings s) {
        MetricWindow w = e.window();
        Stop today = Stop.of(e.point(), e.span(), rules, s);
        if (today == null) {
            return null;
        }
        // more than chance: a channel that usually gets two orders a day gets none now and then. Two signals are
        // judged (conversions and orders), each at half the significance level, so the kind as a whole is at it
        // (Bonferroni): a tracking break is always critical, a page on a chance
        double alpha = Counts.alpha(rules.sensitivity()) / 2;
        Day before = e.priors().isEmpty() ? null : e.priors().get(0);
        if (today.stopped() && deepensAFall(today, before, rules, s)) {
            return normal(today);
        }
        if (today.stopped() && today.unlikely(today.observed(), today.expected(), e.dispersion(), s, alpha)) {
            return today.anomaly(w, 1);
        }
        if (today.stopped() && before != null) {
            Stop b = Stop.of(before.point(), before.span(), rules, s);
            if (b != null && b.stopped() && b.convStopped() == today.convStopped()) {
                double observed = today.observed() + b.observed();
                double expected = today.expected() + b.expected();
                if (today.unlikely(observed, expected, e.dispersion(), s, alpha)) {
                    return new Stop(today.point(), today.convStopped(), observed, expected, 1 - observed / expected,
                            true).anomaly(w, 2);
                }
            }
        }
        return normal(today);
    }

    private static Reading normal(Stop today) {
        return Reading.normal(AlertKind.TRACKING_BREAK, today.metric(), today.observed(), today.expected(),
                -today.missing());
    }

    /**
     * Whether a window's attributed store orders stopped, the orders' half of a tracking break: none at all. An
     * orders-only break is the store's attribution breaking while the platform still sees the purchases (UTM
     * parameters stripped, the attribution app down, the click id lost at checkout), and such a break loses every
     * order's source, not most of them. A shortfall that still has attributed orders is a fall in the return on the
     * spend, the ROAS drop's to judge over days, or chance: at 10 orders a day, 1 order is as likely of a 70% fall (3
     * expected) as of a stop.
     */
    static boolean ordersStopped(double orders) {
        return orders <= 0;
    }

    /**
     * Whether a stop continues a fall that was already under way the day before: that day ({@code before}, null when
     * not known) did not stop, but its same count (conversions for a conversions stop, attributed orders for an orders
     * stop) was down by at least the threshold of the kind that judges such a fall (conversion drop; ROAS drop for the
     * orders) for what its spend usually buys (half the threshold, tried first, took a day that was low by chance
     * before a real break for a fall). A broken pixel or checkout is a step from the usual to nothing; a count that
     * falls and then touches zero is that fall at its deepest, the conversion drop's or ROAS drop's to judge on the
     * pooled days (on the replayed brands every false tracking break was a conversion drop or a ROAS drop whose counts,
     * a third of the usual, hit zero or one on one of their days). Only the day directly before counts: the day after
     * a stop is judged again, so a real break whose day before was low by chance (or that started within that day) is
     * raised one day later, on the pooled two days of the stop.
     */
    static boolean deepensAFall(Stop today, Day before, AlertRules rules, DetectorSettings s) {
        if (before == null) {
            return false;
        }
        Stop b = Stop.of(before.point(), before.span(), rules, s);
        return b != null && !b.stopped() && fell(before, today.convStopped(), rules, s);
    }

    /** Whether a day's conversions (or attributed orders) were down by the threshold of the kind judging their fall. */
    private static boolean fell(Day d, boolean conversions, AlertRules rules, DetectorSettings s) {
        Point p = d.point();
        Baseline spend = d.usual(Point::spend);
        if (conversions) {
            Baseline conv = d.usual(Point::conversions);
            return conv.median() >= s.minCount() && ConversionDrop.fell(p, conv, spend, rules);
        }
        Baseline orders = d.usual(q -> q.orders());
        return orders.median() >= s.minCount() && p.orders()
                <= (1 - rules.threshold(AlertKind.ROAS_DROP)) * orders.median() * SpendLevel.share(p, spend);
    }
}
