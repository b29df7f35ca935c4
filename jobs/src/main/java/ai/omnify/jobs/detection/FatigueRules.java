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
     * Whether {@code cur} directly follows {@code prev} with CTR lower and frequency higher: the fatigue signature in
     * the high-volume metrics (impressions, clicks). CPA is judged over the whole run ({@link #reading}): a creative's
     * daily conversions are a handful, and its CPA rising on every single day is chance more than signal.
     */
    public static boolean worsened(MetricWindow prev, MetricWindow cur) {
        if (!cur.start().equals(prev.end())) {
            return false;
        }
        double c0 = prev.ctr();
        double c1 = cur.ctr();
        double f0 = prev.frequencyValue();
        double f1 = cur.frequencyValue();
        return Double.isFinite(c1) && c1 < c0 && Double.isFinite(f1) && f1 > f0;
    }

    /** The match of a run (first window first). */
    public static FatigueMatch match(List<MetricWindow> run) {
        MetricWindow first = run.get(0);
        MetricWindow last = run.get(run.size() - 1);
        return new FatigueMatch(first.orgId(), first.channelId(), first.creativeId(), first.key(), first.start(),
                last.start(), last.end(), run.size(), first.ctr(), last.ctr(), first.frequencyValue(),
                last.frequencyValue(), finite(first.cpa()), finite(last.cpa()), last.impressions(), last.clicks());
    }

    /** Least clicks the last window should have had at the usual CTR for a fall to be told from chance. */
    public static final double MIN_EXPECTED_CLICKS = 10;

    /** Least windows before a run that give the creative's own CTR baseline; fewer: no judgement. */
    public static final int MIN_REFERENCE_WINDOWS = 5;
    /** How far before a run its reference windows reach. */
    public static final java.time.Duration REFERENCE_SPAN = java.time.Duration.ofDays(14);

    /**
     * The reading of a match under the organization's rules, against the creative's own CTR in the windows before the
     * run ({@code reference}: their CTRs, at least {@link #MIN_REFERENCE_WINDOWS}). Anomalous when CTR fell by at least
     * the threshold over the run AND CPA climbed over it (last window's at least the first's) AND the run's last CTR is
     * at least the threshold below the reference median AND its clicks are unlikely few for its impressions at the usual
     * CTR (Poisson, {@link Counts}) AND that
     * is more than chance: a robust z (MADs of the reference, {@link Baseline}) beyond the sensitivity's limit. Three
     * worse days in a row alone happen by chance (a creative's daily CTR moves by several percent), and a run that
     * starts on a lucky high day looks like a fall; the creative's own spread tells the two apart. Null when there is
     * too little reference to judge.
     */
    public static Reading reading(FatigueMatch m, List<Double> reference, AlertRules rules) {
        double[] ref = reference.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
        if (ref.length < MIN_REFERENCE_WINDOWS) {
            return null;
        }
        Baseline b = Baseline.of(ref);
        double th = rules.threshold(AlertKind.CREATIVE_FATIGUE);
        double drop = m.ctrDrop();
        double belowUsual = b.median() <= 0 ? 0 : 1 - m.ctrLast() / b.median();
        boolean cpaClimbed = m.cpaLast() >= m.cpaFirst();
        // clicks are counts: so few of them for the impressions must be unlikely at the creative's usual CTR
        double expectedClicks = m.impressionsLast() * b.median();
        boolean unlikely = expectedClicks >= MIN_EXPECTED_CLICKS
                && Counts.lowerTail(m.clicksLast(), expectedClicks) < alpha(rules.sensitivity());
        if (drop < th || belowUsual < th || b.z(m.ctrLast()) > -rules.zLimit() || !cpaClimbed || !unlikely) {
            return Reading.normal(AlertKind.CREATIVE_FATIGUE, "ctr", m.ctrLast(), b.median(), -belowUsual);
        }
        return Reading.anomaly(AlertKind.CREATIVE_FATIGUE, "ctr", m.ctrLast(), b.median(), -belowUsual,
                belowUsual >= 2 * th ? Severity.CRITICAL : Severity.WARNING,
                String.format(Locale.ROOT, "Creative fatigue: over %d windows in a row CTR fell from %.2f%% to %.2f%% "
                        + "(%.0f%% below its usual %.2f%%) while frequency rose from %.2f to %.2f and CPA climbed "
                        + "from %s to %s. Refresh the creative.", m.windows(), m.ctrFirst() * 100, m.ctrLast() * 100,
                        belowUsual * 100, b.median() * 100, m.frequencyFirst(), m.frequencyLast(), cpa(m.cpaFirst()),
                        cpa(m.cpaLast())));
    }

    /**
     * The significance the run's clicks must reach: low 0.0001, medium 0.001, high 0.01. Ten times the count kinds'
     * ({@link Counts#alpha}): a creative is judged once per run of worse days, not on every day and pooled span, and
     * the run itself (three worse days in a row, CPA climbing, below its own usual CTR) is already rare by chance.
     */
    static double alpha(String sensitivity) {
        return Counts.alpha(sensitivity) * 10;
    }

    private static String cpa(double x) {
        return x >= Double.MAX_VALUE ? "unbounded" : Detectors.money(x);
    }

    private static double finite(double x) {
        return Double.isFinite(x) ? x : Double.MAX_VALUE;
    }
}
