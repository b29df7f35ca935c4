package ai.omnify.model.metrics;

import ai.omnify.model.Platform;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The current totals of one channel or creative for one day or hour, in the organization's reporting currency. Value
 * of {@code omnify.channel-metrics} (a changelog: the latest value per {@link #key()} is the truth), and the row the
 * metrics tables hold.
 *
 * @param level {@code channel} or {@code creative}
 * @param grain {@code day} or {@code hour}
 * @param creativeId null at channel level
 * @param externalId the campaign id (channel) or the ad id (creative) on the platform
 * @param attributedRevenue Shopify-verified revenue attributed to this channel/creative by UTM or landing site
 * @param attributedOrders how many orders that revenue comes from
 * @param reach creative level only, when the platform reports it
 * @param asOf the latest {@code reportedAt} (or order update) that went into these totals
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
        BigDecimal roas,
        BigDecimal cpa,
        BigDecimal ctr,
        BigDecimal cpc,
        BigDecimal cpm,
        String currency,
        Instant asOf) {

    public static final String CHANNEL = "channel";
    public static final String CREATIVE = "creative";
    public static final String DAY = "day";
    public static final String HOUR = "hour";

    /** {@code org:level:id:date[:hour]}. */
    @JsonIgnore
    public String key() {
        String id = CREATIVE.equals(level) ? creativeId : channelId;
        String base = orgId + ":" + level + ":" + id + ":" + date;
        return hour == null ? base : base + ":" + hour;
    }
}
