package ai.omnify.jobs.detection.anomaly;

import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.Point;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.jobs.detection.lifecycle.Wording;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import ai.omnify.model.alert.Severity;
import java.util.List;
import java.util.Locale;

/**
 * One day's tracking-break signals: which count is judged (conversions when they stopped, else orders), its observed
 * and expected values, the share missing, and whether the day is a stop with the traffic going on.
 */
record Stop(Point point, boolean convStopped, double observed, double expected, double missing, boolean stopped) {

    /** Null when the day cannot be judged (warm-up, too little spend, too few conversions and orders). */
    static Stop of(Point p, List<Point> span, AlertRules rules, DetectorSettings s) {
        Baseline spend = Usual.of(p.slot(), span, Point::spend);
        Baseline clicks = Usual.of(p.slot(), span, q -> q.clicks());
        Baseline conv = Usual.of(p.slot(), span, Point::conversions);
        Baseline orders = Usual.of(p.slot(), span, q -> q.orders());
        if (!spend.isReady(s.minPoints()) || spend.median() < s.minSpend()) {
            return null;
        }
        boolean convJudged = conv.median() >= s.minCount();
        boolean ordersJudged = orders.median() >= s.minCount();
        if (!convJudged && !ordersJudged) {
            return null;
        }
        double th = rules.threshold(AlertKind.TRACKING_BREAK);
        boolean trafficOn = p.spend() >= 0.5 * spend.median() && p.clicks() >= 0.5 * clicks.median();
        double convMissing = convJudged ? 1 - p.conversions() / conv.median() : 0;
        boolean convStopped = convJudged && convMissing >= th;
        // the store orders expected of the platform's own conversions (the channel's usual orders per conversion):
        // orders that fall with the conversions are a conversion drop or a CPA spike, not a broken checkout
        double ordersExpected = convJudged && conv.median() > 0
                ? orders.median() * Math.min(1, p.conversions() / conv.median()) : orders.median();
        if (convStopped) {
            return new Stop(p, true, p.conversions(), conv.median(), convMissing, trafficOn);
        }
        if (!ordersJudged || ordersExpected < s.minCount()) {
            return new Stop(p, false, p.orders(), ordersExpected, 0, false);
        }
        double ordersMissing = ordersExpected <= 0 ? 0 : 1 - p.orders() / ordersExpected;
        // a stop: the conversions at the threshold share missing (a broken pixel or checkout; a straggler or two of
        // earlier clicks may still be reported), or the attributed orders gone (see TrackingBreak.ordersStopped)
        return new Stop(p, false, p.orders(), ordersExpected, ordersMissing,
                trafficOn && ordersMissing >= th && TrackingBreak.ordersStopped(p.orders()));
    }

    String metric() {
        return convStopped ? "conversions" : "orders";
    }

    boolean unlikely(double x, double e, Dispersion d, DetectorSettings s, double alpha) {
        return convStopped ? Counts.lowerTail(x, e, d.conversions()) < alpha
                : e >= s.minCount() && Counts.lowerTail(x, e, d.orders()) < alpha;
    }

    Reading anomaly(MetricWindow w, int days) {
        String what = convStopped ? "platform conversions" : "attributed store orders";
        String span = days == 1 ? "" : " over the last " + days + " days";
        return Reading.anomaly(AlertKind.TRACKING_BREAK, metric(), observed, expected, -missing, Severity.CRITICAL,
                String.format(Locale.ROOT, "Tracking looks broken: %s %s (%s expected)%s while spend %s and %d "
                        + "clicks went on. Check the pixel and the checkout.", Wording.num(observed), what,
                        Wording.num(expected), span, Wording.money(w.spendValue()), w.clicks()));
    }
}
