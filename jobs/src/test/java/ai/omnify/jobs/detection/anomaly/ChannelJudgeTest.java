package ai.omnify.jobs.detection.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.IncidentState;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.Point;
import ai.omnify.jobs.detection.Windows;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelJudgeTest {
    private final DetectorSettings s = DetectorSettings.defaults();
    private final AlertRules rules = AlertRules.defaults(Windows.ORG);
    private final LocalDate monday = Windows.FIRST.plusDays(35);

    /** Two days of 40 % of the store orders: a ROAS drop on the second (ChannelRulesTest), judged with these incidents. */
    private ChannelJudge.Outcome secondDay(Map<String, IncidentState> incidents) {
        MetricWindow first = Windows.day(Windows.ORG, monday, 35, 1, 1, 0.4);
        List<Point> h = Windows.history(35);
        h.add(Point.of(first));
        return ChannelJudge.judge(Windows.day(Windows.ORG, monday.plusDays(1), 36, 1, 1, 0.4), h, incidents, 0, rules,
                s, Instant.EPOCH);
    }

    @Test
    void anAnomalyOpensItsKindsIncident() {
        ChannelJudge.Outcome o = secondDay(Map.of());
        assertThat(o.alerts()).extracting(Alert::kind).containsExactly("roas_drop");
        assertThat(o.incidents().get("roas_drop").open()).isTrue();
    }

    @Test
    void aBudgetOverrunDoesNotHideACpaSpikeOnTheSameChannel() {
        // 1.5x the usual spend for 0.6x the conversions: 40% over the daily budget, and the cost per conversion 2.5x
        MetricWindow w = Windows.day(Windows.ORG, monday, 35, 1.5, 0.6, 0.6);
        BigDecimal budget = BigDecimal.valueOf(w.spendValue() / 1.4);
        AlertRules budgeted = new AlertRules(Windows.ORG, Map.of(), "medium", null, Map.of(Windows.CHANNEL, budget),
                null);
        ChannelJudge.Outcome o = ChannelJudge.judge(w, Windows.history(35), Map.of(), 0, budgeted, s, Instant.EPOCH);
        assertThat(o.alerts()).extracting(Alert::kind).containsExactly("budget_pacing", "cpa_spike");
        // the next day, with the overrun's incident open, the cost per conversion is still judged on its own
        IncidentState overrun = o.incidents().get("budget_pacing");
        assertThat(overrun.open()).isTrue();
        MetricWindow next = Windows.day(Windows.ORG, monday.plusDays(1), 36, 1.5, 0.6, 0.6);
        List<Point> h = Windows.history(35);
        h.add(Point.of(w));
        ChannelJudge.Outcome o2 = ChannelJudge.judge(next, h, Map.of("budget_pacing", overrun), 0,
                budgeted, s, Instant.EPOCH);
        assertThat(o2.alerts()).extracting(Alert::kind).contains("cpa_spike");
    }

    @Test
    void whileAMoreUpstreamIncidentIsOpenADownstreamAnomalyIsItsConsequenceNotANewAlert() {
        IncidentState conversionDrop = new IncidentState("c", monday.atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant().toEpochMilli(), "warning", 1, true, 0, 0);
        ChannelJudge.Outcome o = secondDay(Map.of(AlertKind.CONVERSION_DROP.wire(), conversionDrop));
        assertThat(o.alerts()).isEmpty();
        assertThat(o.incidents()).doesNotContainKey("roas_drop");
    }
}
