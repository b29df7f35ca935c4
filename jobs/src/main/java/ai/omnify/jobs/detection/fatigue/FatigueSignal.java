package ai.omnify.jobs.detection.fatigue;

import ai.omnify.jobs.detection.FatigueMatch;
import ai.omnify.jobs.detection.MetricWindow;
/** Either a creative's complete window or a fatigue match of it: the input of {@link FatigueAlertFn}. */
public record FatigueSignal(MetricWindow window, FatigueMatch match) {

    public static FatigueSignal of(MetricWindow w) {
        return new FatigueSignal(w, null);
    }

    public static FatigueSignal of(FatigueMatch m) {
        return new FatigueSignal(null, m);
    }

    public String key() {
        return window != null ? window.key() : match.key();
    }
}
