package ai.omnify.jobs.detection.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.Point;
import ai.omnify.jobs.detection.Windows;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tracking break is a step from the usual to nothing; a count that was already falling the day before and then
 * touches zero is the fall at its deepest: a conversion drop (conversions) or a ROAS drop
 * (attributed orders), judged on the pooled days, not a page for a broken pixel.
 */
class StopOrFallTest {
    private final DetectorSettings s = DetectorSettings.defaults();
    private final AlertRules rules = AlertRules.defaults(Windows.ORG);
    /** Day 35, a Monday, is the first day of each incident under test. */
    private final LocalDate monday = Windows.FIRST.plusDays(35);

    private static List<AlertKind> anomalies(Map<AlertKind, Reading> readings) {
        return readings.values().stream().filter(Reading::anomalous).map(Reading::kind).toList();
    }

    /** Judges the days of an incident one after the other (factors per day), each with the days before it. */
    private Map<AlertKind, Reading>[] days(double[] convF, double[] orderF) {
        List<Point> h = Windows.history(35);
        @SuppressWarnings("unchecked")
        Map<AlertKind, Reading>[] out = new Map[convF.length];
        for (int i = 0; i < convF.length; i++) {
            MetricWindow w = Windows.day(Windows.ORG, monday.plusDays(i), 35 + i, 1, convF[i], orderF[i]);
            out[i] = ChannelJudge.readings(w, h, 0, null, rules, s);
            h.add(Point.of(w));
        }
        return out;
    }

    @Test
    void conversionsThatFallAndThenTouchZeroAreAConversionDropNotABreak() {
        Map<AlertKind, Reading>[] r = days(new double[] {0.35, 0, 0.3}, new double[] {1, 1, 1});
        assertThat(anomalies(r[0])).containsExactly(AlertKind.CONVERSION_DROP);
        assertThat(anomalies(r[1])).containsExactly(AlertKind.CONVERSION_DROP);
        assertThat(r[1].get(AlertKind.TRACKING_BREAK).anomalous()).isFalse();
        assertThat(r[1].get(AlertKind.TRACKING_BREAK).deviation()).isEqualTo(-1.0);
        assertThat(anomalies(r[2])).containsExactly(AlertKind.CONVERSION_DROP);
    }

    @Test
    void ordersThatFallAndThenStopAreNoBreak() {
        // the platform reports as usual; the attributed orders fall to a third, then none on one day
        Map<AlertKind, Reading>[] r = days(new double[] {1, 1, 1}, new double[] {0.35, 0, 0.3});
        assertThat(r[1].get(AlertKind.TRACKING_BREAK).anomalous()).isFalse();
        assertThat(anomalies(r[1])).containsExactly(AlertKind.ROAS_DROP);
        // the day after the stop pools with it: the stop is the fall's day, not a tracking break's
        assertThat(anomalies(r[2])).containsExactly(AlertKind.ROAS_DROP);
        assertThat(r[2].get(AlertKind.ROAS_DROP).explanation()).contains("over the last 2 days");
        // revenue 900 on two days of spend: the day without orders is in the pooled return (alone, the day is at 0.88)
        assertThat(r[2].get(AlertKind.ROAS_DROP).observed()).isLessThan(0.5);
    }

    @Test
    void aStepFromTheUsualToNothingIsABreak() {
        Map<AlertKind, Reading>[] conv = days(new double[] {0, 0}, new double[] {1, 1});
        assertThat(anomalies(conv[0])).containsExactly(AlertKind.TRACKING_BREAK);
        Map<AlertKind, Reading>[] orders = days(new double[] {1, 1}, new double[] {0, 0});
        assertThat(anomalies(orders[0])).containsExactly(AlertKind.TRACKING_BREAK);
    }

    @Test
    void aBreakAfterAPartialDayIsRaisedOnTheNextStoppedDay() {
        // a pixel that breaks at noon: a day at 40% of the conversions, then nothing
        Map<AlertKind, Reading>[] r = days(new double[] {0.4, 0, 0}, new double[] {1, 1, 1});
        assertThat(r[0].get(AlertKind.TRACKING_BREAK).anomalous()).isFalse();
        assertThat(r[1].get(AlertKind.TRACKING_BREAK).anomalous()).isFalse();
        assertThat(anomalies(r[2])).containsExactly(AlertKind.TRACKING_BREAK);
    }

    @Test
    void aDaySomewhatLowBeforeAStepToNothingIsNoFall() {
        // 30% fewer conversions the day before (chance on a small channel) does not hide the break
        Map<AlertKind, Reading>[] r = days(new double[] {0.7, 0}, new double[] {1, 1});
        assertThat(anomalies(r[1])).containsExactly(AlertKind.TRACKING_BREAK);
    }

    @Test
    void aFallOfTheOtherCountDoesNotHideABreak() {
        // the orders fell the day before, then the platform's conversions stop: the pixel, not the orders' fall
        Map<AlertKind, Reading>[] r = days(new double[] {1, 0}, new double[] {0.5, 1});
        assertThat(anomalies(r[1])).containsExactly(AlertKind.TRACKING_BREAK);
    }

    @Test
    void normalWeeksAroundTheRuleRaiseNothing() {
        List<Point> h = Windows.history(42);
        for (int i = 42; i < 63; i++) {
            MetricWindow w = Windows.day(Windows.FIRST.plusDays(i), i);
            assertThat(anomalies(ChannelJudge.readings(w, h, 0, null, rules, s))).as("day %s", w.start()).isEmpty();
            h.add(Point.of(w));
        }
    }

    @Test
    void warmUpJudgesNoStopWithoutEnoughHistory() {
        List<Point> h = Windows.history(14);
        h.add(Point.of(Windows.day(Windows.ORG, Windows.FIRST.plusDays(14), 14, 1, 0.35, 1)));
        MetricWindow zero = Windows.day(Windows.ORG, Windows.FIRST.plusDays(15), 15, 1, 0, 0);
        assertThat(ChannelJudge.readings(zero, h, 0, null, rules, s)).isEmpty();
    }
}
