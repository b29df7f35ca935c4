package ai.omnify.jobs.detection.anomaly;

import ai.omnify.model.alert.Severity;

/** How severe a deviation is, against the kind's threshold. */
final class SeverityScale {
    private SeverityScale() {}

    /** A rise: critical at twice the threshold. */
    static Severity spike(double rel, double th) {
        return rel >= 2 * th ? Severity.CRITICAL : Severity.WARNING;
    }

    /** A fall: critical at twice the threshold, or halfway from it to nothing left when that comes first. */
    static Severity drop(double drop, double th) {
        return drop >= Math.min(2 * th, (1 + th) / 2) ? Severity.CRITICAL : Severity.WARNING;
    }
}
