package ai.omnify.jobs.detection.fatigue;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.jobs.detection.MetricWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Puts each key's windows in order of their start, per key: a window that directly follows the key's last released
 * window goes on at once; any other waits until the watermark passes its start plus {@code outOfOrderness} (then the
 * key's waiting windows go on oldest first). A window older than one already released is dropped and counted
 * ({@code windowsOutOfOrderDropped}).
 *
 * <p>Why per key and not in event time: a backfill closes one creative's whole history at a time, so the stream's
 * watermark runs far ahead of every creative read later; an event-time operator downstream (CEP in event time) drops
 * all of their windows as late. Here only the key's own order counts; the watermark only bounds how long a gap waits.
 */
public final class OrderWindowsFn extends KeyedProcessFunction<String, MetricWindow, MetricWindow> {
    private static final long serialVersionUID = 1L;
    private final long outOfOrdernessMillis;
    private final Duration stateTtl;
    private transient MapState<Long, MetricWindow> waiting;
    /** End of the key's last released window. */
    private transient ValueState<Long> releasedUpTo;
    private transient Counter dropped;

    public OrderWindowsFn(Duration outOfOrderness, Duration stateTtl) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(stateTtl).build();
        MapStateDescriptor<Long, MetricWindow> w = new MapStateDescriptor<>("ordered-waiting", Types.LONG,
                FlinkTypes.of(MetricWindow.class));
        w.enableTimeToLive(ttl);
        waiting = getRuntimeContext().getMapState(w);
        ValueStateDescriptor<Long> r = new ValueStateDescriptor<>("ordered-released-up-to", Types.LONG);
        r.enableTimeToLive(ttl);
        releasedUpTo = getRuntimeContext().getState(r);
        dropped = getRuntimeContext().getMetricGroup().counter("windowsOutOfOrderDropped");
    }

    @Override
    public void processElement(MetricWindow w, Context ctx, Collector<MetricWindow> out) throws Exception {
        long start = w.start().toEpochMilli();
        Long released = releasedUpTo.value();
        if (released != null && start < released) {
            dropped.inc();
            return;
        }
        waiting.put(start, w);
        long due = start + outOfOrdernessMillis;
        if (ctx.timerService().currentWatermark() >= due) {
            release(due - outOfOrdernessMillis, out);
        } else {
            ctx.timerService().registerEventTimeTimer(due);
            release(Long.MIN_VALUE, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricWindow> out) throws Exception {
        release(ctx.timerService().currentWatermark() - outOfOrdernessMillis, out);
    }

    /** Releases, oldest first, every waiting window starting at or before {@code upTo}, then those that follow on. */
    private void release(long upTo, Collector<MetricWindow> out) throws Exception {
        List<Long> starts = new ArrayList<>();
        for (Long s : waiting.keys()) {
            starts.add(s);
        }
        if (starts.isEmpty()) {
            return;
        }
        starts.sort(Long::compare);
        Long released = releasedUpTo.value();
        for (Long s : starts) {
            boolean next = released != null && s.longValue() == released.longValue();
            if (s > upTo && !next) {
                break;
            }
            MetricWindow w = waiting.get(s);
            waiting.remove(s);
            out.collect(w);
            released = w.end().toEpochMilli();
        }
        if (released != null) {
            releasedUpTo.update(released);
        }
    }
}
