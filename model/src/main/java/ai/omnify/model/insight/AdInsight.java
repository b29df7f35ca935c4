package ai.omnify.model.insight;

import ai.omnify.model.Platform;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A snapshot of one ad's totals for one day (or one hour of it), as the platform reported them at {@code reportedAt}.
 * Value of {@code omnify.ad-insights}, keyed by {@link #key()}.
 *
 * <p>Snapshots are not increments: the latest snapshot of (org, platform, ad, date[, hour]) by {@code reportedAt}
 * replaces any earlier one. {@code date} and {@code hour} are in the ad account's time zone ({@code timeZone}, an
 * IANA id, when known). Money is in {@code currency}, the ad account's currency.
 *
 * @param hour 0-23 when this is that hour's total; null for the whole day
 * @param conversions purchases attributed by the platform (fractional on Google with data-driven attribution)
 * @param conversionValue platform-reported revenue of those conversions
 * @param reach unique people reached, when the platform gives it
 * @param source who produced it: {@code ingest}, {@code poll}, {@code webhook}, {@code simulator}, ...
 * @param timeZone the ad account's time zone (IANA), optional
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdInsight(
        String orgId,
        Platform platform,
        String accountId,
        String campaignId,
        String campaignName,
        String adId,
        String adName,
        LocalDate date,
        Integer hour,
        BigDecimal spend,
        Long impressions,
        Long clicks,
        BigDecimal conversions,
        BigDecimal conversionValue,
        Long reach,
        String currency,
        Instant reportedAt,
        String source,
        String timeZone) {

    /** The Kafka key and snapshot identity: {@code org:platform:adId:date[:hour]}. */
    @JsonIgnore
    public String key() {
        String base = orgId + ":" + (platform == null ? "" : platform.wire()) + ":" + adId + ":" + date;
        return hour == null ? base : base + ":" + hour;
    }

    public AdInsight withOrgId(String newOrgId) {
        return new AdInsight(newOrgId, platform, accountId, campaignId, campaignName, adId, adName, date, hour, spend,
                impressions, clicks, conversions, conversionValue, reach, currency, reportedAt, source, timeZone);
    }

    public AdInsight withPlatform(Platform newPlatform) {
        return new AdInsight(orgId, newPlatform, accountId, campaignId, campaignName, adId, adName, date, hour, spend,
                impressions, clicks, conversions, conversionValue, reach, currency, reportedAt, source, timeZone);
    }

    public AdInsight withReportedAt(Instant newReportedAt) {
        return new AdInsight(orgId, platform, accountId, campaignId, campaignName, adId, adName, date, hour, spend,
                impressions, clicks, conversions, conversionValue, reach, currency, newReportedAt, source, timeZone);
    }

    public AdInsight withSource(String newSource) {
        return new AdInsight(orgId, platform, accountId, campaignId, campaignName, adId, adName, date, hour, spend,
                impressions, clicks, conversions, conversionValue, reach, currency, reportedAt, newSource, timeZone);
    }
}
