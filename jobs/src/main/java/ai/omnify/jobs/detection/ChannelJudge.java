package ai.omnify.jobs.detection;

import ai.omnify.model.alert.Alert;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One channel window judged, as a pure function (what {@link DetectAnomaliesFn} does with its keyed state, and what
 * an offline replay of the detectors does with plain maps): every enabled detector's reading, each kind's
 * {@link AlertLifecycle} step, the alert records to emit and the kinds' new incident states.
 *
 * <p>One incident, one alert: while a more upstream kind ({@link Detectors#PRECEDENCE}) has an open incident on the
 * channel, a downstream kind's anomaly is that incident's consequence, not a new one (a conversion drop lowers the
 * ROAS and raises the CPA for as long as it lasts; {@link Detectors#evaluate} does the same within one window). A
 * budget overrun explains nothing downstream ({@link Detectors#explainsDownstream}).
 */
public final class ChannelJudge {
    private ChannelJudge() {}

    /**
     * @param alerts the records to emit, in {@link Detectors#PRECEDENCE} order
     * @param incidents each kind's state after the window (by {@link AlertKind#wire()}; a kind absent is forgotten)
     */
    public record Outcome(List<Alert> alerts, Map<String, IncidentState> incidents) {}

    /**
     * @param past the key's earlier windows
     * @param incidents each kind's state before the window (by {@link AlertKind#wire()})
     * @param daySpendSoFar for an hour window, the spend of the day's earlier hours (budget pacing)
     * @param now only stamps {@code detectedAt}
     */
    public static Outcome judge(MetricWindow w, List<Point> past, Map<String, IncidentState> incidents,
            double daySpendSoFar, AlertRules rules, DetectorSettings settings, Instant now) {
        BigDecimal budget = w.channelId() == null ? null : rules.dailyBudgets().get(w.channelId());
        Map<AlertKind, Reading> readings = Detectors.evaluate(w, past, daySpendSoFar, budget, rules, settings);
        Target target = Target.of(w);
        List<Alert> alerts = new ArrayList<>();
        Map<String, IncidentState> after = new HashMap<>();
        boolean upstreamOpen = false;
        for (AlertKind kind : Detectors.PRECEDENCE) {
            Reading r = readings.get(kind);
            IncidentState before = incidents.get(kind.wire());
            boolean ownOpen = before != null && before.open();
            if (upstreamOpen && !ownOpen && r != null && r.anomalous()) {
                r = r.explainedAway();
            }
            AlertLifecycle.Step step = AlertLifecycle.step(before, r, target, rules, settings.resolveAfter(),
                    settings.cooldown(), now);
            if (step.state() != null) {
                after.put(kind.wire(), step.state());
                upstreamOpen |= step.state().open() && Detectors.explainsDownstream(kind);
            }
            if (step.alert() != null) {
                alerts.add(step.alert());
            }
        }
        return new Outcome(alerts, after);
    }
}
