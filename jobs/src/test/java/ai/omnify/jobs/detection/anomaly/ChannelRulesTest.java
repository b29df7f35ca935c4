package ai.omnify.jobs.detection.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.Point;
import ai.omnify.jobs.detection.Windows;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import ai.omnify.model.alert.Severity;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelRulesTest {
    private final DetectorSettings s = DetectorSettings.defaults();
    private final AlertRules rules = AlertRules.defaults(Windows.ORG);
    /** Five weeks of normal days; the day under test is the next one (a Monday, index 35). */
    private final List<Point> history = Windows.history(35);
    private final LocalDate monday = Windows.FIRST.plusDays(35);
    private final LocalDate saturday = Windows.FIRST.plusDays(40);

    private Map<AlertKind, Reading> judge(MetricWindow w) {
        return ChannelJudge.readings(w, history, 0, null, rules, s);
    }

    private static List<AlertKind> anomalies(Map<AlertKind, Reading> readings) {
        return readings.values().stream().filter(Reading::anomalous).map(Reading::kind).toList();
    }

    @Test
    void normalWeeklySeasonalityRaisesNothing() {
        List<Point> longer = Windows.history(42);
        for (int i = 42; i < 56; i++) {
            MetricWindow w = Windows.day(Windows.FIRST.plusDays(i), i);
            Map<AlertKind, Reading> r = ChannelJudge.readings(w, longer, 0, null, rules, s);
            assertThat(anomalies(r)).as("day %s", w.start()).isEmpty();
            assertThat(r).containsKeys(AlertKind.SPEND_SPIKE, AlertKind.CONVERSION_DROP, AlertKind.TRACKING_BREAK,
                    AlertKind.CPA_SPIKE, AlertKind.ROAS_DROP);
            longer.add(Point.of(w));
        }
    }

    @Test
    void aWeekendIsComparedWithWeekendsNotWithTheWeek() {
        // Saturday's normal spend is 40% above a weekday's: against weekdays that would look like a spike
        Map<AlertKind, Reading> r = judge(Windows.day(saturday, 40));
        assertThat(anomalies(r)).isEmpty();
        assertThat(r.get(AlertKind.SPEND_SPIKE).expected()).isGreaterThan(1300);
    }

    @Test
    void spendSpike() {
        Map<AlertKind, Reading> r = judge(Windows.day(Windows.ORG, monday, 35, 2.0, 1, 2.0));
        assertThat(anomalies(r)).containsExactly(AlertKind.SPEND_SPIKE);
        Reading spike = r.get(AlertKind.SPEND_SPIKE);
        assertThat(spike.severity()).isEqualTo(Severity.WARNING);
        assertThat(spike.observed()).isGreaterThan(1900);
        assertThat(spike.expected()).isBetween(950.0, 1050.0);
        assertThat(spike.explanation()).contains("Spend").contains("above the usual").contains("Monday");
        assertThat(judge(Windows.day(Windows.ORG, monday, 35, 3.0, 1, 3.0)).get(AlertKind.SPEND_SPIKE).severity())
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aSpendSpikeThatAlsoRaisesCpaIsOneAlertNotTwo() {
        Map<AlertKind, Reading> r = judge(Windows.day(Windows.ORG, monday, 35, 2.5, 1, 1));
        assertThat(anomalies(r)).containsExactly(AlertKind.SPEND_SPIKE);
        assertThat(r.get(AlertKind.CPA_SPIKE).deviation()).isGreaterThan(1.0);
    }

    @Test
    void trackingBreakWhenConversionsStopWhileTrafficGoesOn() {
        Map<AlertKind, Reading> r = judge(Windows.day(Windows.ORG, monday, 35, 1, 0, 0));
        assertThat(anomalies(r)).containsExactly(AlertKind.TRACKING_BREAK);
        assertThat(r.get(AlertKind.TRACKING_BREAK).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.get(AlertKind.TRACKING_BREAK).explanation()).contains("pixel");
        // store orders stop while the platform still reports conversions: also a break (checkout)
        assertThat(anomalies(judge(Windows.day(Windows.ORG, monday, 35, 1, 1, 0))))
                .containsExactly(AlertKind.TRACKING_BREAK);
    }

    @Test
    void noTrackingBreakWhenTheSpendStopsToo() {
        Map<AlertKind, Reading> r = judge(Windows.day(Windows.ORG, monday, 35, 0.1, 0, 0));
        assertThat(anomalies(r)).isEmpty();
    }

    @Test
    void conversionDrop() {
        Map<AlertKind, Reading> r = judge(Windows.day(Windows.ORG, monday, 35, 1, 0.35, 0.8));
        assertThat(anomalies(r)).containsExactly(AlertKind.CONVERSION_DROP);
        assertThat(r.get(AlertKind.CONVERSION_DROP).deviation()).isLessThan(-0.5);
    }

    @Test
    void cpaSpikeWhenSpendRisesModeratelyAndConversionsFall() {
        Map<AlertKind, Reading> r = judge(Windows.day(Windows.ORG, monday, 35, 1.4, 0.7, 1.4));
        assertThat(anomalies(r)).containsExactly(AlertKind.CPA_SPIKE);
    }

    @Test
    void roasDropWhenStoreRevenueFallsWhilePlatformConversionsHold() {
        // two days of 40% of the store orders while the platform reports as usual: a ROAS drop on the second
        MetricWindow first = Windows.day(Windows.ORG, monday, 35, 1, 1, 0.4);
        Map<AlertKind, Reading> one = judge(first);
        assertThat(anomalies(one)).as("one day is only a reading").isEmpty();
        assertThat(one.get(AlertKind.ROAS_DROP).deviation()).isLessThan(-0.5);
        List<Point> h = Windows.history(35);
        h.add(Point.of(first));
        Map<AlertKind, Reading> r = ChannelJudge.readings(Windows.day(Windows.ORG, monday.plusDays(1), 36, 1, 1, 0.4), h,
                0, null, rules, s);
        assertThat(anomalies(r)).containsExactly(AlertKind.ROAS_DROP);
        assertThat(r.get(AlertKind.ROAS_DROP).explanation()).contains("ROAS fell").contains("over the last 2 days");
    }

    @Test
    void ordersThatFallWithThePlatformsConversionsAreNoRoasDrop() {
        // two days of 30 % of the conversions and, following them, 30 % of the store orders: the conversions' fall is
        // the cause (a conversion drop, when beyond chance), not the return on what the platform reports as usual
        MetricWindow first = Windows.day(Windows.ORG, monday, 35, 1, 0.3, 0.3);
        List<Point> h = Windows.history(35);
        h.add(Point.of(first));
        MetricWindow second = Windows.day(Windows.ORG, monday.plusDays(1), 36, 1, 0.3, 0.3);
        Reading roas = roasDrop(second, h);
        assertThat(roas.anomalous()).isFalse();
        assertThat(roas.deviation()).as("the return did fall").isLessThan(-0.5);
        // the same orders with the conversions as usual: a ROAS drop
        MetricWindow held = Windows.day(Windows.ORG, monday, 35, 1, 1, 0.3);
        List<Point> h2 = Windows.history(35);
        h2.add(Point.of(held));
        MetricWindow second2 = Windows.day(Windows.ORG, monday.plusDays(1), 36, 1, 1, 0.3);
        assertThat(roasDrop(second2, h2).anomalous()).isTrue();
    }

    /** The ROAS drop rule alone, with Poisson counts and no known order yield. */
    private Reading roasDrop(MetricWindow w, List<Point> h) {
        return new RoasDrop().read(new ChannelEvidence(w, ChannelEvidence.span(w, h, s), ChannelEvidence.priors(w, h, s),
                Dispersion.POISSON, OrderYield.UNKNOWN, 0, null), rules, s);
    }

    @Test
    void aDayWithAFewOrdersLeftIsPartOfTheRoasDropItBegins() {
        // the store orders fall to a thirtieth, then to a third, while the platform reports as usual: one incident,
        // one alert of the kind that explains it, a ROAS drop over both days (the first day is no tracking break)
        MetricWindow first = Windows.day(Windows.ORG, monday, 35, 1, 1, 0.034);
        assertThat(first.orders()).isEqualTo(1);
        assertThat(anomalies(judge(first))).isEmpty();
        List<Point> h = Windows.history(35);
        h.add(Point.of(first));
        Map<AlertKind, Reading> r = ChannelJudge.readings(Windows.day(Windows.ORG, monday.plusDays(1), 36, 1, 1, 0.3), h,
                0, null, rules, s);
        assertThat(anomalies(r)).containsExactly(AlertKind.ROAS_DROP);
        assertThat(r.get(AlertKind.ROAS_DROP).explanation()).contains("over the last 2 days");
    }

    @Test
    void aSingleDayWithoutOrdersIsNeitherARoasDropNorATrackingBreakWhileTheyAreExpectedFew() {
        // a small channel (about 7 orders a day) gets none on one day while the platform reports as usual: at about
        // 1 in 1,000 that is chance judged thousands of times, not a page
        List<Point> h = new java.util.ArrayList<>();
        for (int i = 0; i < 35; i++) {
            h.add(Point.of(Windows.day(Windows.ORG, Windows.FIRST.plusDays(i), i, 1, 0.3, 0.23)));
        }
        MetricWindow none = Windows.day(Windows.ORG, monday, 35, 1, 0.3, 0);
        assertThat(none.orders()).isZero();
        Map<AlertKind, Reading> r = ChannelJudge.readings(none, h, 0, null, rules, s);
        assertThat(anomalies(r)).isEmpty();
        assertThat(r.get(AlertKind.ROAS_DROP).deviation()).isEqualTo(-1.0);
        assertThat(r.get(AlertKind.TRACKING_BREAK).deviation()).isEqualTo(-1.0);
    }

    @Test
    void ordersThatFallFarButGoOnAreNoTrackingBreak() {
        // a fifteenth of the store orders while the platform reports as usual: the attribution still works (a stop
        // loses every order's source); the return fell, a ROAS drop over the days, not a broken checkout
        MetricWindow w = Windows.day(Windows.ORG, monday, 35, 1, 1, 0.07);
        assertThat(w.orders()).isPositive();
        Map<AlertKind, Reading> r = judge(w);
        assertThat(anomalies(r)).doesNotContain(AlertKind.TRACKING_BREAK);
        assertThat(r.get(AlertKind.TRACKING_BREAK).deviation()).isLessThan(-0.8);
        // the same day with no attributed order at all is one
        assertThat(anomalies(judge(Windows.day(Windows.ORG, monday, 35, 1, 1, 0))))
                .containsExactly(AlertKind.TRACKING_BREAK);
        // conversions that stop keep the threshold share (95 % missing): a straggler reported late does not hide a
        // broken pixel (1 of the usual 40); a tenth left is a fall, the conversion drop's
        assertThat(anomalies(judge(Windows.day(Windows.ORG, monday, 35, 1, 0.02, 0.02))))
                .containsExactly(AlertKind.TRACKING_BREAK);
        assertThat(anomalies(judge(Windows.day(Windows.ORG, monday, 35, 1, 0.1, 0.1))))
                .containsExactly(AlertKind.CONVERSION_DROP);
    }

    @Test
    void warmUpJudgesNothingWithoutEnoughSameSlotHistory() {
        // two weeks: only two earlier Mondays
        Map<AlertKind, Reading> r = ChannelJudge.readings(Windows.day(Windows.ORG, Windows.FIRST.plusDays(14), 14, 5, 0,
                0), Windows.history(14), 0, null, rules, s);
        assertThat(r).isEmpty();
    }

    @Test
    void rulesDisableAKindAndChangeItsThreshold() {
        MetricWindow w = Windows.day(Windows.ORG, monday, 35, 1.6, 1, 1.6);
        assertThat(anomalies(judge(w))).isEmpty();
        AlertRules stricter = new AlertRules(Windows.ORG,
                Map.of("spend_spike", new AlertRules.KindRule(true, 0.3)), "high", null, null, null);
        assertThat(anomalies(ChannelJudge.readings(w, history, 0, null, stricter, s)))
                .containsExactly(AlertKind.SPEND_SPIKE);
        AlertRules off = new AlertRules(Windows.ORG, Map.of("spend_spike", new AlertRules.KindRule(false, 0.3)),
                "high", null, null, null);
        assertThat(ChannelJudge.readings(w, history, 0, null, off, s)).doesNotContainKey(AlertKind.SPEND_SPIKE);
    }

    @Test
    void budgetPacingProjectsTheDayFromItsHours() {
        BigDecimal budget = BigDecimal.valueOf(1000);
        // 50 an hour = 1200 a day: 20% over; judged from the 6th hour on
        assertThat(pacing(Windows.hour(monday, 3, 50), 150, budget)).isNull();
        Reading r = pacing(Windows.hour(monday, 7, 50), 350, budget);
        assertThat(r.anomalous()).isTrue();
        assertThat(r.observed()).isEqualTo(1200.0);
        assertThat(r.explanation()).contains("projects to 1200.00").contains("1000.00");
        // 40 an hour = 960 a day: within budget
        assertThat(pacing(Windows.hour(monday, 7, 40), 280, budget).anomalous()).isFalse();
        // no budget: not judged
        assertThat(pacing(Windows.hour(monday, 7, 50), 350, null)).isNull();
        // a whole day over budget
        assertThat(pacing(Windows.day(monday, 35), 0, BigDecimal.valueOf(800)).anomalous())
                .isTrue();
    }

    /** The budget pacing rule alone on a window, the day's spend before it, and the channel's budget. */
    private Reading pacing(MetricWindow w, double daySpendSoFar, BigDecimal budget) {
        return new BudgetPacing().read(new ChannelEvidence(w, List.of(), List.of(), Dispersion.POISSON,
                OrderYield.UNKNOWN, daySpendSoFar, budget), rules, s);
    }
}
