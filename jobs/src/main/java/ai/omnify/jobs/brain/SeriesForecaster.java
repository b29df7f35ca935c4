package ai.omnify.jobs.brain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Forecasts one daily series: Holt–Winters (additive and, for positive series, multiplicative) and the seasonal-naive
 * forecast (same weekday last week) are each backtested on the last {@code holdout} days with a fit on the days before;
 * the one with the lowest MAPE is refitted on the whole series and forecasts the next days, with an 80% interval.
 */
public final class SeriesForecaster {
    public static final int PERIOD = 7;
    public static final String HW_ADDITIVE = "holt_winters_additive";
    public static final String HW_MULTIPLICATIVE = "holt_winters_multiplicative";
    public static final String SEASONAL_NAIVE = "seasonal_naive";
    public static final String NAIVE = "naive";
    /** Two-sided 80% normal quantile. */
    static final double Z80 = 1.2816;

    /** One forecast day: horizon 1 = the day after the last observation. */
    public record Step(int horizon, double value, double lower, double upper) {}

    /** @param backtestMape NaN when the series is too short to backtest */
    public record Result(String model, double backtestMape, double naiveMape, List<Step> steps) {}

    private final int holdout;

    public SeriesForecaster(int holdout) {
        if (holdout < 1) {
            throw new IllegalArgumentException("holdout must be at least 1 day");
        }
        this.holdout = holdout;
    }

    public Result forecast(double[] y, int horizon) {
        if (y.length == 0) {
            throw new IllegalArgumentException("empty series");
        }
        if (y.length < PERIOD) {
            return new Result(NAIVE, Double.NaN, Double.NaN, naive(y, horizon));
        }
        List<String> candidates = new ArrayList<>();
        candidates.add(SEASONAL_NAIVE);
        double[] train = y.length - holdout >= 2 * PERIOD + 1 ? Arrays.copyOf(y, y.length - holdout) : null;
        if (train != null) {
            candidates.add(HW_ADDITIVE);
            if (Arrays.stream(y).allMatch(v -> v > 0)) {
                candidates.add(HW_MULTIPLICATIVE);
            }
        }
        if (train == null) {
            return new Result(SEASONAL_NAIVE, Double.NaN, Double.NaN, seasonalNaive(y, horizon));
        }
        double[] actual = Arrays.copyOfRange(y, y.length - holdout, y.length);
        String best = null;
        double bestMape = Double.POSITIVE_INFINITY;
        double naiveMape = Double.NaN;
        for (String model : candidates) {
            double mape = Accuracy.mape(actual, values(run(model, train, holdout)));
            if (model.equals(SEASONAL_NAIVE)) {
                naiveMape = mape;
            }
            // ties (and NaN from all-zero actuals) keep the simpler model listed first
            if (best == null || mape < bestMape) {
                best = model;
                bestMape = mape;
            }
        }
        return new Result(best, bestMape, naiveMape, run(best, y, horizon));
    }

    static List<Step> run(String model, double[] y, int horizon) {
        return switch (model) {
            case HW_ADDITIVE -> holtWinters(HoltWinters.fit(y, PERIOD, HoltWinters.Seasonality.ADDITIVE), horizon);
            case HW_MULTIPLICATIVE -> holtWinters(HoltWinters.fit(y, PERIOD, HoltWinters.Seasonality.MULTIPLICATIVE),
                    horizon);
            case SEASONAL_NAIVE -> seasonalNaive(y, horizon);
            default -> naive(y, horizon);
        };
    }

    private static List<Step> holtWinters(HoltWinters.Fit fit, int horizon) {
        List<Step> steps = new ArrayList<>(horizon);
        for (int h = 1; h <= horizon; h++) {
            double v = fit.forecast(h);
            double half = Z80 * fit.sd(h);
            steps.add(new Step(h, v, Math.max(0, v - half), v + half));
        }
        return steps;
    }

    /** Same weekday last week; spread from the seasonal differences, widening with each week ahead. */
    static List<Step> seasonalNaive(double[] y, int horizon) {
        int n = y.length;
        double sumSq = 0;
        int count = 0;
        for (int t = PERIOD; t < n; t++) {
            double d = y[t] - y[t - PERIOD];
            sumSq += d * d;
            count++;
        }
        double sd = count > 1 ? Math.sqrt(sumSq / (count - 1)) : 0;
        List<Step> steps = new ArrayList<>(horizon);
        for (int h = 1; h <= horizon; h++) {
            double v = y[n - PERIOD + (h - 1) % PERIOD];
            double half = Z80 * sd * Math.sqrt((h - 1) / PERIOD + 1);
            steps.add(new Step(h, v, Math.max(0, v - half), v + half));
        }
        return steps;
    }

    private static List<Step> naive(double[] y, int horizon) {
        double v = y[y.length - 1];
        List<Step> steps = new ArrayList<>(horizon);
        for (int h = 1; h <= horizon; h++) {
            steps.add(new Step(h, v, Math.max(0, v * 0.5), v * 1.5));
        }
        return steps;
    }

    static double[] values(List<Step> steps) {
        return steps.stream().mapToDouble(Step::value).toArray();
    }
}
