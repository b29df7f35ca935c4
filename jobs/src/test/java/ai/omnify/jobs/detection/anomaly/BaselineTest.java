package ai.omnify.jobs.detection.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.omnify.jobs.detection.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineTest {

    private static Point p(double spend) {
        return new Point(0, 0, spend, 0, 0, 0, 0);
    }

    @Test
    void medianAndMadIgnoreOneOutlier() {
        Baseline b = Baseline.of(List.of(p(100), p(102), p(98), p(1000), p(101)), Point::spend);
        assertThat(b.median()).isEqualTo(101);
        assertThat(b.mad()).isEqualTo(1);
        assertThat(b.n()).isEqualTo(5);
    }

    @Test
    void aFlatHistoryStillHasASpreadOfFivePercent() {
        Baseline b = Baseline.of(List.of(p(100), p(100), p(100)), Point::spend);
        assertThat(b.z(105)).isCloseTo(1.0, within(1e-9));
        assertThat(b.relative(150)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void noFiniteValueNoBaseline() {
        assertThat(Baseline.of(List.of(p(0)), Point::cpa).isReady(1)).isFalse();
    }
}
