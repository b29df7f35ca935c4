package ai.omnify.model.brain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What happened: rolling KPIs, the two revenue views, best and worst creatives, and a timeline.
 *
 * @param kpis one row per window (7, 30, 90 days ending at the state's {@code asOfDate}) and scope
 * @param revenueViews platform-reported against Shopify-verified revenue per window, with the gap
 * @param bestCreatives highest ROAS over the last 7 days (with spend), with their trend
 * @param worstCreatives lowest ROAS over the last 7 days (with spend), with their trend
 * @param timeline notable events, newest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Memory(
        List<Kpis> kpis,
        List<RevenueViews> revenueViews,
        List<CreativeStanding> bestCreatives,
        List<CreativeStanding> worstCreatives,
        List<TimelineEvent> timeline) {

    /**
     * KPIs of one scope over one window.
     *
     * @param scope {@code org}, {@code platform} or {@code channel}
     * @param id the org id, the platform's wire name, or the channel id
     * @param platformRevenue platform-reported conversion value
     * @param shopifyRevenue Shopify-verified revenue attributed to the scope (store revenue at org scope)
     * @param roas platform revenue / spend
     * @param mer org scope: store revenue / spend; else attributed revenue / spend
     * @param spendShare the scope's share of the organization's spend in the window (0..1)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Kpis(int windowDays, String scope, String id, String name, BigDecimal spend,
            BigDecimal platformRevenue, BigDecimal shopifyRevenue, BigDecimal conversions, BigDecimal roas,
            BigDecimal cpa, BigDecimal mer, BigDecimal spendShare) {}

    /** @param gap platform revenue - Shopify revenue; {@code gapShare} = gap / platform revenue */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RevenueViews(int windowDays, BigDecimal platformRevenue, BigDecimal shopifyRevenue,
            BigDecimal attributedRevenue, BigDecimal gap, BigDecimal gapShare) {}

    /** @param trend {@code rising}, {@code stable} or {@code falling}: last 7 days' ROAS against the 7 before */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreativeStanding(String creativeId, String channelId, String name, BigDecimal spend,
            BigDecimal revenue, BigDecimal roas, BigDecimal ctr, BigDecimal roasChange, String trend) {}

    /** @param kind {@code alert}, {@code launch}, {@code budget_change} */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimelineEvent(LocalDate date, String kind, String channelId, String creativeId, String alertId,
            String text) {}
}
