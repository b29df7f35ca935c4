package ai.omnify.jobs.detection.fatigue;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.jobs.detection.CreativeFigures;
import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.FatigueMatch;
import ai.omnify.jobs.detection.IncidentState;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.RulesState;
import ai.omnify.jobs.detection.RulesUpdate;
import ai.omnify.jobs.detection.lifecycle.AlertLifecycle;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.jobs.detection.lifecycle.Target;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The lifecycle of creative-fatigue incidents: a match is an anomalous reading (if CTR fell by the organization's
 * threshold and the kind is enabled), a creative window past warm-up is a normal one; {@code resolveAfter} windows
 * without a new anomalous match resolve the incident. A match that falls short is no reading at all
 * ({@link FatigueRules#asEvidence}).
 *
 * <p>Windows and matches come by two paths (the windows directly, the matches through the CEP operator), so a match
 * can arrive before the windows it is judged against: in a backfill a creative's whole history comes at once and the
 * windows queue up while the few matches pass. A match waits until the creative's window signals have reached its
 * last window (its reference CTRs are then all there), and is judged right after that window.
 */
public final class FatigueAlertFn extends KeyedBroadcastProcessFunction<String, FatigueSignal, RulesUpdate, Alert> {
    private static final long serialVersionUID = 1L;
    private final DetectorSettings settings;
    private final RulesState rules = new RulesState();
    private transient ValueState<IncidentState> incident;
    /** The creative's figures per window start: the reference a run is judged against. */
    private transient MapState<Long, CreativeFigures> figures;
    /** Matches waiting for the creative's windows to reach their last window, by that window's start. */
    private transient MapState<Long, List<FatigueMatch>> waiting;
    /** Start of the latest window signal of the creative. */
    private transient ValueState<Long> lastWindow;

    public FatigueAlertFn(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<IncidentState> d = new ValueStateDescriptor<>("fatigue-incident",
                FlinkTypes.of(IncidentState.class));
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(30)).build());
        incident = getRuntimeContext().getState(d);
        MapStateDescriptor<Long, CreativeFigures> c = new MapStateDescriptor<>("fatigue-figures", Types.LONG,
                FlinkTypes.of(CreativeFigures.class));
        c.enableTimeToLive(StateTtlConfig.newBuilder(FIGURES_KEPT.plusDays(1)).build());
        figures = getRuntimeContext().getMapState(c);
        MapStateDescriptor<Long, List<FatigueMatch>> m = new MapStateDescriptor<>("fatigue-waiting-matches",
                Types.LONG, Types.LIST(FlinkTypes.of(FatigueMatch.class)));
        m.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(30)).build());
        waiting = getRuntimeContext().getMapState(m);
        ValueStateDescriptor<Long> l = new ValueStateDescriptor<>("fatigue-last-window", Types.LONG);
        l.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(30)).build());
        lastWindow = getRuntimeContext().getState(l);
    }

    @Override
    public void processElement(FatigueSignal signal, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        if (signal.match() != null) {
            FatigueMatch m = signal.match();
            long last = m.windowStart().toEpochMilli();
            Long seen = lastWindow.value();
            if (seen == null || seen < last) {
                List<FatigueMatch> w = waiting.get(last);
                List<FatigueMatch> more = w == null ? new ArrayList<>() : new ArrayList<>(w);
                more.add(m);
                waiting.put(last, more);
                return;
            }
            judge(m, ctx, out);
            return;
        }
        MetricWindow w = signal.window();
        remember(w);
        long start = w.start().toEpochMilli();
        Long seen = lastWindow.value();
        lastWindow.update(seen == null ? start : Math.max(seen, start));
        if (FatigueRules.canStart(w, settings.fatigueWarmup())) {
            AlertRules r = rules.rulesOf(w.orgId(), ctx.getBroadcastState(RulesState.DESCRIPTOR));
            step(Reading.normal(AlertKind.CREATIVE_FATIGUE, "ctr", w.ctr(), w.ctr(), 0), Target.of(w), r, out);
        }
        // the matches that waited for this window (or an earlier one), oldest first
        List<Long> due = new ArrayList<>();
        for (Long s : waiting.keys()) {
            if (s <= start) {
                due.add(s);
            }
        }
        due.sort(Long::compare);
        for (Long s : due) {
            for (FatigueMatch m : waiting.get(s)) {
                judge(m, ctx, out);
            }
            waiting.remove(s);
        }
    }

    private void judge(FatigueMatch m, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        AlertRules r = rules.rulesOf(m.orgId(), ctx.getBroadcastState(RulesState.DESCRIPTOR));
        Reading reading = r.enabled(AlertKind.CREATIVE_FATIGUE) ? FatigueRules.reading(m, reference(m.since()), r)
                : null;
        step(FatigueRules.asEvidence(reading), new Target(m.orgId(), "creative", m.creativeId(), m.channelId(), m.creativeId(), m.fellSince(),
                m.windowEnd()), r, out);
    }

    private void step(Reading reading, Target target, AlertRules r, Collector<Alert> out) throws Exception {
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

    /**
     * How far back before its newest window a creative's figures are kept. Far more than a run's reference span: in a
     * backfill the window signals run up to the whole history ahead of the matches (a match waits for its windows,
     * not the other way round), and a match judged after its reference was forgotten would read nothing (seen on the
     * demo: 40 matches, 0 alerts, the injected fatigue among them).
     */
    static final Duration FIGURES_KEPT = Duration.ofDays(120);

    /** Keeps the window's figures and forgets those older than {@link #FIGURES_KEPT} before it. */
    private void remember(MetricWindow w) throws Exception {
        figures.put(w.start().toEpochMilli(), CreativeFigures.of(w));
        long oldest = w.start().toEpochMilli() - FIGURES_KEPT.toMillis();
        Iterator<Long> keys = figures.keys().iterator();
        while (keys.hasNext()) {
            if (keys.next() < oldest) {
                keys.remove();
            }
        }
    }

    /** The figures of the windows within the reference span before {@code since} (the run's first window). */
    private List<CreativeFigures> reference(Instant since) throws Exception {
        long to = since.toEpochMilli();
        long from = to - FatigueRules.REFERENCE_SPAN.toMillis();
        List<CreativeFigures> out = new ArrayList<>();
        for (Map.Entry<Long, CreativeFigures> e : figures.entries()) {
            if (e.getKey() >= from && e.getKey() < to) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    @Override
    public void processBroadcastElement(RulesUpdate update, Context ctx, Collector<Alert> out) throws Exception {
        ctx.getBroadcastState(RulesState.DESCRIPTOR).put(update.orgId(), update.json());
    }
}
