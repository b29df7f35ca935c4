package ai.omnify.jobs.detection;

import ai.omnify.model.DeadLetter;
import ai.omnify.model.metrics.MetricsUpdate;

/** A record of {@code omnify.channel-metrics} after parsing: the row, or why it could not be used. */
public record MetricsEnvelope(MetricsUpdate update, DeadLetter deadLetter) {

    public static MetricsEnvelope ok(MetricsUpdate u) {
        return new MetricsEnvelope(u, null);
    }

    public static MetricsEnvelope rejected(DeadLetter d) {
        return new MetricsEnvelope(null, d);
    }

    public boolean isOk() {
        return update != null;
    }
}
