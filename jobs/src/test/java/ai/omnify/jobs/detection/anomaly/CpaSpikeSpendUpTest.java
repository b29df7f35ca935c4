package ai.omnify.jobs.detection.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.Point;
import ai.omnify.jobs.detection.Windows;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A CPA spike while the spend stays clearly up (auction pressure: 1.5x the spend buying fewer conversions) on a
 * campaign of about 12 or 20 conversions a day, whose counts vary as Poisson draws: two days of it are judged at the
 * next sensitivity level's significance, three at the one after ({@link CpaSpike#alpha}), and a day that is merely
 * dearer than usual still belongs to the episode. One day of risen spend, or a span with a day of steady spend,
 * borrows nothing.
 */
class CpaSpikeSpendUpTest {
    private final DetectorSettings s = DetectorSettings.defaults();
    private final AlertRules rules = AlertRules.defaults(Windows.ORG);
    /** Day 35 (a Monday) is the first day under test. */
    private final LocalDate monday = Windows.FIRST.plusDays(35);

    /** A flat campaign's day: spend {@code 1000 * scale * spendF} (2% wobble), {@code conversions} as given. */
    private static MetricWindow day(LocalDate d, int history, double scale, double spendF, double conversions) {
        double spend = 1000 * scale * spendF * (1 + 0.02 * Math.sin(d.toEpochDay()));
        long clicks = Math.round(400 * scale * spendF);
        Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
        return new MetricWindow(Windows.ORG, "channel", Windows.CHANNEL, Windows.CHANNEL, null, "day", start,
                start.plusSeconds(86_400), history, Windows.bd(spend), 10 * clicks, clicks,
                Windows.bd(conversions), Windows.bd(conversions * 80), Math.round(conversions), null);
    }

