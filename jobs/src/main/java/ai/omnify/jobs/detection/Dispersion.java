package ai.omnify.jobs.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * How much more a channel's daily counts (platform conversions, attributed orders) vary than Poisson chance alone
 * (pure): the quasi-Poisson dispersion {@code phi}, the variance of a count over its mean. Conversions are not plain
 * Poisson draws: the conversion rate moves from day to day, platforms restate conversions for days, and a campaign's
 * ads rotate, so a channel with 15 conversions a day varies like one with 15 / phi. Measured on the simulator's
 * channels phi is 1.2-3; a Poisson tail at phi 1 calls "2 where 14.5 were usual" a 1-in-10,000 event where it happens
 * every few months on every channel (issue 4: 82 false alerts over 20 brands).
 *
 * <p>Estimated from the key's own past windows: each window's count against what its spend buys at the history's
 * rate, as a Pearson residual {@code (x - e) / sqrt(e)}; phi is the square of their robust spread (scaled MAD), so one
 * past incident does not inflate it. Clamped to [1, {@link #MAX}]; 1 with fewer than {@link #MIN_POINTS} usable
 * windows.
 */
public record Dispersion(double conversions, double orders) {
    public static final Dispersion POISSON = new Dispersion(1, 1);
    /** Least past windows with an expected count of at least 1 for an estimate. */
    static final int MIN_POINTS = 10;
    /** Highest phi used: beyond it a channel's counts say too little to judge on them at all. */
    static final double MAX = 4;

    public static Dispersion of(List<Point> history) {
        return new Dispersion(phi(history, Point::conversions), phi(history, p -> p.orders()));
    }

    static double phi(List<Point> history, ToDoubleFunction<Point> count) {
        double total = 0;
        double spent = 0;
        for (Point p : history) {
            total += count.applyAsDouble(p);
            spent += p.spend();
        }
        if (spent <= 0 || total <= 0) {
            return 1;
        }
        double rate = total / spent;
        List<Double> residuals = new ArrayList<>();
        for (Point p : history) {
            double e = p.spend() * rate;
            if (e >= 1) {
                residuals.add((count.applyAsDouble(p) - e) / Math.sqrt(e));
            }
        }
        if (residuals.size() < MIN_POINTS) {
            return 1;
        }
        Baseline b = Baseline.of(residuals.stream().mapToDouble(Double::doubleValue).toArray());
        double sd = Baseline.MAD_SCALE * b.mad();
        return Math.max(1, Math.min(MAX, sd * sd));
    }
}
