package ai.omnify.jobs.detection;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.alert.Alert;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelJudgeTest {
    private final DetectorSettings s = DetectorSettings.defaults();
    private final AlertRules rules = AlertRules.defaults(Windows.ORG);
    private final LocalDate monday = Windows.FIRST.plusDays(35);

    /** Two days of 40 % of the store orders: a ROAS drop on the second (DetectorsTest), judged with these incidents. */
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
    void whileAMoreUpstreamIncidentIsOpenADownstreamAnomalyIsItsConsequenceNotANewAlert() {
        IncidentState conversionDrop = new IncidentState("c", monday.atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant().toEpochMilli(), "warning", 1, true, 0, 0);
        ChannelJudge.Outcome o = secondDay(Map.of(AlertKind.CONVERSION_DROP.wire(), conversionDrop));
        assertThat(o.alerts()).isEmpty();
        assertThat(o.incidents()).doesNotContainKey("roas_drop");
    }
}
