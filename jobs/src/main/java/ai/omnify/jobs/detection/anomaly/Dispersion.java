package ai.omnify.jobs.detection.anomaly;

import ai.omnify.jobs.detection.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * How much more a channel's daily counts (platform conversions, attributed orders) vary than Poisson chance alone
 * (pure): the quasi-Poisson dispersion {@code phi}, the variance of a count over its mean. Conversions are not plain
 * Poisson draws: the conversion rate moves from day to day, platforms restate conversions for days, and a campaign's
 * ads rotate, so a channel with 15 conversions a day varies like one with 15 / phi. Measured on the simulator's
 * channels phi is 1.2-3; a Poisson tail at phi 1 calls "2 where 14.5 were usual" a 1-in-10,000 event where it happens
 * every few months on every channel (82 false alerts over 20 replayed brands).
 *
 * <p>Estimated from the key's own past windows: each window's count against what its spend buys at its slot's rate over
 * the history (weekday, or hour of the week: the detectors compare like slot with like, so the weekly shape is not
 * noise), as a Pearson residual {@code (x - e) / sqrt(e)}; phi is the square of their robust spread (scaled MAD,
 * scaled up for the fitted slot rates), so one past incident does not inflate it. Clamped to [1, {@link #MAX}]; 1 with fewer than {@link #MIN_POINTS} usable
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
        // what the spend buys on each slot of the week (weekday or hour of week) over the history: the detectors
        // compare like slot with like, so the weekly shape of the rate is not noise
        java.util.Map<Integer, double[]> slots = new java.util.HashMap<>();
        for (Point p : history) {
            double[] t = slots.computeIfAbsent(p.slot(), k -> new double[2]);
            t[0] += count.applyAsDouble(p);
            t[1] += p.spend();
        }
        List<Double> residuals = new ArrayList<>();
        for (Point p : history) {
            double[] t = slots.get(p.slot());
            double e = t[1] <= 0 ? 0 : p.spend() * t[0] / t[1];
            if (e >= 1) {
                residuals.add((count.applyAsDouble(p) - e) / Math.sqrt(e));
            }
        }
        if (residuals.size() < MIN_POINTS) {
            return 1;
        }
        // each slot's rate is fitted on the residuals' own windows: scale back up for the fitted slots
        return ofResiduals(residuals, (double) residuals.size() / Math.max(1, residuals.size() - slots.size()));
    }

    /**
     * The dispersion of counts from their Pearson residuals {@code (x - e) / sqrt(e)}: the square of their robust
     * spread (scaled MAD, so one past incident does not inflate it), times {@code fitted} (more than 1 when the
     * expectations were fitted on the same windows), clamped to [1, {@link #MAX}].
     */
    static double ofResiduals(List<Double> residuals, double fitted) {
        Baseline b = Baseline.of(residuals.stream().mapToDouble(Double::doubleValue).toArray());
        double sd = Baseline.MAD_SCALE * b.mad();
        return Math.max(1, Math.min(MAX, sd * sd * fitted));
    }
}
