package ai.omnify.jobs.brain.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FatigueForecasterTest {
    private static final LocalDate D0 = LocalDate.of(2026, 10, 1);

    /** CTR 3% for 10 days, then falling 4% a day (relative). */
    private static List<FatigueForecaster.Day> decaying(int days) {
        List<FatigueForecaster.Day> out = new ArrayList<>();
        for (int t = 0; t < days; t++) {
            double ctr = t < 10 ? 0.03 : 0.03 * Math.exp(-0.04 * (t - 9));
            long imp = 10_000;
            out.add(new FatigueForecaster.Day(D0.plusDays(t), imp, Math.round(imp * ctr), 100, 4));
        }
        return out;
    }

    @Test
    void aDecayingCreativeIsForecastToFatigueInTheRightNumberOfDays() {
        // threshold 70% of 3%: crossed when exp(-0.04 k) = 0.7, k = 8.9 days after day 9, i.e. day 18.9
        FatigueForecaster.Verdict v = FatigueForecaster.defaults().ctr(decaying(15));
        assertThat(v.baseline()).isEqualTo(0.03, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(v.threshold()).isEqualTo(0.021, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(v.trendPerDay()).isNegative();
        // the smoothed CTR at day 14 trails the true curve; true crossing is ~4.9 days after day 14
        assertThat(v.daysToFatigue()).isBetween(3, 9);
    }

    @Test
    void aCreativePastItsThresholdIsFatiguedNow() {
        FatigueForecaster.Verdict v = FatigueForecaster.defaults().ctr(decaying(24));
        assertThat(v.daysToFatigue()).isZero();
    }

    @Test
    void aSteadyCreativeIsNotHeadingToFatigue() {
        List<FatigueForecaster.Day> steady = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            steady.add(new FatigueForecaster.Day(D0.plusDays(t), 10_000, 300 + (t % 2), 100, 4));
        }
        FatigueForecaster.Verdict v = FatigueForecaster.defaults().ctr(steady);
        assertThat(v.daysToFatigue()).isNull();
        assertThat(FatigueForecaster.defaults().cpa(steady).daysToFatigue()).isNull();
    }

    @Test
    void risingCostPerAcquisitionIsFatigueToo() {
        List<FatigueForecaster.Day> days = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            double conv = t < 8 ? 10 : 10 * Math.exp(-0.05 * (t - 7));
            days.add(new FatigueForecaster.Day(D0.plusDays(t), 10_000, 300, 100, conv));
        }
        FatigueForecaster.Verdict v = FatigueForecaster.defaults().cpa(days);
        assertThat(v.metric()).isEqualTo("cpa");
        assertThat(v.daysToFatigue()).isNotNull().isBetween(0, 10);
    }

    @Test
    void tooLittleDataGivesNoVerdict() {
        assertThat(FatigueForecaster.defaults().ctr(decaying(5))).isNull();
    }
}
