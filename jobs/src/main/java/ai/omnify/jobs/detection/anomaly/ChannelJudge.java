package ai.omnify.jobs.detection.anomaly;

import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.IncidentState;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.Point;
import ai.omnify.jobs.detection.lifecycle.AlertLifecycle;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.jobs.detection.lifecycle.Target;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One channel window judged, as a pure function (what {@link DetectAnomaliesFn} does with its keyed state, and what
 * an offline replay of the rules does with plain maps): every enabled rule's reading, each kind's
 * {@link AlertLifecycle} step, the alert records to emit and the kinds' new incident states.
 *
 * <p>One incident, one alert: the rules run in {@link #PRECEDENCE} order, the most upstream cause first (tracking
 * break, conversion drop, spend spike, budget pacing, CPA spike, ROAS drop); a spend spike also raises CPA and lowers
 * ROAS, so within one window a downstream kind's anomaly is explained away by an upstream one, and while a more
 * upstream kind has an open incident on the channel, a downstream kind's anomaly is that incident's consequence, not
 * a new one. A budget overrun explains nothing downstream ({@link #explainsDownstream}).
 */
public final class ChannelJudge {
    /** The rules, most upstream cause first. */
    static final List<ChannelRule> RULES = List.of(new TrackingBreak(), new ConversionDrop(), new SpendSpike(),
            new BudgetPacing(), new CpaSpike(), new RoasDrop());

    /** The kinds of {@link #RULES}, in their order. */
    public static final List<AlertKind> PRECEDENCE = RULES.stream().map(ChannelRule::kind).toList();

    private ChannelJudge() {}

    /**
     * @param alerts the records to emit, in {@link #PRECEDENCE} order
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
        Map<AlertKind, Reading> readings = readings(w, past, daySpendSoFar, budgetOf(w, rules), rules, settings);
        Target target = Target.of(w);
        List<Alert> alerts = new ArrayList<>();
        Map<String, IncidentState> after = new HashMap<>();
        boolean upstreamOpen = false;
        for (AlertKind kind : PRECEDENCE) {
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
                upstreamOpen |= step.state().open() && explainsDownstream(kind);
            }
            if (step.alert() != null) {
                alerts.add(step.alert());
            }
        }
        return new Outcome(alerts, after);
    }

    /** The channel's daily budget in the rules, or null. */
    public static BigDecimal budgetOf(MetricWindow w, AlertRules rules) {
        return w.channelId() == null ? null : rules.dailyBudgets().get(w.channelId());
    }

    /**
     * Every enabled rule's reading of {@code w}; at most one of them anomalous, besides a budget overrun
     * ({@link #explainsDownstream}).
     *
     * @param history past windows of the same key (any slot)
     * @param daySpendSoFar for hour windows, the spend of the day's earlier complete hours (budget pacing)
     * @param dailyBudget the channel's daily budget, or null when unknown
     */
    public static Map<AlertKind, Reading> readings(MetricWindow w, List<Point> history, double daySpendSoFar,
            BigDecimal dailyBudget, AlertRules rules, DetectorSettings s) {
        ChannelEvidence e = ChannelEvidence.of(w, history, daySpendSoFar, dailyBudget, s);
        Map<AlertKind, Reading> out = new EnumMap<>(AlertKind.class);
        for (ChannelRule rule : RULES) {
            if (rules.enabled(rule.kind())) {
                Reading r = rule.read(e, rules, s);
                if (r != null) {
                    out.put(rule.kind(), r);
                }
            }
        }
        boolean seen = false;
        for (AlertKind k : PRECEDENCE) {
            Reading r = out.get(k);
            if (r != null && r.anomalous()) {
                if (seen) {
                    out.put(k, r.explainedAway());
                }
                seen |= explainsDownstream(k);
            }
        }
        return out;
    }

    /**
     * Whether an anomaly of this kind explains the kinds after it in {@link #PRECEDENCE}. A budget overrun does not:
     * it is about how much money goes out, not what the money buys. A campaign that overspends while its conversions
     * fall (the simulator's CPA incident spends 1.5x for 0.6x the conversions) has two things to act on, the budget
     * cap and the cost per conversion; the overrun alone would hide the second.
     */
    public static boolean explainsDownstream(AlertKind kind) {
        return kind != AlertKind.BUDGET_PACING;
    }
}
