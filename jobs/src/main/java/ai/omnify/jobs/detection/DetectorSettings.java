package ai.omnify.jobs.detection;

import java.io.Serializable;
import java.time.Duration;

/**
 * The job-wide detector settings (per-organization thresholds come from the rules).
 *
 * @param minPoints same-slot windows a baseline needs before it judges (warm-up)
 * @param weeks how many weeks of history a baseline keeps
 * @param minCount least expected conversions (or orders) for a conversion, CPA, ROAS or tracking judgement
 * @param minSpend least expected spend (reporting currency) for any judgement
 * @param pacingFromHour budget pacing projects a day's spend from this hour of the day on (earlier is too noisy)
 * @param resolveAfter consecutive normal windows that resolve an open incident
 * @param cooldown after an incident resolves, how long (data time) the same key stays quiet
 * @param fatigueWindows consecutive worsening windows that make creative fatigue
 * @param fatigueWarmup complete windows a creative needs before fatigue is judged
 */
public record DetectorSettings(
        int minPoints,
        int weeks,
        double minCount,
        double minSpend,
        int pacingFromHour,
        int resolveAfter,
        Duration cooldown,
        int fatigueWindows,
        int fatigueWarmup) implements Serializable {

    public DetectorSettings {
        if (minPoints < 1 || weeks < minPoints || resolveAfter < 1 || fatigueWindows < 2 || fatigueWarmup < 0) {
            throw new IllegalArgumentException("detector settings out of range: " + minPoints + " points, " + weeks
                    + " weeks, resolve after " + resolveAfter + ", fatigue " + fatigueWindows);
        }
    }

    public static DetectorSettings defaults() {
        return new DetectorSettings(3, 6, 3, 1.0, 6, 2, Duration.ofDays(1), 4, 7);
    }

    public long historyMillis() {
        return Duration.ofDays(7L * weeks).toMillis();
    }
}
