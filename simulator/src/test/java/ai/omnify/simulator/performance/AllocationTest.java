package ai.omnify.simulator.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class AllocationTest {

    @Property
    void partsSumToTheTotalAndFollowTheWeights(@ForAll @LongRange(min = 0, max = 10_000_000) long total,
            @ForAll @Size(min = 1, max = 30) List<@DoubleRange(min = 0, max = 100) Double> weightList) {
        double[] weights = weightList.stream().mapToDouble(Double::doubleValue).toArray();
        long[] parts = Allocation.split(total, weights);
        assertThat(java.util.Arrays.stream(parts).sum()).isEqualTo(total);
        double sum = java.util.Arrays.stream(weights).sum();
        for (int i = 0; i < parts.length; i++) {
            assertThat(parts[i]).isNotNegative();
            if (sum > 0) {
                assertThat((double) parts[i]).isLessThanOrEqualTo(Math.ceil(total * weights[i] / sum) + 1e-9);
                if (weights[i] == 0) {
                    assertThat(parts[i]).isZero();
                }
            }
        }
    }

    @Property
    void hugeAndNegativeWeightsNeitherOverflowNorGoNegative(@ForAll @LongRange(min = 0, max = 1_000_000) long total,
            @ForAll @Size(min = 1, max = 10) List<Double> weightList) {
        double[] weights = weightList.stream().mapToDouble(Double::doubleValue).toArray();
        long[] parts = Allocation.split(total, weights);
        assertThat(java.util.Arrays.stream(parts).sum()).isEqualTo(total);
        assertThat(java.util.Arrays.stream(parts).min().orElse(0)).isNotNegative();
    }

    @Property
    void clicksSplitByImpressionsNeverExceedThemInAnySlot(@ForAll @LongRange(min = 0, max = 100_000) long imps,
            @ForAll @DoubleRange(min = 0, max = 1) double ctr,
            @ForAll @Size(min = 23, max = 25) List<@DoubleRange(min = 0.01, max = 2) Double> weightList) {
        double[] weights = weightList.stream().mapToDouble(Double::doubleValue).toArray();
        long[] impSlots = Allocation.split(imps, weights);
        long clicks = Math.round(imps * ctr);
        long[] clickSlots = Allocation.capTo(Allocation.split(clicks, Allocation.asWeights(impSlots)), impSlots);
        assertThat(java.util.Arrays.stream(clickSlots).sum()).isEqualTo(clicks);
        for (int i = 0; i < impSlots.length; i++) {
            assertThat(clickSlots[i]).isLessThanOrEqualTo(impSlots[i]);
        }
    }
}
