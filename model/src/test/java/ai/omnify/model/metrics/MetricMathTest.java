package ai.omnify.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MetricMathTest {

    @Test
    void ratiosFromSums() {
        assertThat(MetricMath.roas(new BigDecimal("450.00"), new BigDecimal("150.00"))).isEqualByComparingTo("3.0000");
        assertThat(MetricMath.cpa(new BigDecimal("150.00"), new BigDecimal("4"))).isEqualByComparingTo("37.5000");
        assertThat(MetricMath.ctr(25, 1000)).isEqualByComparingTo("0.025000");
        assertThat(MetricMath.cpc(new BigDecimal("150.00"), 25)).isEqualByComparingTo("6.0000");
        assertThat(MetricMath.cpm(new BigDecimal("150.00"), 30000)).isEqualByComparingTo("5.0000");
        assertThat(MetricMath.mer(new BigDecimal("600"), new BigDecimal("150"))).isEqualByComparingTo("4.0000");
        assertThat(MetricMath.frequency(3000, 1200L)).isEqualByComparingTo("2.5000");
    }

    @Test
    void zeroDenominatorsGiveNoValueNeverZeroOrInfinity() {
        assertThat(MetricMath.roas(new BigDecimal("450.00"), BigDecimal.ZERO)).isNull();
        assertThat(MetricMath.roas(BigDecimal.ZERO, new BigDecimal("0.00"))).isNull();
        assertThat(MetricMath.cpa(new BigDecimal("150.00"), new BigDecimal("0.000"))).isNull();
        assertThat(MetricMath.ctr(0, 0)).isNull();
        assertThat(MetricMath.cpc(new BigDecimal("1"), 0)).isNull();
        assertThat(MetricMath.cpm(new BigDecimal("1"), 0)).isNull();
        assertThat(MetricMath.mer(new BigDecimal("600"), BigDecimal.ZERO)).isNull();
        assertThat(MetricMath.frequency(10, null)).isNull();
        assertThat(MetricMath.frequency(10, 0L)).isNull();
    }

    @Test
    void roundingIsHalfEven() {
        assertThat(MetricMath.roas(new BigDecimal("1.00005"), BigDecimal.ONE)).isEqualByComparingTo("1.0000");
        assertThat(MetricMath.roas(new BigDecimal("1.00015"), BigDecimal.ONE)).isEqualByComparingTo("1.0002");
        assertThat(MetricMath.ctr(1, 3)).isEqualByComparingTo("0.333333");
    }
}
