package ai.omnify.jobs.metrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One item that adds to a day's totals, already in the organization's reporting currency. The totals of a
 * channel-day (or org-day) are a pure function of its latest items: an item replaces the earlier item with the same
 * {@link #itemKey()} when its {@code version} is not older.
 *
 * <ul>
 *   <li>{@code ad}: an ad's day or hour snapshot (itemId = ad id); spend, impressions, clicks, conversions,
 *       conversionValue, reach.
 *   <li>{@code order}: a store order (itemId = order id); revenue = its net revenue, orders = 1 unless cancelled.
 *       Its {@code hour} is the hour of creation in the organization's time zone.
 *   <li>{@code channel}: a channel's day totals, rolled up into the organization's day (itemId = channel id); revenue =
 *       attributed revenue, orders = attributed orders.
 * </ul>
 *
 * @param version the snapshot's reportedAt, the order's updatedAt, or the channel totals' asOf
 */
public record Contribution(
        String orgId,
        String kind,
        String itemId,
        String channelId,
        String creativeId,
        String platform,
        String campaignId,
        String campaignName,
        String adName,
        LocalDate date,
        Integer hour,
        BigDecimal spend,
        long impressions,
        long clicks,
        BigDecimal conversions,
        BigDecimal conversionValue,
        Long reach,
        BigDecimal revenue,
        long orders,
        String currency,
        Instant version) {

    public static final String AD = "ad";
    public static final String ORDER = "order";
    public static final String CHANNEL = "channel";

    /** Identity of the item within its day: later versions with the same key replace it. */
    public String itemKey() {
        if (AD.equals(kind)) {
            return AD + "|" + creativeId + "|" + (hour == null ? "d" : hour.toString());
        }
        return kind + "|" + itemId;
    }

    /** {@code org|channel|date}: the key of the channel-day this item belongs to. */
    public String channelDayKey() {
        return orgId + "|" + channelId + "|" + date;
    }

    /** {@code org|date}: the key of the organization-day this item belongs to. */
    public String orgDayKey() {
        return orgId + "|" + date;
    }

    /** Whether this item should replace {@code current} (same key): not older wins, so a redelivery is harmless. */
    public boolean supersedes(Contribution current) {
        return current == null || current.version() == null
                || (version != null && !version.isBefore(current.version()));
    }
}
