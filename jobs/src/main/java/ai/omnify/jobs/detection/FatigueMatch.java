package ai.omnify.jobs.detection;

import ai.omnify.jobs.detection.fatigue.FatigueRules;
import java.time.Instant;

/**
 * A run of consecutive windows of one creative in which CTR fell while frequency rose.
 *
 * @param since start of the first window of the run (the last one at its usual CTR: the reference the fall is measured
 *     from)
 * @param windowStart start of the last window
 * @param windowEnd end of the last window
 * @param impressionsLast impressions of the last window
 * @param clicksLast clicks of the last window
 * @param spendWorse spend of the run's worse windows (all but the first)
 * @param conversionsWorse conversions of the run's worse windows
 */
public record FatigueMatch(String orgId, String channelId, String creativeId, String key, Instant since,
        Instant windowStart, Instant windowEnd, int windows, double ctrFirst, double ctrLast, double frequencyFirst,
        double frequencyLast, long impressionsLast, long clicksLast, double spendWorse, double conversionsWorse) {

    /**
     * Start of the first worse window, the second of the run: since when the creative has been tiring, what its alert
     * says. The run's first window is the last one still as usual, so an alert dated from it says the fatigue began a
     * day before it did (on the replayed brands such alerts fell outside their incidents).
     * The windows of a run follow each other directly ({@link FatigueRules#worsened}) and are of one length.
     */
    public Instant fellSince() {
        return windows < 2 ? since : since.plus(java.time.Duration.between(windowStart, windowEnd));
    }

    /**
     * The CPA of the run's worse windows pooled: their spend over their conversions, +infinity when the spend bought
     * none, NaN without spend. A creative's day has a handful of conversions; one day's CPA is mostly chance.
     */
    public double cpaWorse() {
        return MetricWindow.cpa(spendWorse, conversionsWorse);
    }

    /** How much frequency rose over the run ({@code 0.2} = 20% higher at the end). */
    public double frequencyRise() {
        return frequencyFirst <= 0 ? 0 : frequencyLast / frequencyFirst - 1;
    }

    /** How much CTR fell over the run ({@code 0.3} = 30% lower at the end). */
    public double ctrDrop() {
        return ctrFirst <= 0 ? 0 : 1 - ctrLast / ctrFirst;
    }
}
