package ai.omnify.jobs.brain.oracle;

import java.util.Arrays;

/**
 * Holt–Winters exponential smoothing with a seasonal period (7: weekly), additive or multiplicative seasonality, with
 * smoothing parameters fitted by grid search on one-step-ahead squared error. Pure and deterministic.
 */
public final class HoltWinters {
    public enum Seasonality { ADDITIVE, MULTIPLICATIVE }

    private static final double[] ALPHAS = {0.05, 0.1, 0.2, 0.3, 0.5, 0.7};
    private static final double[] BETAS = {0.0, 0.02, 0.05, 0.1, 0.2};
    private static final double[] GAMMAS = {0.05, 0.1, 0.2, 0.3, 0.5};

    /** A fitted model: its final level, trend and seasonal indices, and its one-step residual spread. */
    public record Fit(Seasonality seasonality, int period, double alpha, double beta, double gamma, double level,
            double trend, double[] season, double sse, double residualSd, int n) {

        /** Point forecast {@code h} steps (days) after the last observation. */
        public double forecast(int h) {
            int idx = Math.floorMod(n + h - 1, period);
            double base = level + h * trend;
            double v = seasonality == Seasonality.ADDITIVE ? base + season[idx] : base * season[idx];
            return Math.max(0, v);
        }

        /**
         * Standard deviation of the {@code h}-step error: the additive model's variance formula
         * {@code sd1 * sqrt(1 + sum_{j<h} (alpha (1 + j beta) + [j mod m == 0] gamma (1 - alpha))^2)}, used for both
         * seasonalities (for the multiplicative one it is the usual approximation).
         */
        public double sd(int h) {
            double sum = 1;
            for (int j = 1; j < h; j++) {
                double c = alpha * (1 + j * beta) + (j % period == 0 ? gamma * (1 - alpha) : 0);
                sum += c * c;
            }
            return residualSd * Math.sqrt(sum);
        }
    }

    private HoltWinters() {}

    /** Whether the series is long enough: two full periods plus one. */
    public static boolean canFit(double[] y, int period) {
        return y.length >= 2 * period + 1;
    }

    /** The best parameters on the grid for this seasonality; multiplicative needs strictly positive values. */
    public static Fit fit(double[] y, int period, Seasonality s) {
        if (!canFit(y, period)) {
            throw new IllegalArgumentException("need at least " + (2 * period + 1) + " points, got " + y.length);
        }
        if (s == Seasonality.MULTIPLICATIVE && Arrays.stream(y).anyMatch(v -> v <= 0)) {
            throw new IllegalArgumentException("multiplicative seasonality needs positive values");
        }
        Fit best = null;
        for (double a : ALPHAS) {
            for (double b : BETAS) {
                for (double g : GAMMAS) {
                    Fit f = run(y, period, s, a, b, g);
                    if (best == null || f.sse() < best.sse()) {
                        best = f;
                    }
                }
            }
        }
        return best;
    }

    /** Runs the recursions with fixed parameters. */
    public static Fit run(double[] y, int period, Seasonality s, double alpha, double beta, double gamma) {
        int m = period;
        double mean1 = mean(y, 0, m);
        double mean2 = mean(y, m, 2 * m);
        double level = mean1;
        double trend = (mean2 - mean1) / m;
        double[] season = new double[m];
        for (int i = 0; i < m; i++) {
            season[i] = s == Seasonality.ADDITIVE ? y[i] - mean1 : (mean1 == 0 ? 1 : y[i] / mean1);
        }
        double sse = 0;
        int count = 0;
        for (int t = m; t < y.length; t++) {
            int idx = t % m;
            double prevLevel = level;
            double predicted = s == Seasonality.ADDITIVE ? level + trend + season[idx] : (level + trend) * season[idx];
            double err = y[t] - predicted;
            sse += err * err;
            count++;
            if (s == Seasonality.ADDITIVE) {
                level = alpha * (y[t] - season[idx]) + (1 - alpha) * (level + trend);
                trend = beta * (level - prevLevel) + (1 - beta) * trend;
                season[idx] = gamma * (y[t] - level) + (1 - gamma) * season[idx];
            } else {
                double si = season[idx] == 0 ? 1e-9 : season[idx];
                level = alpha * (y[t] / si) + (1 - alpha) * (level + trend);
                trend = beta * (level - prevLevel) + (1 - beta) * trend;
                season[idx] = level == 0 ? season[idx] : gamma * (y[t] / level) + (1 - gamma) * season[idx];
            }
        }
        double sd = count > 1 ? Math.sqrt(sse / (count - 1)) : 0;
        // the recursion's index for step t is t mod m; forecast(h) uses (n + h - 1) mod m, i.e. step n + h - 1
        return new Fit(s, m, alpha, beta, gamma, level, trend, season, sse, sd, y.length);
    }

    private static double mean(double[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += y[i];
        }
        return sum / (to - from);
    }
}
