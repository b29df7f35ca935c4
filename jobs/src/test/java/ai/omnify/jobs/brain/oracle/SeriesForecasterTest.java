package ai.omnify.jobs.brain.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesForecasterTest {
    private static final double[] WEEK = {1.0, 1.2, 1.1, 0.9, 0.8, 1.3, 0.7};

    /** Level 100 growing 0.5 a day, weekly multiplicative pattern, 5% noise. */
    private static double[] seasonal(int n, long seed) {
        Random r = new Random(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = (100 + 0.5 * t) * WEEK[t % 7] * (1 + 0.05 * r.nextGaussian());
        }
        return y;
    }

    private static double truth(int t) {
        return (100 + 0.5 * t) * WEEK[t % 7];
    }

    @Test
    void holtWintersRecoversAKnownWeeklySeasonalityAndBeatsSeasonalNaive() {
        int n = 84;
        double[] y = seasonal(n, 7);
        SeriesForecaster.Result r = new SeriesForecaster(14).forecast(y, 14);

        assertThat(r.model()).startsWith("holt_winters");
        assertThat(r.backtestMape()).isLessThan(r.naiveMape());
        double[] actual = new double[14];
        for (int h = 0; h < 14; h++) {
            actual[h] = truth(n + h);
        }
        double mape = Accuracy.mape(actual, SeriesForecaster.values(r.steps()));
        assertThat(mape).isLessThan(0.06);
        // the weekly shape is there: the forecast's peak weekday is the true one (index 5)
        int peak = 0;
        for (int h = 0; h < 7; h++) {
            if (r.steps().get(h).value() > r.steps().get(peak).value()) {
                peak = h;
            }
        }
        assertThat((n + peak) % 7).isEqualTo(5);
    }

    @Test
    void eightyPercentIntervalsCoverAboutEightyPercentOfNewDays() {
        int inside = 0;
        int total = 0;
        for (long seed = 1; seed <= 30; seed++) {
            double[] y = seasonal(98, seed);
            double[] train = java.util.Arrays.copyOf(y, 84);
            SeriesForecaster.Result r = new SeriesForecaster(14).forecast(train, 7);
            for (SeriesForecaster.Step s : r.steps()) {
                double a = y[84 + s.horizon() - 1];
                inside += a >= s.lower() && a <= s.upper() ? 1 : 0;
                total++;
            }
        }
        assertThat((double) inside / total).isBetween(0.65, 0.97);
    }

    @Test
    void shortSeriesFallBackToSimpleForecasts() {
        assertThat(new SeriesForecaster(14).forecast(new double[] {5, 6, 7}, 3).model()).isEqualTo("naive");
        assertThat(new SeriesForecaster(14).forecast(seasonal(20, 1), 7).model()).isEqualTo("seasonal_naive");
    }

    @Test
    void zeroDaysKeepAdditiveOrNaive() {
        double[] y = seasonal(60, 3);
        y[10] = 0;
        assertThat(new SeriesForecaster(14).forecast(y, 7).model()).isNotEqualTo("holt_winters_multiplicative");
    }
}
