package ai.omnify.jobs.brain;

import ai.omnify.model.DeadLetter;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.metrics.MetricsUpdate;

/** A record of {@code omnify.channel-metrics} or {@code omnify.alerts} after parsing: a day row, an alert, or why not. */
public record BrainInput(String orgId, MetricsUpdate metrics, Alert alert, DeadLetter deadLetter) {

    public static BrainInput of(MetricsUpdate m) {
        return new BrainInput(m.orgId(), m, null, null);
    }

    public static BrainInput of(Alert a) {
        return new BrainInput(a.orgId(), null, a, null);
    }

    public static BrainInput rejected(DeadLetter d) {
        return new BrainInput(null, null, null, d);
    }

    public boolean isOk() {
        return deadLetter == null;
    }
}
