package ai.omnify.ingest.google;

import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One {@code GoogleAdsRow} of an ad-level daily query (REST JSON: lowerCamelCase, int64 as strings, zero values left
 * out) to an {@link AdInsight}. {@code costMicros} becomes the amount exactly ({@code micros / 10^6} as a decimal, no
 * double); {@code conversions} and {@code conversionsValue} are doubles on the wire and are read from their decimal
 * text. Google reports no reach. Pure.
 */
public final class GoogleRowParser {
    private GoogleRowParser() {}

    public static AdInsight parse(JsonNode row, String orgId, String customerId, String currency, String timeZone,
            Instant reportedAt) {
        JsonNode ad = row.path("adGroupAd").path("ad");
        String date = row.path("segments").path("date").asText(null);
        if (!ad.hasNonNull("id") || date == null) {
            throw new IllegalArgumentException("row without adGroupAd.ad.id or segments.date: not an ad-level daily row");
        }
        JsonNode m = row.path("metrics");
        return new AdInsight(orgId, Platform.GOOGLE, customerId, row.path("campaign").path("id").asText(null),
                row.path("campaign").path("name").asText(null), ad.get("id").asText(), ad.path("name").asText(null),
                LocalDate.parse(date), null, micros(m.get("costMicros")), int64(m.get("impressions")),
                int64(m.get("clicks")), decimal(m.get("conversions")), decimal(m.get("conversionsValue")), null,
                currency, reportedAt, "poll", timeZone);
    }

    /** {@code "81230000"} micros to {@code 81.230000}: exact. */
    public static BigDecimal micros(JsonNode n) {
        if (n == null || n.isNull()) {
            return BigDecimal.ZERO.setScale(6);
        }
        return new BigDecimal(n.asText()).movePointLeft(6).setScale(6);
    }

    static long int64(JsonNode n) {
        return n == null || n.isNull() ? 0L : Long.parseLong(n.asText());
    }

    static BigDecimal decimal(JsonNode n) {
        if (n == null || n.isNull()) {
            return BigDecimal.ZERO;
        }
        return n.isBigDecimal() ? n.decimalValue() : new BigDecimal(n.asText());
    }
}
