package ai.omnify.bench.brain;

import ai.omnify.bench.Log;
import ai.omnify.bench.report.Figure;
import ai.omnify.bench.report.Report;
import ai.omnify.jobs.brain.oracle.Accuracy;
import ai.omnify.jobs.brain.oracle.SeriesForecaster;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Forecast error on the simulator's last 28 days, rolling origin, horizon 7: for every origin from 28 to 7 days before
 * the end, the brain's forecaster (model chosen per series by backtest) and the seasonal-naive forecast (same weekday
 * last week) are fitted on the days up to the origin and scored on the next 7. MAPE over every campaign-day with a
 * non-zero actual, per metric. Pure computation: no stack needed.
 */
public final class ForecastBenchmark {
    public record Options(long seed, int days) {}

    private final Options options;
    private final Report report;

    public ForecastBenchmark(Options options, Report report) {
        this.options = options;
        this.report = report;
    }

    public void run() {
        long t0 = System.nanoTime();
        var series = SimulatorSeries.of(SimulatorSeries.brand(options.seed(), options.days()));
        Map<String, double[]> sums = new LinkedHashMap<>(); // metric -> {omnify sum, naive sum, n, hw chosen, fits}
        SeriesForecaster forecaster = new SeriesForecaster(14);
        for (var s : series) {
            for (String metric : new String[] {"spend", "revenue"}) {
                double[] y = metric.equals("spend") ? s.spend() : s.revenue();
                double[] acc = sums.computeIfAbsent(metric, k -> new double[5]);
                int n = y.length;
                for (int origin = n - 28; origin <= n - 7; origin++) {
                    double[] train = Arrays.copyOf(y, origin);
                    // a campaign that has not started yet, or paused, has nothing to forecast from
                    if (Arrays.stream(train, Math.max(0, origin - 14), origin).allMatch(v -> v == 0)) {
                        continue;
                    }
                    SeriesForecaster.Result ours = forecaster.forecast(trimLeadingZeros(train), 7);
                    double[] actual = Arrays.copyOfRange(y, origin, origin + 7);
                    double[] f = ours.steps().stream().mapToDouble(SeriesForecaster.Step::value).toArray();
                    double[] naive = new double[7];
                    for (int h = 0; h < 7; h++) {
                        naive[h] = train[origin - 7 + h];
                    }
                    for (int h = 0; h < 7; h++) {
                        double a = Accuracy.ape(actual[h], f[h]);
                        double b = Accuracy.ape(actual[h], naive[h]);
                        if (!Double.isNaN(a) && !Double.isNaN(b)) {
                            acc[0] += a;
                            acc[1] += b;
                            acc[2]++;
                        }
                    }
                    acc[3] += ours.model().startsWith("holt_winters") ? 1 : 0;
                    acc[4]++;
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (var e : sums.entrySet()) {
            double[] a = e.getValue();
            double ours = a[0] / a[2];
            double naive = a[1] / a[2];
            Log.info("forecast %s: MAPE %.1f%% (Omnify) vs %.1f%% (seasonal naive) over %d campaign-days", e.getKey(),
                    100 * ours, 100 * naive, (long) a[2]);
            report.add(Figure.of("forecast", String.format("%s MAPE %.1f%%", e.getKey(), 100 * ours),
                    String.format("seasonal naive %.1f%% (%.0f%% of it)", 100 * naive, 100 * ours / naive))
                    .with("metric", e.getKey()).with("mapeOmnify", ours).with("mapeSeasonalNaive", naive)
                    .with("points", (long) a[2]).with("campaigns", series.size()).with("horizon", 7)
                    .with("holtWintersShare", a[3] / a[4]).with("seconds", seconds).with("seed", options.seed())
                    .with("days", options.days()));
        }
    }

    private static double[] trimLeadingZeros(double[] y) {
        int i = 0;
        while (i < y.length - 1 && y[i] == 0) {
            i++;
        }
        return Arrays.copyOfRange(y, i, y.length);
    }
}
