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
    void worseMeansLowerCtrAndHigherFrequencyOnTheNextDay() {
        MetricWindow a = Windows.creativeDay(d, 20, 20, 2.0, 10);
        assertThat(FatigueRules.worsened(a, Windows.creativeDay(d.plusDays(1), 21, 18, 2.1, 9))).isTrue();
        assertThat(FatigueRules.worsened(a, Windows.creativeDay(d.plusDays(1), 21, 18, 2.1, 11)))
                .as("one day's CPA (a handful of conversions) is judged over the run, not per day").isTrue();
        assertThat(FatigueRules.worsened(a, Windows.creativeDay(d.plusDays(1), 21, 21, 2.1, 9))).isFalse();
        assertThat(FatigueRules.worsened(a, Windows.creativeDay(d.plusDays(1), 21, 18, 1.9, 9))).isFalse();
        assertThat(FatigueRules.worsened(a, Windows.creativeDay(d.plusDays(2), 21, 18, 2.1, 9)))
                .as("a gap breaks the run").isFalse();
    }

    /** CTRs (per mille → ratio) of a creative's reference windows: about 2%, wobbling by a few percent. */
    private static List<Double> steady(double... perMille) {
        return java.util.Arrays.stream(perMille).map(x -> x / 1000).boxed().toList();
    }

    private static final List<Double> USUAL = steady(20, 19.6, 20.4, 20.2, 19.8, 20.1, 19.9);

    @Test
    void aRunIsFatigueWhenCtrFellByTheThresholdBelowTheCreativesOwnUsualCtr() {
        FatigueMatch m = FatigueRules.match(List.of(Windows.creativeDay(d, 20, 20, 2.0, 10),
                Windows.creativeDay(d.plusDays(1), 21, 18, 2.1, 9), Windows.creativeDay(d.plusDays(2), 22, 15, 2.2, 8)));
        assertThat(m.ctrDrop()).isEqualTo(0.25, org.assertj.core.api.Assertions.within(1e-9));
        Reading r = FatigueRules.reading(m, USUAL, AlertRules.defaults(Windows.ORG));
        assertThat(r.anomalous()).isTrue();
        assertThat(r.severity()).isEqualTo(Severity.WARNING);
        assertThat(r.expected()).isEqualTo(0.02, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(r.explanation()).contains("CTR fell from 2.00% to 1.50%").contains("frequency rose from 2.00 to 2.20")
                .contains("25% below its usual 2.00%");
        AlertRules lenient = new AlertRules(Windows.ORG,
                Map.of("creative_fatigue", new AlertRules.KindRule(true, 0.3)), null, null, null, null);
        assertThat(FatigueRules.reading(m, USUAL, lenient).anomalous()).isFalse();
    }

    @Test
    void aRunFromALuckyHighDayBackToTheUsualCtrIsNotFatigue() {
        // 3 worse days in a row, -20% from the first, but the first was a lucky day: the end is the creative's usual
        FatigueMatch m = FatigueRules.match(List.of(Windows.creativeDay(d, 20, 25, 2.0, 10),
                Windows.creativeDay(d.plusDays(1), 21, 23, 2.05, 9), Windows.creativeDay(d.plusDays(2), 22, 20, 2.1, 8)));
        assertThat(m.ctrDrop()).isGreaterThanOrEqualTo(0.15);
        assertThat(FatigueRules.reading(m, USUAL, AlertRules.defaults(Windows.ORG)).anomalous()).isFalse();
    }

    @Test
    void aFallWithinTheCreativesOwnWobbleIsNotFatigue() {
        // the creative's CTR usually moves by ±15% from day to day: 25% below its median is chance, not fatigue
        List<Double> noisy = steady(20, 17, 23, 16.5, 24, 18, 22);
        FatigueMatch m = FatigueRules.match(List.of(Windows.creativeDay(d, 20, 20, 2.0, 10),
                Windows.creativeDay(d.plusDays(1), 21, 18, 2.1, 9), Windows.creativeDay(d.plusDays(2), 22, 15, 2.2, 8)));
        assertThat(FatigueRules.reading(m, noisy, AlertRules.defaults(Windows.ORG)).anomalous()).isFalse();
        assertThat(FatigueRules.reading(m, USUAL, AlertRules.defaults(Windows.ORG)).anomalous()).isTrue();
    }

    @Test
    void aFallOnAFewImpressionsIsChance() {
        // the same CTRs on 400 impressions: 6 clicks where 8 were usual happens by chance
        MetricWindow small = new MetricWindow(Windows.ORG, "creative", Windows.CREATIVE, Windows.CHANNEL,
                Windows.CREATIVE, "day", d.plusDays(2).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                d.plusDays(3).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), 22, Windows.bd(100), 400, 6,
                Windows.bd(8), Windows.bd(400), 8, Windows.bd(2.2));
        FatigueMatch m = FatigueRules.match(List.of(Windows.creativeDay(d, 20, 20, 2.0, 10),
                Windows.creativeDay(d.plusDays(1), 21, 18, 2.1, 9), small));
        assertThat(m.ctrDrop()).isGreaterThan(0.15);
        assertThat(FatigueRules.reading(m, USUAL, AlertRules.defaults(Windows.ORG)).anomalous()).isFalse();
    }

    @Test
    void cpaMustHaveClimbedOverTheRun() {
        FatigueMatch cheaper = FatigueRules.match(List.of(Windows.creativeDay(d, 20, 20, 2.0, 10),
                Windows.creativeDay(d.plusDays(1), 21, 18, 2.1, 11), Windows.creativeDay(d.plusDays(2), 22, 16, 2.2, 12)));
        assertThat(FatigueRules.reading(cheaper, USUAL, AlertRules.defaults(Windows.ORG)).anomalous()).isFalse();
    }

    @Test
    void tooLittleReferenceIsNoJudgement() {
        FatigueMatch m = FatigueRules.match(List.of(Windows.creativeDay(d, 20, 20, 2.0, 10),
                Windows.creativeDay(d.plusDays(1), 21, 18, 2.1, 9), Windows.creativeDay(d.plusDays(2), 22, 16, 2.2, 8)));
        assertThat(FatigueRules.reading(m, USUAL.subList(0, FatigueRules.MIN_REFERENCE_WINDOWS - 1),
                AlertRules.defaults(Windows.ORG))).isNull();
    }

    @Test
    void warmUp() {
        assertThat(FatigueRules.canStart(Windows.creativeDay(d, 6, 20, 2.0, 10), 7)).isFalse();
        assertThat(FatigueRules.canStart(Windows.creativeDay(d, 7, 20, 2.0, 10), 7)).isTrue();
    }
}
