package ai.omnify.jobs.detection.fatigue;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.detection.CreativeFigures;
import ai.omnify.jobs.detection.FatigueMatch;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.Windows;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.model.alert.AlertRules;
import ai.omnify.model.alert.Severity;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FatigueRulesTest {
    private final LocalDate d = Windows.FIRST.plusDays(20);

    @Test
    void worseMeansHigherFrequencyThanTheDayBeforeAndCtrBelowTheRunsFirst() {
        MetricWindow a = Windows.creativeDay(d, 20, 20, 2.0, 10);
        assertThat(FatigueRules.worsened(a, a, Windows.creativeDay(d.plusDays(1), 21, 18, 2.1, 9))).isTrue();
        assertThat(FatigueRules.worsened(a, a, Windows.creativeDay(d.plusDays(1), 21, 18, 2.1, 11)))
                .as("one day's CPA (a handful of conversions) is judged over the run, not per day").isTrue();
        assertThat(FatigueRules.worsened(a, a, Windows.creativeDay(d.plusDays(1), 21, 20, 2.1, 9)))
                .as("CTR not below the run's first").isFalse();
        assertThat(FatigueRules.worsened(a, a, Windows.creativeDay(d.plusDays(1), 21, 18, 2.0, 9)))
                .as("frequency not up").isFalse();
        assertThat(FatigueRules.worsened(a, a, Windows.creativeDay(d.plusDays(2), 21, 18, 2.1, 9)))
                .as("a gap breaks the run").isFalse();
    }

    @Test
    void aDayWhoseCtrRoseByChanceGoesOnTheRunWhileItStaysBelowTheRunsFirst() {
        MetricWindow first = Windows.creativeDay(d, 20, 20, 2.0, 10);
        MetricWindow fell = Windows.creativeDay(d.plusDays(1), 21, 14, 2.4, 9);
        assertThat(FatigueRules.worsened(first, fell, Windows.creativeDay(d.plusDays(2), 22, 15, 2.8, 8)))
                .as("a little above the day before, still far below the first").isTrue();
        assertThat(FatigueRules.worsened(first, fell, Windows.creativeDay(d.plusDays(2), 22, 21, 2.8, 8)))
                .as("back above the first").isFalse();
    }

    /**
     * Figures of a creative's reference windows: CTR (per mille → ratio) about 2%, wobbling by a few percent, at the
     * spend and conversions of {@link Windows#creativeDay} with 10 conversions (CPA 10).
     */
    private static List<CreativeFigures> steady(double... perMille) {
        return java.util.Arrays.stream(perMille).mapToObj(x -> new CreativeFigures(x / 1000, 100, 10)).toList();
    }

    private static final List<CreativeFigures> USUAL = steady(20, 19.6, 20.4, 20.2, 19.8, 20.1, 19.9);

    @Test
    void aRunIsFatigueWhenCtrFellByTheThresholdBelowTheCreativesOwnUsualCtr() {
        FatigueMatch m = FatigueRules.match(List.of(Windows.creativeDay(d, 20, 20, 2.0, 10),
                Windows.creativeDay(d.plusDays(1), 21, 18, 2.2, 9), Windows.creativeDay(d.plusDays(2), 22, 15, 2.4, 8)));
        assertThat(m.ctrDrop()).isEqualTo(0.25, org.assertj.core.api.Assertions.within(1e-9));
        Reading r = FatigueRules.reading(m, USUAL, AlertRules.defaults(Windows.ORG));
        assertThat(r.anomalous()).isTrue();
        assertThat(r.severity()).isEqualTo(Severity.WARNING);
        assertThat(r.expected()).isEqualTo(0.02, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(r.explanation()).contains("CTR fell from 2.00% to 1.50%").contains("frequency rose from 2.00 to 2.40")
                .contains("25% below its usual 2.00%").contains("CPA climbed to 11.76 (usually 10.00)");
        AlertRules lenient = new AlertRules(Windows.ORG,
                Map.of("creative_fatigue", new AlertRules.KindRule(true, 0.3)), null, null, null, null);
        assertThat(FatigueRules.reading(m, USUAL, lenient).anomalous()).isFalse();
    }

    @Test
    void aRunFromALuckyHighDayBackToTheUsualCtrIsNotFatigue() {
        // 3 worse days in a row, -20% from the first, but the first was a lucky day: the end is the creative's usual
        FatigueMatch m = FatigueRules.match(List.of(Windows.creativeDay(d, 20, 25, 2.0, 10),
                Windows.creativeDay(d.plusDays(1), 21, 23, 2.2, 9), Windows.creativeDay(d.plusDays(2), 22, 20, 2.4, 8)));
        assertThat(m.ctrDrop()).isGreaterThanOrEqualTo(0.15);
        assertThat(FatigueRules.reading(m, USUAL, AlertRules.defaults(Windows.ORG)).anomalous()).isFalse();
    }

    @Test
    void aFallWithinTheCreativesOwnWobbleIsNotFatigue() {
        // the creative's CTR usually moves by ±15% from day to day: 25% below its median is chance, not fatigue
        List<CreativeFigures> noisy = steady(20, 17, 23, 16.5, 24, 18, 22);
        FatigueMatch m = FatigueRules.match(List.of(Windows.creativeDay(d, 20, 20, 2.0, 10),
                Windows.creativeDay(d.plusDays(1), 21, 18, 2.2, 9), Windows.creativeDay(d.plusDays(2), 22, 15, 2.4, 8)));
        assertThat(FatigueRules.reading(m, noisy, AlertRules.defaults(Windows.ORG)).anomalous()).isFalse();
        assertThat(FatigueRules.reading(m, USUAL, AlertRules.defaults(Windows.ORG)).anomalous()).isTrue();
    }

    @Test
    void aFallOnAFewImpressionsIsChance() {
        // the same CTRs on 400 impressions: 6 clicks where 8 were usual happens by chance
        MetricWindow small = new MetricWindow(Windows.ORG, "creative", Windows.CREATIVE, Windows.CHANNEL,
                Windows.CREATIVE, "day", d.plusDays(2).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                d.plusDays(3).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), 22, Windows.bd(100), 400, 6,
                Windows.bd(8), Windows.bd(400), 8, Windows.bd(2.4));
        FatigueMatch m = FatigueRules.match(List.of(Windows.creativeDay(d, 20, 20, 2.0, 10),
                Windows.creativeDay(d.plusDays(1), 21, 18, 2.2, 9), small));
        assertThat(m.ctrDrop()).isGreaterThan(0.15);
        assertThat(FatigueRules.reading(m, USUAL, AlertRules.defaults(Windows.ORG)).anomalous()).isFalse();
    }

    @Test
    void cpaMustHaveClimbedOverTheRun() {
        FatigueMatch cheaper = FatigueRules.match(List.of(Windows.creativeDay(d, 20, 20, 2.0, 10),
                Windows.creativeDay(d.plusDays(1), 21, 18, 2.2, 11), Windows.creativeDay(d.plusDays(2), 22, 15, 2.4, 12)));
        assertThat(FatigueRules.reading(cheaper, USUAL, AlertRules.defaults(Windows.ORG)).anomalous())
                .as("the worse days cost 8.70 a conversion, the usual 10.00").isFalse();
    }

    @Test
    void cpaIsTheWorseDaysPooledAgainstTheCreativesUsualNotOneDayAgainstAnother() {
        // the run's first day had few conversions by chance (CPA 20): its last day (12.50) is cheaper than that, but
        // the worse days together cost more than the creative's usual 10.00
        FatigueMatch m = FatigueRules.match(List.of(Windows.creativeDay(d, 20, 20, 2.0, 5),
                Windows.creativeDay(d.plusDays(1), 21, 18, 2.2, 8), Windows.creativeDay(d.plusDays(2), 22, 15, 2.4, 8)));
        assertThat(m.cpaWorse()).isEqualTo(12.5, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(FatigueRules.reading(m, USUAL, AlertRules.defaults(Windows.ORG)).anomalous()).isTrue();
    }

    @Test
    void frequencyMustHaveRisenByMoreThanACreativesAgeingOverTheRun() {
        // CTR 25% down, but frequency up 10% (2.0 to 2.2): a creative ageing, not an audience saturating
        FatigueMatch m = FatigueRules.match(List.of(Windows.creativeDay(d, 20, 20, 2.0, 10),
                Windows.creativeDay(d.plusDays(1), 21, 18, 2.1, 9), Windows.creativeDay(d.plusDays(2), 22, 15, 2.2, 8)));
        assertThat(m.frequencyRise()).isLessThan(FatigueRules.MIN_FREQUENCY_RISE);
        assertThat(FatigueRules.reading(m, USUAL, AlertRules.defaults(Windows.ORG)).anomalous()).isFalse();
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
