package ai.omnify.jobs.detection.anomaly;

import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.Point;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.jobs.detection.lifecycle.Wording;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import java.util.List;
import java.util.Locale;

/**
 * Platform conversions far below their usual value for the slot while spend goes on, steady: not clearly up
 * ({@link SpendLevel#clearlyUp}); when the day alone is not conclusive, the day and the days before it together
 * ({@link PooledEvidence}). The chance tests use the channel's dispersion of its counts ({@link Dispersion}).
 *
 * <p>Fewer conversions for clearly more money is the CPA spike's (auction pressure buys dearer conversions), as fewer
 * conversions at steady spend is the conversion drop's and not the CPA spike's ({@link CpaSpike#fellAtSteadySpend}).
 * Judged by both, the last days of a CPA spike were raised a second time as a conversion drop on the replayed brands.
 */
public final class ConversionDrop implements ChannelRule {
    /**
     * The share of the z limit a pooled conversion drop's robust z must reach. Unlikely is the count test at the
     * sensitivity's significance level; the robust z only guards it against what the count model misses (a restated
     * day, a trend). At the full limit both had to reach the level on their own, and three days of 30% of the
     * conversions on a 10-a-day channel seldom did (z -2.3 where the count test gave 8e-4).
     */
    static final double POOLED_Z = 0.75;

    @Override
    public AlertKind kind() {
        return AlertKind.CONVERSION_DROP;
    }

    @Override
    public Reading read(ChannelEvidence e, AlertRules rules, DetectorSettings s) {
        MetricWindow w = e.window();
        Baseline conv = Usual.of(w.slot(), e.span(), Point::conversions);
        Baseline spend = Usual.of(w.slot(), e.span(), Point::spend);
        if (!conv.isReady(s.minPoints()) || conv.median() < s.minCount() || spend.median() < s.minSpend()) {
            return null;
        }
        double x = w.conversionsValue();
        double rel = conv.relative(x);
        double th = rules.threshold(AlertKind.CONVERSION_DROP);
        boolean spending = w.spendValue() >= 0.5 * spend.median() && !SpendLevel.clearlyUp(w.spendValue(), spend, rules);
        // more than chance: so few conversions are unlikely for what the spend usually buys
        double forSpend = conv.median() * Math.min(1, w.spendValue() / spend.median());
        boolean unlikely = Counts.lowerTail(x, forSpend, e.dispersion().conversions())
                < Counts.alpha(rules.sensitivity());
        if (spending && -rel >= th && conv.z(x) <= -rules.zLimit() && unlikely) {
            return Reading.anomaly(AlertKind.CONVERSION_DROP, "conversions", x, conv.median(), rel,
                    SeverityScale.drop(-rel, th),
                    String.format(Locale.ROOT, "Conversions fell to %s, %s below the usual %s for this %s, while "
                            + "spend went on (%s).", Wording.num(x), Wording.pct(-rel), Wording.num(conv.median()),
                            Wording.slotName(w), Wording.money(w.spendValue())));
        }
        Reading pooled = spending ? pooled(e.days(), rules, s, e.dispersion()) : null;
        return pooled != null ? pooled
                : Reading.normal(AlertKind.CONVERSION_DROP, "conversions", x, conv.median(), rel);
    }

    /**
     * The day and the days directly before it, pooled: each down by at least half the threshold at steady spend,
     * together far and unlikely below what their spend usually buys.
     */
    static Reading pooled(List<Day> days, AlertRules rules, DetectorSettings s, Dispersion disp) {
        double th = rules.threshold(AlertKind.CONVERSION_DROP);
        return PooledEvidence.read(days, new PooledEvidence.Tally() {
            double x;
            double e;
            double spent;
            double spread2;

            @Override
            public boolean add(Day d) {
                Point p = d.point();
                Baseline conv = d.usual(Point::conversions);
                Baseline spend = d.usual(Point::spend);
                if (!conv.isReady(s.minPoints()) || conv.median() < s.minCount() || spend.median() < s.minSpend()
                        || p.spend() < 0.5 * spend.median()) {
                    return false;
                }
                double expected = conv.median() * Math.min(1, p.spend() / spend.median());
                if (p.conversions() / expected - 1 > -th / 2 || SpendLevel.clearlyUp(p.spend(), spend, rules)) {
                    return false;
                }
                x += p.conversions();
                e += expected;
                spent += p.spend();
                spread2 += Math.pow(conv.relativeSpread(), 2);
                return true;
            }

            @Override
            public Reading read(int n) {
                double rel = x / e - 1;
                double z = PooledEvidence.pooledZ(rel, spread2, n);
                if (-rel >= th && z <= -POOLED_Z * rules.zLimit()
                        && Counts.lowerTail(x, e, disp.conversions()) < Counts.alpha(rules.sensitivity())) {
                    return Reading.anomaly(AlertKind.CONVERSION_DROP, "conversions", x, e, rel,
                            SeverityScale.drop(-rel, th),
                            String.format(Locale.ROOT, "Conversions fell to %s over the last %d days, %s below the "
                                    + "usual %s for their weekdays, while spend went on (%s).", Wording.num(x), n,
                                    Wording.pct(-rel), Wording.num(e), Wording.money(spent)));
                }
                return null;
            }
        }, rules, s);
    }

    /** Whether a day's conversions were down by the conversion-drop threshold for what its spend usually buys. */
    static boolean fell(Point p, Baseline conv, Baseline spend, AlertRules rules) {
        return fell(p.conversions(), conv.median() * SpendLevel.share(p, spend), rules);
    }

    /** Whether {@code conversions} are down from {@code expected} by the conversion-drop threshold. */
    static boolean fell(double conversions, double expected, AlertRules rules) {
        return conversions <= (1 - rules.threshold(AlertKind.CONVERSION_DROP)) * expected;
    }
}
