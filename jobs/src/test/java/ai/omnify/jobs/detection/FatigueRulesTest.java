package ai.omnify.jobs.detection;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.alert.AlertRules;
import ai.omnify.model.alert.Severity;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FatigueRulesTest {
    private final LocalDate d = Windows.FIRST.plusDays(20);

    @Test
    void worseMeansLowerCtrHigherFrequencyAndCpaAtLeastAsHigh() {
        MetricWindow a = Windows.creativeDay(d, 20, 20, 2.0, 10);
        assertThat(FatigueRules.worsened(a, Windows.creativeDay(d.plusDays(1), 21, 18, 2.1, 9))).isTrue();
        assertThat(FatigueRules.worsened(a, Windows.creativeDay(d.plusDays(1), 21, 18, 2.1, 0)))
                .as("no conversion: unbounded CPA counts as climbing").isTrue();
        assertThat(FatigueRules.worsened(a, Windows.creativeDay(d.plusDays(1), 21, 21, 2.1, 9))).isFalse();
        assertThat(FatigueRules.worsened(a, Windows.creativeDay(d.plusDays(1), 21, 18, 1.9, 9))).isFalse();
        assertThat(FatigueRules.worsened(a, Windows.creativeDay(d.plusDays(1), 21, 18, 2.1, 11))).isFalse();
        assertThat(FatigueRules.worsened(a, Windows.creativeDay(d.plusDays(2), 21, 18, 2.1, 9)))
                .as("a gap breaks the run").isFalse();
    }

    @Test
    void aRunIsFatigueWhenCtrFellByTheThreshold() {
        FatigueMatch m = FatigueRules.match(List.of(Windows.creativeDay(d, 20, 20, 2.0, 10),
                Windows.creativeDay(d.plusDays(1), 21, 18, 2.1, 9), Windows.creativeDay(d.plusDays(2), 22, 16, 2.2, 8)));
        assertThat(m.ctrDrop()).isEqualTo(0.2, org.assertj.core.api.Assertions.within(1e-9));
        Reading r = FatigueRules.reading(m, AlertRules.defaults(Windows.ORG));
        assertThat(r.anomalous()).isTrue();
        assertThat(r.severity()).isEqualTo(Severity.WARNING);
        assertThat(r.explanation()).contains("CTR fell from 2.00% to 1.60%").contains("frequency rose from 2.00 to 2.20");
        AlertRules lenient = new AlertRules(Windows.ORG,
                Map.of("creative_fatigue", new AlertRules.KindRule(true, 0.3)), null, null, null, null);
        assertThat(FatigueRules.reading(m, lenient).anomalous()).isFalse();
    }

    @Test
    void warmUp() {
        assertThat(FatigueRules.canStart(Windows.creativeDay(d, 6, 20, 2.0, 10), 7)).isFalse();
        assertThat(FatigueRules.canStart(Windows.creativeDay(d, 7, 20, 2.0, 10), 7)).isTrue();
    }
}
