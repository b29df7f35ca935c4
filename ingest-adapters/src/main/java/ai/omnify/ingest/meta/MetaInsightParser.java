package ai.omnify.ingest.meta;

import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One ad-level daily Insights row to an {@link AdInsight}. Numbers come as strings; {@code spend} is in the account
 * currency's major unit. Purchases are read from ONE action type (several carry the same number; summing them would
 * count a purchase several times); with attribution windows requested, the per-window values are added up (a click
 * and a view attribution never count the same purchase), else {@code value} is taken. Pure.
 */
public final class MetaInsightParser {
    private final String purchaseActionType;
    private final List<String> attributionWindows;

    public MetaInsightParser(String purchaseActionType, List<String> attributionWindows) {
        this.purchaseActionType = purchaseActionType;
        this.attributionWindows = List.copyOf(attributionWindows);
    }

    public AdInsight parse(JsonNode row, String orgId, String accountId, MetaAccount account, Instant reportedAt) {
        String adId = text(row, "ad_id");
        String date = text(row, "date_start");
        if (adId == null || date == null) {
            throw new IllegalArgumentException("insights row without ad_id or date_start: not an ad-level daily row");
        }
        String currency = text(row, "account_currency");
        return new AdInsight(orgId, Platform.META, accountId, text(row, "campaign_id"), text(row, "campaign_name"),
                adId, text(row, "ad_name"), LocalDate.parse(date), null,
                decimal(row, "spend"), integer(row, "impressions"), integer(row, "clicks"),
                action(row.get("actions")), action(row.get("action_values")),
                row.hasNonNull("reach") ? integer(row, "reach") : null,
                currency != null ? currency : account.currency(), reportedAt, "poll", account.timeZone());
    }

    /** The configured purchase type's value; zero when the row has none. */
    BigDecimal action(JsonNode list) {
        if (list == null || !list.isArray()) {
            return BigDecimal.ZERO;
        }
        for (JsonNode a : list) {
            if (purchaseActionType.equals(a.path("action_type").asText())) {
                return windowed(a);
            }
        }
        return BigDecimal.ZERO;
    }

    private BigDecimal windowed(JsonNode a) {
        if (!attributionWindows.isEmpty() && attributionWindows.stream().allMatch(a::hasNonNull)) {
            BigDecimal sum = BigDecimal.ZERO;
            for (String w : attributionWindows) {
                sum = sum.add(new BigDecimal(a.get(w).asText()));
            }
            return sum;
        }
        return a.hasNonNull("value") ? new BigDecimal(a.get("value").asText()) : BigDecimal.ZERO;
    }

    private static String text(JsonNode row, String field) {
        JsonNode n = row.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static BigDecimal decimal(JsonNode row, String field) {
        String v = text(row, field);
        return v == null || v.isEmpty() ? BigDecimal.ZERO : new BigDecimal(v);
    }

    private static Long integer(JsonNode row, String field) {
        String v = text(row, field);
        return v == null || v.isEmpty() ? 0L : Long.parseLong(v);
    }
}
