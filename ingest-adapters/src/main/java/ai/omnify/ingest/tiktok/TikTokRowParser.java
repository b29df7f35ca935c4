package ai.omnify.ingest.tiktok;

import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of an {@code AUCTION_AD} integrated report by {@code stat_time_day} to an {@link AdInsight}. Values are
 * strings; {@code stat_time_day} is {@code "YYYY-MM-DD 00:00:00"} in the advertiser's time zone; spend is in the
 * advertiser's currency. The purchase count and value metrics are configurable (TikTok's names vary). Pure.
 */
public final class TikTokRowParser {
    private final String conversionMetric;
    private final String valueMetric;

    public TikTokRowParser(String conversionMetric, String valueMetric) {
        this.conversionMetric = conversionMetric;
        this.valueMetric = valueMetric;
    }

    public AdInsight parse(JsonNode row, String orgId, String advertiserId, String currency, String timeZone,
            Instant reportedAt) {
        JsonNode d = row.path("dimensions");
        JsonNode m = row.path("metrics");
        String adId = d.path("ad_id").asText(null);
        String day = d.path("stat_time_day").asText(null);
        if (adId == null || day == null || day.length() < 10) {
            throw new IllegalArgumentException("report row without ad_id or stat_time_day: not an ad-level daily row");
        }
        String rowCurrency = text(m, "currency");
        return new AdInsight(orgId, Platform.TIKTOK, advertiserId, text(m, "campaign_id"), text(m, "campaign_name"), adId,
                text(m, "ad_name"), LocalDate.parse(day.substring(0, 10)), null, decimal(m, "spend"),
                integer(m, "impressions"), integer(m, "clicks"), decimal(m, conversionMetric), decimal(m, valueMetric),
                text(m, "reach") != null ? integer(m, "reach") : null, rowCurrency != null ? rowCurrency : currency,
                reportedAt, "poll", timeZone);
    }

    private static String text(JsonNode m, String f) {
        JsonNode n = m.get(f);
        return n == null || n.isNull() || n.asText().isEmpty() || "-".equals(n.asText()) ? null : n.asText();
    }

    private static BigDecimal decimal(JsonNode m, String f) {
        String v = text(m, f);
        return v == null ? BigDecimal.ZERO : new BigDecimal(v);
    }

    private static long integer(JsonNode m, String f) {
        String v = text(m, f);
        return v == null ? 0L : Long.parseLong(v);
    }
}
