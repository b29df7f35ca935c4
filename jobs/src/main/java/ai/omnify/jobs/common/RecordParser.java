package ai.omnify.jobs.common;

import ai.omnify.model.DeadLetter;
import ai.omnify.model.Topics;
import ai.omnify.model.Parsed;
import ai.omnify.model.insight.AdEntity;
import ai.omnify.model.insight.AdEntityRules;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.insight.InsightRules;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.OrderRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns a topic's raw value into a valid record or a dead letter with the reason. Pure: "now" is the time Kafka
 * received the record, so a replay decides exactly as the first run did.
 */
public final class RecordParser {
    public static final String INSIGHTS_SOURCE = "job:metrics:ad-insights";
    public static final String ORDERS_SOURCE = "job:metrics:orders";
    public static final String ENTITIES_SOURCE = "job:metrics:ad-entities";

    private RecordParser() {}

    public static InsightEnvelope insight(String value, Instant receivedAt) {
        Parsed<AdInsight> parsed = Topics.AD_INSIGHTS.read(value);
        if (!parsed.isOk()) {
            return InsightEnvelope.rejected(DeadLetter.of(value, INSIGHTS_SOURCE, parsed.error(), receivedAt));
        }
        AdInsight in = InsightRules.withDefaults(parsed.value(), receivedAt, "kafka");
        List<String> reasons = new ArrayList<>(InsightRules.validate(in, receivedAt));
        checkOrgId(in.orgId(), reasons);
        if (!reasons.isEmpty()) {
            return InsightEnvelope.rejected(new DeadLetter(value, INSIGHTS_SOURCE, String.join("; ", reasons),
                    receivedAt, validOrgOrNull(in.orgId())));
        }
        return InsightEnvelope.ok(in);
    }

    public static OrderEnvelope order(String value, Instant receivedAt) {
        Parsed<OrderEvent> parsed = Topics.ORDERS.read(value);
        if (!parsed.isOk()) {
            return OrderEnvelope.rejected(DeadLetter.of(value, ORDERS_SOURCE, parsed.error(), receivedAt));
        }
        OrderEvent in = OrderRules.withDefaults(parsed.value(), "kafka");
        List<String> reasons = new ArrayList<>(OrderRules.validate(in, receivedAt));
        checkOrgId(in.orgId(), reasons);
        if (!reasons.isEmpty()) {
            return OrderEnvelope.rejected(new DeadLetter(value, ORDERS_SOURCE, String.join("; ", reasons),
                    receivedAt, validOrgOrNull(in.orgId())));
        }
        return OrderEnvelope.ok(in);
    }

    public static EntityEnvelope entity(String value, Instant receivedAt) {
        Parsed<AdEntity> parsed = Topics.AD_ENTITIES.read(value);
        if (!parsed.isOk()) {
            return EntityEnvelope.rejected(DeadLetter.of(value, ENTITIES_SOURCE, parsed.error(), receivedAt));
        }
        AdEntity in = parsed.value();
        List<String> reasons = AdEntityRules.validate(in, receivedAt);
        if (!reasons.isEmpty()) {
            return EntityEnvelope.rejected(new DeadLetter(value, ENTITIES_SOURCE, String.join("; ", reasons),
                    receivedAt, validOrgOrNull(in.orgId())));
        }
        return EntityEnvelope.ok(in);
    }

    private static void checkOrgId(String orgId, List<String> reasons) {
        if (orgId != null && !orgId.isBlank() && validOrgOrNull(orgId) == null) {
            reasons.add("orgId '" + orgId + "' is not a UUID");
        }
    }

    private static String validOrgOrNull(String orgId) {
        if (orgId == null) {
            return null;
        }
        try {
            return UUID.fromString(orgId).toString().equals(orgId.toLowerCase()) ? orgId : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
