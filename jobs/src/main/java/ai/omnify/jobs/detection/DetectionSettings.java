package ai.omnify.jobs.detection;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the DetectionJob reads time.
 *
 * @param outOfOrderness how far behind the newest window a metrics row may arrive and still count
 * @param idleness after how long without data a source partition stops holding the watermark back
 * @param settle how long after a window's end (in event time) it is closed and judged
 * @param windowStateTtl how long a key with no data keeps its open windows and counters
 * @param dayMaturity a day window is judged on its first version reported at least this long after its end
 * @param hourMaturity the same for hour windows
 * @param fatigueOutOfOrderness how far apart in event time creatives' closed windows may reach the fatigue CEP
 *     operator (a replay closes some keys' windows ahead of others); the CEP sequence waits that long
 * @param backfillQuiet a window whose first version is already mature (a backfill: the changelog builds the day ad
 *     by ad, every version reported now) is judged once its key has had no new version for this long (processing
 *     time), on its full totals
 */
public record DetectionSettings(Duration outOfOrderness, Duration idleness, Duration settle, Duration windowStateTtl,
        DetectorSettings detectors, Duration fatigueOutOfOrderness, Duration dayMaturity, Duration hourMaturity,
        Duration backfillQuiet) implements Serializable {

    /** The default quiet period of a backfilled window ({@link #backfillQuiet()}). */
    public static final Duration DEFAULT_BACKFILL_QUIET = Duration.ofSeconds(30);

    public DetectionSettings(Duration outOfOrderness, Duration idleness, Duration settle, Duration windowStateTtl,
            DetectorSettings detectors, Duration fatigueOutOfOrderness, Duration dayMaturity, Duration hourMaturity) {
        this(outOfOrderness, idleness, settle, windowStateTtl, detectors, fatigueOutOfOrderness, dayMaturity,
                hourMaturity, DEFAULT_BACKFILL_QUIET);
    }

    public DetectionSettings(Duration outOfOrderness, Duration idleness, Duration settle, Duration windowStateTtl,
            DetectorSettings detectors) {
        this(outOfOrderness, idleness, settle, windowStateTtl, detectors, Duration.ofDays(2), Duration.ofHours(8),
                Duration.ofMinutes(30));
    }

    public DetectionSettings(Duration outOfOrderness, Duration idleness, Duration settle, Duration windowStateTtl,
            DetectorSettings detectors, Duration fatigueOutOfOrderness) {
        this(outOfOrderness, idleness, settle, windowStateTtl, detectors, fatigueOutOfOrderness, Duration.ofHours(8),
                Duration.ofMinutes(30));
    }

    public static DetectionSettings defaults() {
        return new DetectionSettings(Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofDays(1),
                Duration.ofDays(60), DetectorSettings.defaults(), Duration.ofDays(2), Duration.ofHours(8),
                Duration.ofMinutes(30), DEFAULT_BACKFILL_QUIET);
    }
}
