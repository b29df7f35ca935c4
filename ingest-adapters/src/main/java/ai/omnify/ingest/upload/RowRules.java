package ai.omnify.ingest.upload;

import ai.omnify.model.Json;
import ai.omnify.model.Parsed;
import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.insight.InsightRules;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.OrderRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides what one row of an ingest request becomes. For meta, google and tiktok a row is an ad-insight snapshot, for
 * shopify an order. The organization is the API key's: a row naming another one is refused; a row naming another
 * platform than the URL is refused. Then the model's defaults and validation apply. Pure: no I/O, no clock.
 */
public final class RowRules {
    public static final String SOURCE = "ingest";

    private final Platform platform;
    private final String orgId;
    private final Instant receivedAt;
    private final Instant now;

    /**
     * @param orgId the API key's organization
     * @param receivedAt when the request arrived (a snapshot's default {@code reportedAt})
     * @param now the time validation compares against ("in the future")
     */
    public RowRules(Platform platform, String orgId, Instant receivedAt, Instant now) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.orgId = Objects.requireNonNull(orgId, "orgId");
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.now = Objects.requireNonNull(now, "now");
    }

    public RowOutcome evaluate(RawRow row) {
        if (row.error() != null) {
            return new RowOutcome.Rejected(row.error());
        }
        return platform.isAdPlatform() ? insight(row) : order(row);
    }

    private RowOutcome insight(RawRow row) {
        Parsed<AdInsight> parsed = row.cells() == null
                ? Json.read(row.text(), AdInsight.class)
                : Json.readFlat(row.cells(), AdInsight.class);
        if (!parsed.isOk()) {
            return new RowOutcome.Rejected(parsed.error());
        }
        AdInsight in = parsed.value();
        List<String> reasons = new ArrayList<>();
        checkOrg(in.orgId(), reasons);
        if (in.platform() != null && in.platform() != platform) {
            reasons.add("platform " + in.platform().wire() + " does not match the URL's platform " + platform.wire());
        }
        AdInsight record = InsightRules.withDefaults(in.withOrgId(orgId).withPlatform(platform), receivedAt, SOURCE);
        reasons.addAll(InsightRules.validate(record, now));
        return reasons.isEmpty()
                ? new RowOutcome.Accepted(record.key(), record)
                : new RowOutcome.Rejected(String.join("; ", reasons));
    }

    private RowOutcome order(RawRow row) {
        Parsed<OrderEvent> parsed = row.cells() == null
                ? Json.read(row.text(), OrderEvent.class)
                : Json.readFlat(row.cells(), OrderEvent.class);
        if (!parsed.isOk()) {
            return new RowOutcome.Rejected(parsed.error());
        }
        OrderEvent in = parsed.value();
        List<String> reasons = new ArrayList<>();
        checkOrg(in.orgId(), reasons);
        OrderEvent record = OrderRules.withDefaults(in.withOrgId(orgId), SOURCE);
        reasons.addAll(OrderRules.validate(record, now));
        return reasons.isEmpty()
                ? new RowOutcome.Accepted(record.key(), record)
                : new RowOutcome.Rejected(String.join("; ", reasons));
    }

    private void checkOrg(String rowOrg, List<String> reasons) {
        if (rowOrg != null && !rowOrg.isBlank() && !rowOrg.trim().equalsIgnoreCase(orgId)) {
            reasons.add("orgId " + abbreviate(rowOrg.trim()) + " does not match the API key's organization");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