    /** Five weeks of usual days: {@code usual} conversions for {@code 1000 * scale} spend (a CPA of 50 or 41.67). */
    private static List<Point> history(double scale, double usual) {
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            out.add(Point.of(day(Windows.FIRST.plusDays(i), i, scale, 1, usual)));
        }
        return out;
    }

    /** Judges the days from Monday on (spend factor, conversions), each with the days before in its history. */
    private List<Map<AlertKind, Reading>> judge(double scale, double usual, double[][] days) {
        List<Point> h = history(scale, usual);
        List<Map<AlertKind, Reading>> out = new ArrayList<>();
        for (int i = 0; i < days.length; i++) {
            MetricWindow w = day(monday.plusDays(i), 35 + i, scale, days[i][0], days[i][1]);
            out.add(ChannelJudge.readings(w, h, 0, null, rules, s));
            h.add(Point.of(w));
        }
        return out;
    }

    private static List<AlertKind> anomalies(Map<AlertKind, Reading> readings) {
        return readings.values().stream().filter(Reading::anomalous).map(Reading::kind).toList();
    }

    @Test
    void twoDearDaysOfRisenSpendAreACpaSpikeWhereTheUsualLevelFallsShort() {
        // 12 conversions on 500 a day; 1.5x the spend (18 conversions due) buys 8 on each of two days: p = 7e-3 a
        // day, 1.5e-4 for the two (16 where 36 were due), short of 1e-4 but well under the next level's 1e-3
        var r = judge(0.5, 12, new double[][] {{1.5, 8}, {1.5, 8}});
        assertThat(anomalies(r.get(0))).as("one day at these volumes").isEmpty();
        assertThat(anomalies(r.get(1))).containsExactly(AlertKind.CPA_SPIKE);
        Reading spike = r.get(1).get(AlertKind.CPA_SPIKE);
        assertThat(spike.deviation()).isGreaterThan(1.2);
        assertThat(spike.explanation()).contains("over the last 2 days").contains("above its usual");
    }

    @Test
    void threeDearDaysOfRisenSpendAreJudgedAtTheLevelAfterTheNext() {
        // 12 conversions on 500 a day; 1.5x the spend (18 due) buys 11 a day: 64% dearer every day, but 11 of 18 is
        // p = 0.05, two days 22 of 36 p = 8e-3 (short of 1e-3), three days 33 of 54 p = 1.5e-3, within 1e-2
        var r = judge(0.5, 12, new double[][] {{1.5, 11}, {1.5, 11}, {1.5, 11}});
        assertThat(anomalies(r.get(0))).isEmpty();
        assertThat(anomalies(r.get(1))).as("two days fall short of 1e-3").isEmpty();
        assertThat(anomalies(r.get(2))).containsExactly(AlertKind.CPA_SPIKE);
        assertThat(r.get(2).get(AlertKind.CPA_SPIKE).explanation()).contains("over the last 3 days");
    }

    @Test
    void aDayMerelyDearerThanUsualBelongsToTheEpisodeWhileSpendStaysUp() {
        // 20 conversions on 1000 a day; 1.5x the spend (30 due) buys 12, then 24: the second day is only 25% dearer
        // (under half the threshold, which ended the pooled span before), the two together 67% at p = 6e-4
        var r = judge(1, 20, new double[][] {{1.5, 12}, {1.5, 24}});
        assertThat(anomalies(r.get(0))).as("p = 1.7e-4 alone").isEmpty();
        assertThat(anomalies(r.get(1))).containsExactly(AlertKind.CPA_SPIKE);
        assertThat(r.get(1).get(AlertKind.CPA_SPIKE).explanation()).contains("over the last 2 days");
    }

    @Test
    void oneDayOfRisenSpendIsJudgedAtTheUsualLevel() {
        // a day like a budget overrun's: 1.5x the spend buying 5 where 18 were due (p = 3e-4), after a usual day
        var r = judge(0.5, 12, new double[][] {{1, 12}, {1.5, 5}});
        assertThat(anomalies(r.get(1))).isEmpty();
        assertThat(r.get(1).get(AlertKind.CPA_SPIKE).deviation()).as("the cost did jump").isGreaterThan(1.5);
    }

    @Test
    void aPooledDayOfSteadySpendKeepsTheUsualLevel() {
        // a dear day at the usual spend (11 of 20), then a dear day at 1.5x the spend (16 of 30): together 27 where 50
        // were due (p = 2.8e-4), each dearer by half the threshold, but the spend was not up on both
        var r = judge(1, 20, new double[][] {{1, 11}, {1.5, 16}});
        assertThat(anomalies(r.get(1))).isEmpty();
    }

    @Test
    void risenSpendWhoseConversionsFollowIsNoCpaSpike() {
        var r = judge(0.5, 12, new double[][] {{1.5, 17}, {1.5, 16}, {1.5, 15}});
        for (Map<AlertKind, Reading> day : r) {
            assertThat(anomalies(day)).isEmpty();
        }
    }

    @Test
    void aPooledDayWhoseConversionsFellAtSteadySpendIsTheConversionDropsNotACpaSpikes() {
        // 20 conversions on 1000 a day; at the usual spend 6, then 12 and 12: a conversion drop whose first day fell
        // by 70%. The last two days alone are 24 where 40 were due (p = 6e-3); pooled with the first, 30 where 60
        // were due (p = 2e-5) and 100% dearer: a CPA spike's figures, but the first day's fall at steady spend is the
        // conversion drop's, and the span borrows nothing from it
        var r = judge(1, 20, new double[][] {{1, 6}, {1, 12}, {1, 12}});
        List<Point> h = history(1, 20);
        for (int i = 0; i < 2; i++) {
            h.add(Point.of(day(monday.plusDays(i), 35 + i, 1, 1, i == 0 ? 6 : 12)));
        }
        MetricWindow last = day(monday.plusDays(2), 37, 1, 1, 12);
        Reading cpa = new CpaSpike().read(new ChannelEvidence(last, ChannelEvidence.span(last, h, s),
                ChannelEvidence.priors(last, h, s), Dispersion.POISSON, OrderYield.UNKNOWN, 0, null), rules, s);
        assertThat(cpa.anomalous()).as("%s", cpa.explanation()).isFalse();
        assertThat(r.get(2).get(AlertKind.CPA_SPIKE).anomalous()).isFalse();
    }

    @Test
    void spendUpNeedsTheRiseBeyondSteadyAndBeyondTheWobble() {
        Baseline usual = Baseline.of(new double[] {1000, 990, 1010, 1000, 1005});
        assertThat(SpendLevel.clearlyUp(1250, usual, rules)).isTrue();
        assertThat(SpendLevel.clearlyUp(1150, usual, rules)).as("within steady spend").isFalse();
        Baseline wobbly = Baseline.of(new double[] {1000, 700, 1300, 800, 1200});
        assertThat(SpendLevel.clearlyUp(1250, wobbly, rules)).as("within the channel's own wobble").isFalse();
        assertThat(CpaSpike.alpha(rules, 2)).isEqualTo(10 * CpaSpike.alpha(rules, 0));
        assertThat(CpaSpike.alpha(rules, 3)).isEqualTo(100 * CpaSpike.alpha(rules, 0));
        assertThat(CpaSpike.alpha(rules, 1)).as("never for one day").isEqualTo(CpaSpike.alpha(rules, 0));
    }
}
