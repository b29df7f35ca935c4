package ai.omnify.jobs.brain.ai;

/**
 * A written insight: a row of {@code brain_insights}.
 *
 * @param source {@code model} (validated model text) or {@code template}
 * @param reason why the template was used (no model, budget, busy, timeout, invalid answer, ...); null for model text
 */
public record InsightRow(String orgId, long version, String kind, String subjectId, String text, String source,
        String reason) {

    static InsightRow template(InsightRequest r, String reason) {
        return new InsightRow(r.orgId(), r.version(), r.kind(), r.subjectId(), r.template(), "template", reason);
    }

    static InsightRow model(InsightRequest r, String text) {
        return new InsightRow(r.orgId(), r.version(), r.kind(), r.subjectId(), text, "model", null);
    }
}
