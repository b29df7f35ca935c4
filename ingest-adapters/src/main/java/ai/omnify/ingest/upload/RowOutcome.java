package ai.omnify.ingest.upload;

/** What becomes of one row: accepted as a record with its Kafka key, or rejected with a reason. */
public sealed interface RowOutcome {

    /** @param record an {@link ai.omnify.model.insight.AdInsight} or an {@link ai.omnify.model.order.OrderEvent} */
    record Accepted(String key, Object record) implements RowOutcome {}

    /** @param reason every reason, joined by "; " */
    record Rejected(String reason) implements RowOutcome {}
}
