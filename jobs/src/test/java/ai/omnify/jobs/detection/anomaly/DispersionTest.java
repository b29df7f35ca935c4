package ai.omnify.jobs.detection.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.detection.Point;
import ai.omnify.jobs.detection.Windows;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DispersionTest {
    private static final long DAY = 86_400_000L;

    /** 42 days of a channel spending about 500 a day for 15 conversions, the daily rate scaled by {@code wobble}. */
    private static List<Point> channel(long seed, double wobble) {
        Random r = new Random(seed);
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < 42; i++) {
            double spend = 500 * (0.9 + 0.2 * r.nextDouble());
            double rate = 15.0 / 500 * Math.exp(wobble * r.nextGaussian());
            int conversions = Windows.poisson(r, spend * rate);
            out.add(new Point(i * DAY, i % 7, spend, 300, conversions, conversions * 60.0, conversions / 2));
        }
        return out;
    }

    @Test
    void poissonCountsAreNotOverdispersed() {
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(Dispersion.of(channel(seed, 0)).conversions()).isBetween(1.0, 1.8);
        }
    }

    @Test
    void aRateThatMovesFromDayToDayMakesTheCountsVaryMore() {
        // a 35 % day-to-day wobble of the conversion rate at 15 a day: variance about 15 + (0.35 * 15)^2 = 42.6, phi
        // about 2.8; from 42 windows one channel's estimate is rough (a robust spread), ten channels' mean is not
        double sum = 0;
        double plain = 0;
        for (long seed = 1; seed <= 10; seed++) {
            sum += Dispersion.of(channel(seed, 0.35)).conversions();
            plain += Dispersion.of(channel(seed, 0)).conversions();
        }
        assertThat(sum / 10).isBetween(2.0, 3.6);
        assertThat(sum).isGreaterThan(plain + 8);
    }

    @Test
    void aWeeklyShapeOfTheRateIsNotNoise() {
        // weekends convert 40 % better than weekdays (the detectors compare like weekday with like), Poisson otherwise
        Random r = new Random(11);
        List<Point> days = new ArrayList<>();
        for (int i = 0; i < 42; i++) {
            double rate = 15.0 / 500 * (i % 7 >= 5 ? 1.4 : 0.85);
            int conversions = Windows.poisson(r, 500 * rate);
            days.add(new Point(i * DAY, i % 7, 500, 300, conversions, conversions * 60.0, conversions / 2));
        }
        assertThat(Dispersion.of(days).conversions()).isBetween(1.0, 1.8);
    }

    @Test
    void onePastIncidentDoesNotInflateIt() {
        List<Point> days = channel(3, 0);
        Point p = days.get(20);
        days.set(20, new Point(p.start(), p.slot(), p.spend(), p.clicks(), 0, 0, 0)); // a tracking break
        Point q = days.get(21);
        days.set(21, new Point(q.start(), q.slot(), q.spend(), q.clicks(), 0, 0, 0));
        assertThat(Dispersion.of(days).conversions()).isBetween(1.0, 1.8);
    }

    @Test
    void tooFewWindowsArePoisson() {
        assertThat(Dispersion.of(channel(1, 0.5).subList(0, Dispersion.MIN_POINTS - 1)))
                .isEqualTo(Dispersion.POISSON);
    }

    @Test
    void theOverdispersedTailIsTheNegativeBinomialOne() {
        assertThat(Counts.lowerTail(2, 14.5, 1)).isEqualTo(Counts.lowerTail(2, 14.5));
        // "2 where 14.5 were usual": 1 in 10,000 for a Poisson count, about 1 in 50 at dispersion 3
        assertThat(Counts.lowerTail(2, 14.5)).isLessThan(1e-4);
        assertThat(Counts.lowerTail(2, 14.5, 3)).isBetween(0.005, 0.05);
        // P(0) = (1/phi)^(lambda/(phi-1)): mean 18.5 at dispersion 3.5 is 0.286^7.4
        assertThat(Counts.lowerTail(0, 18.5, 3.5)).isCloseTo(Math.pow(1 / 3.5, 18.5 / 2.5),
                org.assertj.core.api.Assertions.within(1e-12));
        // the whole distribution sums to 1, and its mean is lambda
        double mean = 0;
        double before = 0;
        for (int k = 0; k < 400; k++) {
            double cdf = Counts.lowerTail(k, 18.5, 3.5);
            mean += k * (cdf - before);
            before = cdf;
        }
        assertThat(before).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(mean).isCloseTo(18.5, org.assertj.core.api.Assertions.within(1e-6));
    }
}
