package ai.omnify.jobs.detection.lifecycle;

import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.Severity;

/**
 * What one detector made of one window: the metric observed and expected, how far off, and whether that is an
 * anomaly (then with a severity and an explanation). A reading that is not anomalous is evidence of normality (it
 * counts towards resolving an open incident); no reading at all means the detector could not judge (warm-up, no
 * volume, no budget).
 *
 * @param deviation relative change from the expected value ({@code 1.5} = +150%, {@code -0.6} = -60%)
 */
public record Reading(
        AlertKind kind,
        String metric,
        double observed,
        double expected,
        double deviation,
        boolean anomalous,
        Severity severity,
        String explanation) {

    public static Reading normal(AlertKind kind, String metric, double observed, double expected, double deviation) {
        return new Reading(kind, metric, observed, expected, deviation, false, null, null);
    }

    public static Reading anomaly(AlertKind kind, String metric, double observed, double expected, double deviation,
            Severity severity, String explanation) {
        return new Reading(kind, metric, observed, expected, deviation, true, severity, explanation);
    }

    /** The same numbers, demoted to normal (a more upstream cause explains them). */
    public Reading explainedAway() {
        return normal(kind, metric, observed, expected, deviation);
    }
}
