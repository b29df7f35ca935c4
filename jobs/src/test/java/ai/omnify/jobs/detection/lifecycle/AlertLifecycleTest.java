package ai.omnify.jobs.detection.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.detection.IncidentState;
import ai.omnify.jobs.detection.Windows;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import ai.omnify.model.alert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {
    private static final Instant NOON_UTC = Instant.parse("2026-07-06T12:00:00Z");
    private final AlertRules rules = AlertRules.defaults(Windows.ORG);
    private final Duration cooldown = Duration.ofDays(1);

    private static Target day(int i) {
        return Target.of(Windows.day(Windows.FIRST.plusDays(i), i));
    }

    private static Reading spike(Severity s) {
        return Reading.anomaly(AlertKind.SPEND_SPIKE, "spend", 2000, 1000, 1.0, s, "Spend 2000.00 is 100% above");
    }

    private static Reading normal() {
        return Reading.normal(AlertKind.SPEND_SPIKE, "spend", 1010, 1000, 0.01);
    }

    private AlertLifecycle.Step step(IncidentState s, Reading r, int day) {
        return AlertLifecycle.step(s, r, day(day), rules, 2, cooldown, NOON_UTC);
    }

    @Test
    void oneAlertPerIncidentThenEscalationThenResolution() {
        AlertLifecycle.Step open = step(null, spike(Severity.WARNING), 10);
        Alert a = open.alert();
        assertThat(a.status()).isEqualTo("open");
        assertThat(a.severity()).isEqualTo("warning");
        assertThat(a.alertKey()).isEqualTo("spend_spike:channel:" + Windows.CHANNEL);
        assertThat(a.since()).isEqualTo(day(10).windowStart());
        assertThat(a.observed()).isEqualByComparingTo("2000");
        assertThat(a.expected()).isEqualByComparingTo("1000");
        assertThat(a.revision()).isEqualTo(1);

        AlertLifecycle.Step same = step(open.state(), spike(Severity.WARNING), 11);
        assertThat(same.alert()).as("same severity: no second alert").isNull();

        AlertLifecycle.Step worse = step(same.state(), spike(Severity.CRITICAL), 12);
        assertThat(worse.alert().id()).isEqualTo(a.id());
        assertThat(worse.alert().severity()).isEqualTo("critical");
        assertThat(worse.alert().revision()).isEqualTo(2);
        assertThat(worse.alert().since()).isEqualTo(a.since());
        assertThat(worse.alert().explanation()).startsWith("Escalated to critical");

        AlertLifecycle.Step oneNormal = step(worse.state(), normal(), 13);
        assertThat(oneNormal.alert()).isNull();
        AlertLifecycle.Step twoNormal = step(oneNormal.state(), normal(), 14);
        assertThat(twoNormal.alert().status()).isEqualTo("resolved");
        assertThat(twoNormal.alert().id()).isEqualTo(a.id());
        assertThat(twoNormal.alert().revision()).isEqualTo(3);
        assertThat(twoNormal.alert().explanation()).startsWith("Back to normal");
    }

    @Test
    void anAnomalyInterruptsTheNormalStreak() {
        AlertLifecycle.Step open = step(null, spike(Severity.WARNING), 10);
        AlertLifecycle.Step n1 = step(open.state(), normal(), 11);
        AlertLifecycle.Step again = step(n1.state(), spike(Severity.WARNING), 12);
        AlertLifecycle.Step n2 = step(again.state(), normal(), 13);
        assertThat(n2.alert()).isNull();
        assertThat(n2.state().open()).isTrue();
    }

    @Test
    void cooldownKeepsTheKeyQuietAfterResolutionThenANewIncidentGetsANewId() {
        AlertLifecycle.Step open = step(null, spike(Severity.WARNING), 10);
        AlertLifecycle.Step resolved = step(step(open.state(), normal(), 11).state(), normal(), 12);
        // within a day of the resolution (window end of day 12 = start of day 13)
        assertThat(step(resolved.state(), spike(Severity.CRITICAL), 13).alert()).isNull();
        AlertLifecycle.Step reopened = step(resolved.state(), spike(Severity.WARNING), 14);
        assertThat(reopened.alert()).isNotNull();
        assertThat(reopened.alert().id()).isNotEqualTo(open.alert().id());
    }

    @Test
    void noReadingChangesNothingAndAnUnknownKeyStaysUnknown() {
        AlertLifecycle.Step open = step(null, spike(Severity.WARNING), 10);
        assertThat(step(open.state(), null, 11).state()).isEqualTo(open.state());
        assertThat(step(null, normal(), 11)).isEqualTo(new AlertLifecycle.Step(null, null));
    }

    @Test
    void quietHoursHoldBackAllButCriticalAlerts() {
        AlertRules quiet = new AlertRules(Windows.ORG, Map.of(), "medium",
                new AlertRules.QuietHours("11:00", "13:00", "UTC"), null, null);
        assertThat(AlertLifecycle.step(null, spike(Severity.WARNING), day(10), quiet, 2, cooldown, NOON_UTC).alert())
                .isNull();
        assertThat(AlertLifecycle.step(null, spike(Severity.CRITICAL), day(10), quiet, 2, cooldown, NOON_UTC)
                .alert()).isNotNull();
        assertThat(AlertLifecycle.step(null, spike(Severity.WARNING), day(10), quiet, 2, cooldown,
                NOON_UTC.plusSeconds(7200)).alert()).isNotNull();
    }

    @Test
    void theSameIncidentAlwaysGetsTheSameId() {
        String a = step(null, spike(Severity.WARNING), 10).alert().id();
        String b = AlertLifecycle.step(null, spike(Severity.WARNING), day(10), rules, 2, cooldown,
                NOON_UTC.plusSeconds(99)).alert().id();
        assertThat(a).isEqualTo(b);
        assertThat(Windows.FIRST.plusDays(10)).isEqualTo(LocalDate.of(2026, 6, 11));
    }
}
