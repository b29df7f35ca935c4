package ai.omnify.jobs.common;

import ai.omnify.model.DeadLetter;
import ai.omnify.model.insight.AdEntity;

/** A Kafka record of {@code omnify.ad-entities} after parsing: the ad, or why it could not be used. */
public record EntityEnvelope(AdEntity entity, DeadLetter deadLetter) {

    public static EntityEnvelope ok(AdEntity entity) {
        return new EntityEnvelope(entity, null);
    }

    public static EntityEnvelope rejected(DeadLetter deadLetter) {
        return new EntityEnvelope(null, deadLetter);
    }

    public boolean isOk() {
        return entity != null;
    }
}
