package ai.omnify.jobs.detection;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The lifecycle of creative-fatigue incidents: a match is an anomalous reading (if CTR fell by the organization's
 * threshold and the kind is enabled), a creative window past warm-up is a normal one; {@code resolveAfter} windows
 * without a new match resolve the incident.
 */
public final class FatigueAlertFn extends KeyedBroadcastProcessFunction<String, FatigueSignal, RulesUpdate, Alert> {
    private static final long serialVersionUID = 1L;
    private final DetectorSettings settings;
    private final RulesState rules = new RulesState();
    private transient ValueState<IncidentState> incident;

    public FatigueAlertFn(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<IncidentState> d = new ValueStateDescriptor<>("fatigue-incident",
                FlinkTypes.of(IncidentState.class));
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(30)).build());
        incident = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(FatigueSignal signal, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        String orgId = signal.window() != null ? signal.window().orgId() : signal.match().orgId();
        AlertRules r = rules.rulesOf(orgId, ctx.getBroadcastState(RulesState.DESCRIPTOR));
        Reading reading;
        Target target;
        if (signal.match() != null) {
            FatigueMatch m = signal.match();
            reading = r.enabled(AlertKind.CREATIVE_FATIGUE) ? FatigueRules.reading(m, r) : null;
            target = new Target(m.orgId(), "creative", m.creativeId(), m.channelId(), m.creativeId(), m.since(),
                    m.windowEnd());
        } else {
            MetricWindow w = signal.window();
            if (!FatigueRules.canStart(w, settings.fatigueWarmup())) {
                return;
            }
            reading = Reading.normal(AlertKind.CREATIVE_FATIGUE, "ctr", w.ctr(), w.ctr(), 0);
            target = Target.of(w);
        }
        AlertLifecycle.Step step = AlertLifecycle.step(incident.value(), reading, target, r, settings.resolveAfter(),
                settings.cooldown(), Instant.now());
        if (step.state() == null) {
            incident.clear();
        } else {
            incident.update(step.state());
        }
        if (step.alert() != null) {
            out.collect(step.alert());
        }
    }

    @Override
    public void processBroadcastElement(RulesUpdate update, Context ctx, Collector<Alert> out) throws Exception {
        ctx.getBroadcastState(RulesState.DESCRIPTOR).put(update.orgId(), update.json());
    }
}
