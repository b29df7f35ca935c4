package ai.omnify.jobs.detection.anomaly;

import ai.omnify.jobs.detection.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * How many attributed store orders a channel gets per conversion its platform reports, and how much that yield
 * wobbles from day to day beyond chance (pure). The two counts measure the same purchases twice (the platform by its
 * pixel, the store by the order's UTM source), so they rise and fall together: a day with few conversions has few
 * orders too, by chance or by season. Judged against the day's own conversions, a fall in the orders is told from
 * chance far sooner than against the orders of an average day (7 orders in three days where 8 a day were
 * usual are a 1-in-2,000 event for the orders alone at a dispersion of 1.5, 1-in-600 at 2, but 1-in-20,000 given
 * that the platform's conversions held). That is the ROAS drop of a store whose orders stop being attributed, or stop
 * coming, while the platform reports as usual.
 *
 * @param ratio attributed orders per platform conversion over the history; NaN when unknown
 * @param phi the dispersion of a day's orders around {@code ratio} times its conversions (variance over mean, at
 *     least 1): Pearson residuals' robust spread squared, like {@link Dispersion}
 */
public record OrderYield(double ratio, double phi) {
    public static final OrderYield UNKNOWN = new OrderYield(Double.NaN, Dispersion.MAX);

    /**
     * The yield's test is judged at this multiple of the kind's significance level ({@link Counts#alpha}): those levels
     * were set for counts judged against an average day, whose expectation misses the day's demand; given the day's
     * conversions the tail is near its nominal level (10 found 0.85 and 0.90 of the replayed
     * ROAS drops on seeds 1-20 and 21-40 with precision 1.00 and 0.90; 3, tried beside the orders-alone test, found
     * 0.75 on both).
     */
    public static final double ALPHA_FACTOR = 10;

    /** Least past days with an expected order count of at least 1 for an estimate. */
    static final int MIN_POINTS = 10;

    /** Of the days in {@code history} (any order); {@link #UNKNOWN} with too few days or no conversions. */
    public static OrderYield of(List<Point> history) {
        double orders = 0;
        double conversions = 0;
        for (Point p : history) {
            if (p.conversions() > 0) {
                orders += p.orders();
                conversions += p.conversions();
            }
        }
        if (conversions <= 0 || orders <= 0) {
            return UNKNOWN;
        }
        double ratio = orders / conversions;
        List<Double> residuals = new ArrayList<>();
        for (Point p : history) {
            double e = ratio * p.conversions();
            if (e >= 1) {
                residuals.add((p.orders() - e) / Math.sqrt(e));
            }
        }
        if (residuals.size() < MIN_POINTS) {
            return UNKNOWN;
        }
        return new OrderYield(ratio, Dispersion.ofResiduals(residuals, 1));
    }

    public boolean known() {
        return Double.isFinite(ratio);
    }

    /** Orders expected of {@code conversions} platform conversions. */
    public double expected(double conversions) {
        return ratio * conversions;
    }

    /** P(orders this few or fewer) given the platform's {@code conversions}; 1 when unknown. */
    public double lowerTail(double orders, double conversions) {
        return known() ? Counts.lowerTail(orders, expected(conversions), phi) : 1;
    }
}
