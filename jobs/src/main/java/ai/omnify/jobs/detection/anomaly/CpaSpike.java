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
 * Spend per conversion far above its usual value for the slot; when the day alone is not conclusive, the day and the
 * days before it together ({@link PooledEvidence}). The chance tests use the channel's dispersion of its counts
 * ({@link Dispersion}). Conversions that fell at steady spend are the conversion drop's, not a cost spike
 * ({@link #fellAtSteadySpend}).
 */
public final class CpaSpike implements ChannelRule {
    /** How much looser a CPA spike's count test is per day of risen spend past the first ({@link #alpha}). */
    static final double SPEND_UP_ALPHA_FACTOR = 10;

    @Override
    public AlertKind kind() {
        return AlertKind.CPA_SPIKE;
    }

    @Override
    public Reading read(ChannelEvidence e, AlertRules rules, DetectorSettings s) {
        MetricWindow w = e.window();
        Baseline conv = Usual.of(w.slot(), e.span(), Point::conversions);
        Baseline cpa = Usual.of(w.slot(), e.span(), Point::cpa);
        // no conversion at all is a conversion drop or a tracking break, not a cost per conversion
        if (!cpa.isReady(s.minPoints()) || conv.median() < s.minCount() || w.spendValue() < s.minSpend()
                || w.conversionsValue() <= 0) {
            return null;
        }
        if (fellAtSteadySpend(e.point(), conv, Usual.of(w.slot(), e.span(), Point::spend), rules)) {
            return null;
        }
        double x = w.cpa();
        double rel = cpa.relative(x);
        double th = rules.threshold(AlertKind.CPA_SPIKE);
        // more than chance: this few conversions are unlikely for the spend at the usual cost per conversion (one day
        // is judged at the organization's level even when its spend is up: see alpha)
        boolean unlikely = Counts.lowerTail(w.conversionsValue(), w.spendValue() / cpa.median(),
                e.dispersion().conversions()) < Counts.alpha(rules.sensitivity());
        if (rel >= th && cpa.z(x) >= rules.zLimit() && unlikely) {
            return Reading.anomaly(AlertKind.CPA_SPIKE, "cpa", finite(x), cpa.median(), finite(rel),
                    SeverityScale.spike(rel, th),
                    String.format(Locale.ROOT, "Cost per conversion %s is %s above the usual %s for this %s.",
                            Double.isInfinite(x) ? "unbounded (no conversions)" : Wording.money(x), Wording.pct(rel),
                            Wording.money(cpa.median()), Wording.slotName(w)));
        }
        Reading pooled = pooled(e.days(), rules, s, e.dispersion());
        return pooled != null ? pooled : Reading.normal(AlertKind.CPA_SPIKE, "cpa", finite(x), cpa.median(), finite(rel));
    }

    /**
     * Whether a day's conversions fell by the conversion-drop threshold while its spend was not up (less than
     * {@link SpendLevel#STEADY} times its usual): a conversion drop, the upstream cause, judged by its own rule, not a
     * cost spike; on that day and on the days pooled with it (left out of the pooled days too, CPA-spike precision on
     * the replayed brands went 0.94 -> 1.00 and 0.79 -> 1.00, recall unchanged).
     */
    static boolean fellAtSteadySpend(Point p, Baseline conv, Baseline spend, AlertRules rules) {
        return spend.median() > 0 && p.spend() <= SpendLevel.STEADY * spend.median()
                && ConversionDrop.fell(p, conv, spend, rules);
    }

    /**
     * The day and the days directly before it, pooled: together far and unlikely above the usual cost per conversion.
     * The days are one episode when each is dearer by at least half the threshold, or when on every one of them the
     * spend was clearly up ({@link SpendLevel#clearlyUp}) and none was cheaper than usual; in the second case the count
     * test is at the looser level of {@link #alpha}.
     */
    static Reading pooled(List<Day> days, AlertRules rules, DetectorSettings s, Dispersion disp) {
        double th = rules.threshold(AlertKind.CPA_SPIKE);
        return PooledEvidence.read(days, new PooledEvidence.Tally() {
            double spend;
            double usualSpend;
            double conversions;
            double expectedConversions;
            double spread2;
            boolean allHalf = true;
            boolean allUp = true;

            @Override
            public boolean add(Day d) {
                Point p = d.point();
                Baseline cpa = d.usual(Point::cpa);
                Baseline conv = d.usual(Point::conversions);
                Baseline spendB = d.usual(Point::spend);
                if (!cpa.isReady(s.minPoints()) || conv.median() < s.minCount() || p.spend() < s.minSpend()
                        || p.conversions() <= 0) {
                    return false;
                }
                if (fellAtSteadySpend(p, conv, spendB, rules)) {
                    return false;
                }
                double dayRel = cpa.relative(p.cpa());
                allHalf &= dayRel >= th / 2;
                allUp &= dayRel >= 0 && SpendLevel.clearlyUp(p.spend(), spendB, rules);
                if (!allHalf && !allUp) {
                    return false;
                }
                spend += p.spend();
                usualSpend += spendB.median();
                conversions += p.conversions();
                expectedConversions += p.spend() / cpa.median();
                spread2 += Math.pow(cpa.relativeSpread(), 2);
                return true;
            }

            @Override
            public Reading read(int n) {
                double x = spend / conversions;
                double e = spend / expectedConversions;
                double rel = x / e - 1;
                double z = PooledEvidence.pooledZ(rel, spread2, n);
                if (rel >= th && z >= rules.zLimit()
                        && Counts.lowerTail(conversions, expectedConversions, disp.conversions())
                                < alpha(rules, allUp ? n : 0)) {
                    return Reading.anomaly(AlertKind.CPA_SPIKE, "cpa", x, e, rel, SeverityScale.spike(rel, th),
                            String.format(Locale.ROOT, "Cost per conversion %s over the last %d days is %s above the "
                                    + "usual %s for their weekdays (%s conversions for spend %s%s).",
                                    Wording.money(x), n, Wording.pct(rel), Wording.money(e), Wording.num(conversions),
                                    Wording.money(spend), allUp ? ", " + Wording.pct(spend / usualSpend - 1)
                                            + " above its usual" : ""));
                }
                return null;
            }
        }, rules, s);
    }

    /**
     * The significance a pooled CPA spike's count test must reach: the organization's ({@link Counts#alpha}), ten
     * times that (the next sensitivity level's) over two days of clearly risen spend ({@link SpendLevel#clearlyUp}), a
     * hundred times that over three. The small α is there because every channel-day is judged, thousands a month; the
     * days of clearly risen spend are one in two hundred of them, and runs of three such days rarer still, so a looser
     * level on those few raises about as many chance alerts as before, while the evidence on them no longer falls
     * short of 1e-4 by a hair (1.5x the spend buying 12 conversions where 28.5 were due over two days: p = 4e-4 for
     * Poisson counts, 1e-3 at a dispersion of 1.2; three days of 21 where 46 were due at a dispersion of 2: p = 2e-3).
     * The conversions must still be unlikely few for the spend at the usual cost per conversion, and the cost up by
     * the threshold: a budget raised with the conversions following is no spike. Never for one day: a one-day rise is
     * a budget overrun's or a spend spike's, days on which the cost per conversion rises somewhat anyway (the
     * simulator's overrun, 1.35x the spend, buys about 1.1x the conversions).
     *
     * @param daysUp the pooled days, all of clearly risen spend; 0 when not all were
     */
    static double alpha(AlertRules rules, int daysUp) {
        double alpha = Counts.alpha(rules.sensitivity());
        return daysUp < 2 ? alpha
                : alpha * Math.pow(SPEND_UP_ALPHA_FACTOR, Math.min(daysUp, ChannelEvidence.MAX_POOLED_DAYS) - 1);
    }

    private static double finite(double x) {
        return Double.isFinite(x) ? x : Double.MAX_VALUE;
    }
}
