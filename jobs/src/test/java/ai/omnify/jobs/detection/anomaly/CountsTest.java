package ai.omnify.jobs.detection.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CountsTest {
    @Test
    void lowerTailIsThePoissonDistributionFunction() {
        assertThat(Counts.lowerTail(0, 2)).isCloseTo(Math.exp(-2), within(1e-12));
        assertThat(Counts.lowerTail(2, 2)).isCloseTo(Math.exp(-2) * (1 + 2 + 2), within(1e-12));
        assertThat(Counts.lowerTail(2.7, 2)).isEqualTo(Counts.lowerTail(2, 2)); // fractional conversions: floored
        assertThat(Counts.lowerTail(-1, 2)).isZero();
        assertThat(Counts.lowerTail(5, 0)).isEqualTo(1);
        assertThat(Counts.lowerTail(2000, 1000)).isCloseTo(1, within(1e-9));
    }

    @Test
    void aLowCountOfASmallChannelIsChanceAndOfABigOneIsNot() {
        double medium = Counts.alpha("medium");
        assertThat(Counts.lowerTail(0, 2)).isGreaterThan(medium); // usually two orders, none today: chance
        assertThat(Counts.lowerTail(4, 9)).isGreaterThan(medium); // usually nine conversions, four today: chance
        assertThat(Counts.lowerTail(7, 25)).isLessThan(medium); // usually 25, 7 today: not chance
        assertThat(Counts.alpha("low")).isLessThan(medium);
        assertThat(Counts.alpha("high")).isGreaterThan(medium);
    }
}
