package ai.omnify.jobs.brain.ai;

/**
 * A text to write for one organization's brain version: the facts (a slice of that organization's state, as JSON)
 * and the deterministic template text used when the model is absent, slow, failing or inventing numbers.
 *
 * @param kind {@code summary}, {@code alert}, {@code fatigue} or {@code budget_move}
 * @param subjectId {@code org}, the alert id, the creative id or the action id
 */
public record InsightRequest(String orgId, long version, String kind, String subjectId, String task, String factsJson,
        String template) {}
