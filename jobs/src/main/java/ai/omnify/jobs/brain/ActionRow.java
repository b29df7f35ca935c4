package ai.omnify.jobs.brain;

import java.math.BigDecimal;

/**
 * An action as the {@code actions} table keeps it. {@code status} is {@code open} while the brain recommends it and
 * {@code expired} once it no longer does (a decision already taken is never overwritten).
 */
public record ActionRow(String id, String orgId, String kind, String targetJson, String rationale,
        String impactMetric, BigDecimal expectedImpact, String currency, BigDecimal confidence, String urgency,
        int expectedDays, String status) {}
