package ai.omnify.model.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The derived metrics, from exact sums. A zero denominator gives null (no value), never zero or infinity. Ratios are
 * rounded half-even: ROAS, CPA, CPC, CPM and MER to 4 decimals, CTR to 6.
 */
public final class MetricMath {
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private MetricMath() {}

    /** Return on ad spend: revenue / spend. */
    public static BigDecimal roas(BigDecimal revenue, BigDecimal spend) {
        return divide(revenue, spend, 4);
    }

    /** Cost per acquisition: spend / conversions. */
    public static BigDecimal cpa(BigDecimal spend, BigDecimal conversions) {
        return divide(spend, conversions, 4);
    }

    /** Click-through rate: clicks / impressions, as a fraction (0.0123 = 1.23%). */
    public static BigDecimal ctr(long clicks, long impressions) {
        return divide(BigDecimal.valueOf(clicks), BigDecimal.valueOf(impressions), 6);
    }

    /** Cost per click: spend / clicks. */
    public static BigDecimal cpc(BigDecimal spend, long clicks) {
        return divide(spend, BigDecimal.valueOf(clicks), 4);
    }

    /** Cost per thousand impressions: spend * 1000 / impressions. */
    public static BigDecimal cpm(BigDecimal spend, long impressions) {
        return spend == null ? null : divide(spend.multiply(THOUSAND), BigDecimal.valueOf(impressions), 4);
    }

    /** Blended marketing efficiency ratio: all store revenue / all ad spend. */
    public static BigDecimal mer(BigDecimal storeRevenue, BigDecimal spend) {
        return divide(storeRevenue, spend, 4);
    }

    /** Frequency: impressions / reach; null without reach. */
    public static BigDecimal frequency(long impressions, Long reach) {
        return reach == null ? null : divide(BigDecimal.valueOf(impressions), BigDecimal.valueOf(reach), 4);
    }

    private static BigDecimal divide(BigDecimal numerator, BigDecimal denominator, int scale) {
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return null;
        }
        return numerator.divide(denominator, scale, RoundingMode.HALF_EVEN);
    }
}
