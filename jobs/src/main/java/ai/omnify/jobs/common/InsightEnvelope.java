package ai.omnify.jobs.common;

import ai.omnify.model.DeadLetter;
import ai.omnify.model.insight.AdInsight;

/** A Kafka record of {@code omnify.ad-insights} after parsing: the snapshot, or why it could not be used. */
public record InsightEnvelope(AdInsight insight, DeadLetter deadLetter) {

    public static InsightEnvelope ok(AdInsight insight) {
        return new InsightEnvelope(insight, null);
    }

    public static InsightEnvelope rejected(DeadLetter deadLetter) {
        return new InsightEnvelope(null, deadLetter);
    }

    public boolean isOk() {
        return insight != null;
    }
}
