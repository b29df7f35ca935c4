package ai.omnify.jobs.detection.fatigue;

import ai.omnify.jobs.detection.CreativeFigures;
import ai.omnify.jobs.detection.FatigueMatch;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.anomaly.Baseline;
import ai.omnify.jobs.detection.anomaly.Counts;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.jobs.detection.lifecycle.Wording;
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
     * Whether {@code cur} goes on a run that began with {@code first} and last had {@code prev}: it directly follows
     * {@code prev} with frequency higher and CTR below the run's first window. That is the fatigue signature in the
     * high-volume metrics (impressions, clicks): the audience sees the creative ever more often and clicks it less.
     * CTR need not fall on every single day: a low-CTR creative's clicks are a few dozen a day, and one day a little
     * above the day before is chance (such days broke 5 of 20 injected fatigue runs on the replayed brands). Whether
     * the CTR fell far enough, and was more than chance, is judged over the run ({@link #reading}), and so is CPA: a
     * creative's daily conversions are a handful.
     */
    public static boolean worsened(MetricWindow first, MetricWindow prev, MetricWindow cur) {
        if (!cur.start().equals(prev.end())) {
            return false;
        }
        double c0 = first.ctr();
        double c1 = cur.ctr();
        double f0 = prev.frequencyValue();
        double f1 = cur.frequencyValue();
        return Double.isFinite(c1) && c1 < c0 && Double.isFinite(f1) && f1 > f0;
    }

    /** The match of a run (first window first). */
    public static FatigueMatch match(List<MetricWindow> run) {
        MetricWindow first = run.get(0);
        MetricWindow last = run.get(run.size() - 1);
        double spend = 0;
        double conversions = 0;
        for (MetricWindow w : run.subList(1, run.size())) {
            spend += w.spendValue();
            conversions += w.conversionsValue();
        }
        return new FatigueMatch(first.orgId(), first.channelId(), first.creativeId(), first.key(), first.start(),
                last.start(), last.end(), run.size(), first.ctr(), last.ctr(), first.frequencyValue(),
                last.frequencyValue(), last.impressions(), last.clicks(), spend, conversions);
    }

    /** Least clicks the last window should have had at the usual CTR for a fall to be told from chance. */
    public static final double MIN_EXPECTED_CLICKS = 10;

    /** Least windows before a run that give the creative's own CTR baseline; fewer: no judgement. */
    public static final int MIN_REFERENCE_WINDOWS = 5;
    /** How far before a run its reference windows reach. */
    public static final java.time.Duration REFERENCE_SPAN = java.time.Duration.ofDays(14);

    /**
     * Least rise of frequency over a run, from its first window to its last ({@code 0.15} = 15% higher), for the run
     * to be fatigue. Frequency is the cause of fatigue, and a slow one otherwise: it creeps up by a percent or two a day as
     * a creative ages, with a few percent of daily noise, so "higher each day" alone is a coin toss on every quiet
     * creative. A saturating audience pushes it up by much more. Without this, 3-4 of every 20 replayed brands raised a
     * false fatigue alert on a creative whose frequency rose 2-11% over the run.
     */
    public static final double MIN_FREQUENCY_RISE = 0.15;

    /**
     * The reading of a match under the organization's rules, against the creative's own figures in the windows before
     * the run ({@code reference}, at least {@link #MIN_REFERENCE_WINDOWS} with a CTR). Anomalous when
     * <ul>
     *   <li>CTR fell by at least the threshold over the run, AND</li>
     *   <li>frequency rose by at least {@link #MIN_FREQUENCY_RISE} over it, AND</li>
     *   <li>CPA climbed: the run's worse windows pooled cost at least the reference's pooled CPA (a creative's single
     *   day has a handful of conversions, so day against day is chance), AND</li>
     *   <li>the run's last CTR is at least the threshold below the reference median, AND</li>
     *   <li>its clicks are unlikely few for its impressions at the usual CTR (Poisson, {@link Counts}), AND</li>
     *   <li>that is more than chance: a robust z (MADs of the reference, {@link Baseline}) beyond the sensitivity's
     *   limit.</li>
     * </ul>
     * Three worse days in a row alone happen by chance (a creative's daily CTR moves by several percent), and a run
     * that starts on a lucky high day looks like a fall; the creative's own spread tells the two apart. Null when there
     * is too little reference to judge.
     */
    public static Reading reading(FatigueMatch m, List<CreativeFigures> reference, AlertRules rules) {
        double[] ref = reference.stream().mapToDouble(CreativeFigures::ctr).filter(Double::isFinite).toArray();
        if (ref.length < MIN_REFERENCE_WINDOWS) {
            return null;
        }
        Baseline b = Baseline.of(ref);
        double th = rules.threshold(AlertKind.CREATIVE_FATIGUE);
        double drop = m.ctrDrop();
        double belowUsual = b.median() <= 0 ? 0 : 1 - m.ctrLast() / b.median();
        double usualCpa = MetricWindow.cpa(reference.stream().mapToDouble(CreativeFigures::spend).sum(),
                reference.stream().mapToDouble(CreativeFigures::conversions).sum());
        boolean cpaClimbed = m.cpaWorse() >= usualCpa;
        // clicks are counts: so few of them for the impressions must be unlikely at the creative's usual CTR
        double expectedClicks = m.impressionsLast() * b.median();
        boolean unlikely = expectedClicks >= MIN_EXPECTED_CLICKS
                && Counts.lowerTail(m.clicksLast(), expectedClicks) < alpha(rules.sensitivity());
        boolean frequencyRose = m.frequencyRise() >= MIN_FREQUENCY_RISE;
        if (drop < th || !frequencyRose || !cpaClimbed || belowUsual < th || b.z(m.ctrLast()) > -rules.zLimit()
                || !unlikely) {
            return Reading.normal(AlertKind.CREATIVE_FATIGUE, "ctr", m.ctrLast(), b.median(), -belowUsual);
        }
        return Reading.anomaly(AlertKind.CREATIVE_FATIGUE, "ctr", m.ctrLast(), b.median(), -belowUsual,
                belowUsual >= 2 * th ? Severity.CRITICAL : Severity.WARNING,
                String.format(Locale.ROOT, "Creative fatigue: over %d windows in a row CTR fell from %.2f%% to %.2f%% "
                        + "(%.0f%% below its usual %.2f%%) while frequency rose from %.2f to %.2f and CPA climbed "
                        + "to %s (usually %s). Refresh the creative.", m.windows(), m.ctrFirst() * 100,
                        m.ctrLast() * 100, belowUsual * 100, b.median() * 100, m.frequencyFirst(), m.frequencyLast(),
                        cpa(m.cpaWorse()), cpa(usualCpa)));
    }

    /**
     * What a match's reading tells an incident: an anomaly, or nothing. A run that falls short of fatigue says nothing
     * about whether an open incident is over: the creative's windows say that, one normal reading each. Counted as a
     * normal reading too, it helped resolve incidents that went on: matches take the CEP operator's path and can reach
     * the lifecycle after window signals of later days, so an incident could be resolved, forgotten after its cooldown
     * and opened again by the next run of the same fatigue. Seen on AlertsEndToEndIT once runs could go on through a
     * day of chance: two alerts for one injected fatigue.
     */
    public static Reading asEvidence(Reading r) {
        return r != null && r.anomalous() ? r : null;
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
        return Double.isFinite(x) ? Wording.money(x) : "unbounded";
    }
}
