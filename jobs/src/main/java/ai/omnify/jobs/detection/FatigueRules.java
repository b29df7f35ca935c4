package ai.omnify.jobs.detection;

import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import ai.omnify.model.alert.Severity;
import java.util.List;
import java.util.Locale;

/** Creative fatigue, the pure part: what counts as a worse window, and what a run of them means. */
public final class FatigueRules {
    private FatigueRules() {}

    /** Whether {@code w} is a creative window that can open a run: past warm-up, with impressions. */
    public static boolean canStart(MetricWindow w, int warmup) {
        return w.history() >= warmup && Double.isFinite(w.ctr()) && Double.isFinite(w.frequencyValue());
    }

    /**
     * Whether {@code cur} directly follows {@code prev} and is worse on all three counts: CTR lower, frequency higher,
     * CPA at least as high (a window that bought no conversion has an unbounded CPA).
     */
    public static boolean worsened(MetricWindow prev, MetricWindow cur) {
        if (!cur.start().equals(prev.end())) {
            return false;
        }
        double c0 = prev.ctr();
        double c1 = cur.ctr();
        double f0 = prev.frequencyValue();
        double f1 = cur.frequencyValue();
        double a0 = prev.cpa();
        double a1 = cur.cpa();
        return Double.isFinite(c1) && c1 < c0 && Double.isFinite(f1) && f1 > f0 && !Double.isNaN(a0)
                && !Double.isNaN(a1) && a1 >= a0;
    }

    /** The match of a run (first window first). */
    public static FatigueMatch match(List<MetricWindow> run) {
        MetricWindow first = run.get(0);
        MetricWindow last = run.get(run.size() - 1);
        return new FatigueMatch(first.orgId(), first.channelId(), first.creativeId(), first.key(), first.start(),
                last.start(), last.end(), run.size(), first.ctr(), last.ctr(), first.frequencyValue(),
                last.frequencyValue(), finite(first.cpa()), finite(last.cpa()));
    }

    /** The reading of a match under the organization's rules: anomalous when CTR fell by at least the threshold. */
    public static Reading reading(FatigueMatch m, AlertRules rules) {
        double th = rules.threshold(AlertKind.CREATIVE_FATIGUE);
        double drop = m.ctrDrop();
        if (drop < th) {
            return Reading.normal(AlertKind.CREATIVE_FATIGUE, "ctr", m.ctrLast(), m.ctrFirst(), -drop);
        }
        return Reading.anomaly(AlertKind.CREATIVE_FATIGUE, "ctr", m.ctrLast(), m.ctrFirst(), -drop,
                drop >= 2 * th ? Severity.CRITICAL : Severity.WARNING,
                String.format(Locale.ROOT, "Creative fatigue: over %d windows in a row CTR fell from %.2f%% to %.2f%% "
                        + "(-%.0f%%) while frequency rose from %.2f to %.2f and CPA climbed from %s to %s. Refresh "
                        + "the creative.", m.windows(), m.ctrFirst() * 100, m.ctrLast() * 100, drop * 100,
                        m.frequencyFirst(), m.frequencyLast(), cpa(m.cpaFirst()), cpa(m.cpaLast())));
    }

    private static String cpa(double x) {
        return x >= Double.MAX_VALUE ? "unbounded" : Detectors.money(x);
    }

    private static double finite(double x) {
        return Double.isFinite(x) ? x : Double.MAX_VALUE;
    }
}
