package ai.omnify.jobs.brain.curiosity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetAllocatorTest {

    @Test
    void findsTheBetterSplitOnKnownCurves() {
        // revenue = a * s^0.5: optimum puts spend in proportion to a^2, i.e. 10% on A and 90% on B
        var a = new BudgetAllocator.Channel("A", 100, s -> 10 * Math.sqrt(s));
        var b = new BudgetAllocator.Channel("B", 100, s -> 30 * Math.sqrt(s));
        BudgetAllocator.Allocation unbounded = new BudgetAllocator(1.0, 1000).allocate(List.of(a, b));
        assertThat(unbounded.spend()[0]).isCloseTo(20, within(1.0));
        assertThat(unbounded.spend()[1]).isCloseTo(180, within(1.0));
        double best = 10 * Math.sqrt(20) + 30 * Math.sqrt(180);
        assertThat(unbounded.proposedRevenue()).isCloseTo(best, within(0.5));
        assertThat(unbounded.currentRevenue()).isCloseTo(400, within(1e-9));

        BudgetAllocator.Allocation bounded = new BudgetAllocator(0.3, 400).allocate(List.of(a, b));
        assertThat(bounded.spend()[0]).isCloseTo(70, within(0.5));
        assertThat(bounded.spend()[1]).isCloseTo(130, within(0.5));
        assertThat(bounded.gain()).isPositive();
        assertThat(BudgetAllocator.moves(List.of(a, b), bounded.spend(), 1))
                .singleElement().satisfies(m -> {
                    assertThat(m.from()).isEqualTo("A");
                    assertThat(m.to()).isEqualTo("B");
                    assertThat(m.amount()).isCloseTo(30, within(0.5));
                });
    }

    @Test
    void leavesAnOptimalSplitAlone() {
        var a = new BudgetAllocator.Channel("A", 20, s -> 10 * Math.sqrt(s));
        var b = new BudgetAllocator.Channel("B", 180, s -> 30 * Math.sqrt(s));
        BudgetAllocator.Allocation r = new BudgetAllocator(0.3, 1000).allocate(List.of(a, b));
        assertThat(r.gain()).isCloseTo(0, within(0.05));
        assertThat(BudgetAllocator.moves(List.of(a, b), r.spend(), 2)).isEmpty();
    }

    @Test
    void curveFitRecoversElasticityFromVariedSpend() {
        double[] spend = new double[30];
        double[] revenue = new double[30];
        for (int i = 0; i < 30; i++) {
            spend[i] = 50 + 10 * (i % 10);
            revenue[i] = 20 * Math.pow(spend[i], 0.7);
        }
        ResponseCurveFit fit = ResponseCurveFit.fit(spend, revenue);
        assertThat(fit.b()).isCloseTo(0.7, within(0.05));
        assertThat(fit.revenue(100)).isCloseTo(20 * Math.pow(100, 0.7), within(20 * Math.pow(100, 0.7) * 0.05));
        assertThat(fit.marginalRoas(100)).isLessThan(fit.revenue(100) / 100); // diminishing returns
    }
}
