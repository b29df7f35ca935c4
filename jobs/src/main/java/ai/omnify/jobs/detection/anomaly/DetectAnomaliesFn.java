package ai.omnify.jobs.detection.anomaly;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.jobs.detection.DaySpend;
import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.IncidentState;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.Point;
import ai.omnify.jobs.detection.RulesState;
import ai.omnify.jobs.detection.RulesUpdate;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per channel window: reads the key's past windows and incidents from keyed state and the organization's rules from
 * broadcast state, judges the window ({@link ChannelJudge}: the rules and each kind's alert lifecycle), emits the
 * alert records and remembers the window.
 * A rules change is in the broadcast state before the next window of any key is judged.
 */
public final class DetectAnomaliesFn extends KeyedBroadcastProcessFunction<String, MetricWindow, RulesUpdate, Alert> {
    private static final long serialVersionUID = 1L;
    private final DetectorSettings settings;
    private final RulesState rules = new RulesState();
    private transient MapState<Long, Point> history;
    private transient MapState<String, IncidentState> incidents;
    private transient ValueState<DaySpend> daySpend;

    public DetectAnomaliesFn(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<Long, Point> h = new MapStateDescriptor<>("history", Types.LONG, FlinkTypes.of(Point.class));
        h.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(settings.historyMillis())
                .plus(Duration.ofDays(1))).build());
        history = getRuntimeContext().getMapState(h);
        MapStateDescriptor<String, IncidentState> i = new MapStateDescriptor<>("incidents", Types.STRING,
                FlinkTypes.of(IncidentState.class));
        i.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(30)).build());
        incidents = getRuntimeContext().getMapState(i);
        ValueStateDescriptor<DaySpend> d = new ValueStateDescriptor<>("day-spend", FlinkTypes.of(DaySpend.class));
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(2)).build());
        daySpend = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(MetricWindow w, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        AlertRules r = rules.rulesOf(w.orgId(), ctx.getBroadcastState(RulesState.DESCRIPTOR));
        List<Point> past = new ArrayList<>();
        for (Point p : history.values()) {
            past.add(p);
        }
        double soFar = 0;
        long dayStart = w.start().toEpochMilli() - Math.floorMod(w.start().toEpochMilli(), 86_400_000L);
        if (MetricWindow.HOUR.equals(w.grain())) {
            DaySpend ds = daySpend.value();
            soFar = ds != null && ds.dayStart() == dayStart ? ds.spend() : 0;
            daySpend.update(new DaySpend(dayStart, soFar + w.spendValue()));
        }
        Map<String, IncidentState> before = new HashMap<>();
        for (AlertKind kind : ChannelJudge.PRECEDENCE) {
            IncidentState st = incidents.get(kind.wire());
            if (st != null) {
                before.put(kind.wire(), st);
            }
        }
        ChannelJudge.Outcome outcome = ChannelJudge.judge(w, past, before, soFar, r, settings, Instant.now());
        for (AlertKind kind : ChannelJudge.PRECEDENCE) {
            IncidentState was = before.get(kind.wire());
            IncidentState now = outcome.incidents().get(kind.wire());
            if (now == null) {
                if (was != null) {
                    incidents.remove(kind.wire());
                }
            } else if (!now.equals(was)) {
                incidents.put(kind.wire(), now);
            }
        }
        outcome.alerts().forEach(out::collect);
        history.put(w.start().toEpochMilli(), Point.of(w));
        long oldest = w.start().toEpochMilli() - settings.historyMillis();
        Iterator<Long> keys = history.keys().iterator();
        while (keys.hasNext()) {
            if (keys.next() < oldest) {
                keys.remove();
            }
        }
    }

    @Override
    public void processBroadcastElement(RulesUpdate update, Context ctx, Collector<Alert> out) throws Exception {
        BroadcastState<String, String> state = ctx.getBroadcastState(RulesState.DESCRIPTOR);
        state.put(update.orgId(), update.json());
    }
}
