package ai.omnify.simulator.brand;

/**
 * A campaign's true response to spend, with diminishing returns: expected conversions per day at daily spend
 * {@code s} (account currency) = {@code alpha * s^beta}, on an average weekday (day-of-week factor 1), at trend 1,
 * with fresh creatives of average quality. Realised conversions multiply it by the day-of-week factor, the trend,
 * the creative mix (quality x freshness, 0.55 to 1.0) and noise. Revenue = conversions x {@code averageOrderValue}.
 *
 * @param beta below 1: each extra unit of spend buys fewer conversions than the last
 */
public record ResponseCurve(double alpha, double beta, double averageOrderValue) {

    public double conversions(double spend) {
        return spend <= 0 ? 0 : alpha * Math.pow(spend, beta);
    }

    public double revenue(double spend) {
        return conversions(spend) * averageOrderValue;
    }

    /** Conversions bought by the last unit of spend at {@code spend}: d/ds of {@link #conversions}. */
    public double marginalConversions(double spend) {
        return spend <= 0 ? Double.POSITIVE_INFINITY : alpha * beta * Math.pow(spend, beta - 1);
    }
}
