package ai.omnify.jobs.brain.oracle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Forecasts one daily series: Holt–Winters (additive and, for positive series, multiplicative), the seasonal-naive
 * forecast (same weekday last week) and the seasonal mean (same weekday over the last 4 weeks) are each backtested
 * with rolling origins over the last {@code holdout} days; the one with the lowest MAPE is refitted on the whole series
 * and forecasts the next days, with an 80% interval.
 */
public final class SeriesForecaster {
    public static final int PERIOD = 7;
    public static final String HW_ADDITIVE = "holt_winters_additive";
    public static final String HW_MULTIPLICATIVE = "holt_winters_multiplicative";
    public static final String SEASONAL_NAIVE = "seasonal_naive";
    public static final String SEASONAL_MEAN = "seasonal_mean";
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
        if (y.length - holdout >= 4 * PERIOD) {
            candidates.add(SEASONAL_MEAN);
        }
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
        String best = null;
        double bestMape = Double.POSITIVE_INFINITY;
        double naiveMape = Double.NaN;
        for (String model : candidates) {
            double mape = backtest(model, y);
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

    /**
     * Rolling-origin backtest over the held-out days: from each origin (every 7 days, the first {@code holdout} days
     * before the end) forecast up to 7 days with a fit on the days before it; the MAPE over all those days.
     */
    private double backtest(String model, double[] y) {
        int n = y.length;
        List<Double> actual = new ArrayList<>();
        List<Double> forecast = new ArrayList<>();
        for (int origin = n - holdout; origin < n; origin += PERIOD) {
            int h = Math.min(PERIOD, n - origin);
            double[] f = values(run(model, Arrays.copyOf(y, origin), h));
            for (int i = 0; i < h; i++) {
                actual.add(y[origin + i]);
                forecast.add(f[i]);
            }
        }
        return Accuracy.mape(actual.stream().mapToDouble(Double::doubleValue).toArray(),
                forecast.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static List<Step> run(String model, double[] y, int horizon) {
        return switch (model) {
            case HW_ADDITIVE -> holtWinters(HoltWinters.fit(y, PERIOD, HoltWinters.Seasonality.ADDITIVE), horizon);
            case HW_MULTIPLICATIVE -> holtWinters(HoltWinters.fit(y, PERIOD, HoltWinters.Seasonality.MULTIPLICATIVE),
                    horizon);
            case SEASONAL_NAIVE -> seasonalNaive(y, horizon);
            case SEASONAL_MEAN -> seasonalMean(y, horizon, 4);
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

    /** The mean of the same weekday over the last {@code weeks} weeks: steadier than one week on noisy series. */
    static List<Step> seasonalMean(double[] y, int horizon, int weeks) {
        int n = y.length;
        double[] mean = new double[PERIOD];
        for (int d = 0; d < PERIOD; d++) {
            double sum = 0;
            for (int w = 1; w <= weeks; w++) {
                sum += y[n - w * PERIOD + d];
            }
            mean[d] = sum / weeks;
        }
        double sumSq = 0;
        int count = 0;
        for (int t = n - weeks * PERIOD; t < n; t++) {
            double d = y[t] - mean[Math.floorMod(t - n, PERIOD)];
            sumSq += d * d;
            count++;
        }
        double sd = Math.sqrt(sumSq / Math.max(1, count - PERIOD)) * Math.sqrt(1 + 1.0 / weeks);
        List<Step> steps = new ArrayList<>(horizon);
        for (int h = 1; h <= horizon; h++) {
            double v = mean[(h - 1) % PERIOD];
            double half = Z80 * sd;
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
