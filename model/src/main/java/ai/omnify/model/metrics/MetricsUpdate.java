package ai.omnify.model.metrics;

import ai.omnify.model.Platform;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The current totals of one channel, creative or organization for one day or hour, in the organization's reporting
 * currency. Value of {@code omnify.channel-metrics} (a changelog: the latest value per {@link #key()} is the truth),
 * and the row the metrics tables hold.
 *
 * @param level {@code channel}, {@code creative} or {@code org}
 * @param grain {@code day} or {@code hour}
 * @param channelId null at org level
 * @param creativeId creative level only
 * @param externalId the campaign id (channel) or the ad id (creative) on the platform
 * @param attributedRevenue Shopify-verified revenue attributed to this channel/creative by UTM or landing site
 * @param attributedOrders how many orders that revenue comes from
 * @param reach creative level only, when the platform reports it
 * @param frequency creative level only: impressions / reach
 * @param storeRevenue org level only: all store revenue of the day, attributed or not
 * @param storeOrders org level only: all store orders of the day
 * @param mer org level only: blended marketing efficiency ratio, store revenue / ad spend
 * @param daySource creative day rows only: {@code day} when a day snapshot gave the totals, {@code hours} when they
 *     are the sum of hour snapshots
 * @param reportedAt channel and creative level: the latest {@code reportedAt} of the ad snapshot(s) behind the row
 *     (order updates do not move it: the maturity of the ad data alone); null without ad data
 * @param asOf the latest {@code reportedAt} or order update that went into these totals
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsUpdate(
        String orgId,
        String level,
        String grain,
        String channelId,
        String creativeId,
        Platform platform,
        String externalId,
        String name,
        LocalDate date,
        Integer hour,
        BigDecimal spend,
        long impressions,
        long clicks,
        BigDecimal conversions,
        BigDecimal conversionValue,
        BigDecimal attributedRevenue,
        long attributedOrders,
        Long reach,
        BigDecimal frequency,
        BigDecimal roas,
        BigDecimal cpa,
        BigDecimal ctr,
        BigDecimal cpc,
        BigDecimal cpm,
        BigDecimal storeRevenue,
        Long storeOrders,
        BigDecimal mer,
        String daySource,
        Instant reportedAt,
        String currency,
        Instant asOf) {

    public static final String CHANNEL = "channel";
    public static final String CREATIVE = "creative";
    public static final String ORG = "org";
    public static final String DAY = "day";
    public static final String HOUR = "hour";

    /** {@code org:level:id:date[:hour]}; the id is the org's own id at org level. */
    @JsonIgnore
    public String key() {
        String id = switch (level) {
            case CREATIVE -> creativeId;
            case ORG -> orgId;
            default -> channelId;
        };
        String base = orgId + ":" + level + ":" + id + ":" + date;
        return hour == null ? base : base + ":" + hour;
    }
}
