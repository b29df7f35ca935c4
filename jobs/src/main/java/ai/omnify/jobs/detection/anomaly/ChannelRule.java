package ai.omnify.jobs.detection.anomaly;

import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;

/** One alert kind's rule on a channel window (pure). */
public interface ChannelRule {

    AlertKind kind();

    /**
     * What the rule makes of the window: an anomaly (with a severity and an explanation), a normal reading (evidence
     * of normality), or null when it cannot judge (warm-up, no volume, no budget).
     */
    Reading read(ChannelEvidence e, AlertRules rules, DetectorSettings s);
}
