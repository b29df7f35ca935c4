package ai.omnify.simulator.stream;

import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;

/**
 * One NDJSON line for the ingest endpoint of {@code platform}, with what it stands for: a snapshot, an order version,
 * or a row that must be rejected ({@code bad}). Exactly one of {@code insight}, {@code order} and {@code bad} is set.
 */
public record FeedLine(Platform platform, String json, Role role, AdInsight insight, OrderEvent order, BadRow bad) {

    /** Why the line is in the stream. */
    public enum Role {
        /** First send of a snapshot or order version. */
        ORIGINAL,
        /** An identical re-send. */
        DUPLICATE,
        /** An older snapshot re-sent after a newer one of the same key (or an order version delivered late). */
        STALE,
        /** A malformed row that must be rejected. */
        BAD
    }

    public static FeedLine insight(AdInsight insight, String json, Role role) {
        return new FeedLine(insight.platform(), json, role, insight, null, null);
    }

    public static FeedLine order(OrderEvent order, String json, Role role) {
        return new FeedLine(Platform.SHOPIFY, json, role, null, order, null);
    }

    public static FeedLine bad(BadRow bad) {
        return new FeedLine(bad.platform(), bad.line(), Role.BAD, null, null, bad);
    }

    public boolean isBad() {
        return bad != null;
    }
}
