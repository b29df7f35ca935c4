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
 */
public record DetectionSettings(Duration outOfOrderness, Duration idleness, Duration settle, Duration windowStateTtl,
        DetectorSettings detectors) implements Serializable {

    public static DetectionSettings defaults() {
        return new DetectionSettings(Duration.ofHours(1), Duration.ofSeconds(30), Duration.ZERO, Duration.ofDays(60),
                DetectorSettings.defaults());
    }
}
