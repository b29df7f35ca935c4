package ai.omnify.jobs.detection;

import java.time.Instant;

/**
 * A run of consecutive windows of one creative in which CTR fell while frequency rose and CPA climbed.
 *
 * @param since start of the first window of the run
 * @param windowStart start of the last window
 * @param windowEnd end of the last window
 * @param impressionsLast impressions of the last window
 * @param clicksLast clicks of the last window
 */
public record FatigueMatch(String orgId, String channelId, String creativeId, String key, Instant since,
        Instant windowStart, Instant windowEnd, int windows, double ctrFirst, double ctrLast, double frequencyFirst,
        double frequencyLast, double cpaFirst, double cpaLast, long impressionsLast, long clicksLast) {

    /** How much CTR fell over the run ({@code 0.3} = 30% lower at the end). */
    public double ctrDrop() {
        return ctrFirst <= 0 ? 0 : 1 - ctrLast / ctrFirst;
    }
}
