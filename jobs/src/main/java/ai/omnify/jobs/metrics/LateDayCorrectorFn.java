package ai.omnify.jobs.metrics;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.model.metrics.MetricsUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Corrects a stored day with items that came later than the allowed lateness. It waits {@code settle} (longer than
 * the sinks' flush interval, so the day's last live rows are in the database), reads the day's items back from the
 * store, merges the late ones (latest version wins, as live), and emits every row of the day through the same sinks
 * as the live path. The day stays loaded for {@code keep} after its last late item, then is dropped again.
 */
public class LateDayCorrectorFn extends KeyedProcessFunction<String, Contribution, MetricsUpdate> {
    private static final long serialVersionUID = 1L;

    private final DayRollup rollup;
    private final DayItemStore store;
    private final long settleMs;
    private final long keepMs;

    private transient MapState<String, Contribution> items;
    private transient MapState<String, Contribution> pending;
    private transient ValueState<Boolean> loaded;
    private transient ValueState<Long> applyAt;
    private transient ValueState<Long> dropAt;
    private transient Counter corrections;

    public LateDayCorrectorFn(DayRollup rollup, DayItemStore store, Duration settle, Duration keep) {
        this.rollup = rollup;
        this.store = store;
        this.settleMs = settle.toMillis();
        this.keepMs = keep.toMillis();
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        TypeInformation<Contribution> type = FlinkTypes.of(Contribution.class);
        items = getRuntimeContext().getMapState(new MapStateDescriptor<>("items", Types.STRING, type));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.STRING, type));
        loaded = getRuntimeContext().getState(new ValueStateDescriptor<>("loaded", Types.BOOLEAN));
        applyAt = getRuntimeContext().getState(new ValueStateDescriptor<>("apply-at", Types.LONG));
        dropAt = getRuntimeContext().getState(new ValueStateDescriptor<>("drop-at", Types.LONG));
        corrections = getRuntimeContext().getMetricGroup().counter("lateCorrections");
        store.open();
    }

    @Override
    public void close() throws Exception {
        store.close();
    }

    @Override
    public void processElement(Contribution c, Context ctx, Collector<MetricsUpdate> out) throws Exception {
        if (c.supersedes(pending.get(c.itemKey()))) {
            pending.put(c.itemKey(), c);
        }
        if (applyAt.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + (Boolean.TRUE.equals(loaded.value()) ? 0 : settleMs);
            ctx.timerService().registerProcessingTimeTimer(at);
            applyAt.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricsUpdate> out) throws Exception {
        Long apply = applyAt.value();
        if (apply != null && timestamp >= apply) {
            applyAt.clear();
            apply(ctx, out);
            return;
        }
        Long drop = dropAt.value();
        if (drop != null && timestamp >= drop && applyAt.value() == null) {
            items.clear();
            pending.clear();
            loaded.clear();
            dropAt.clear();
        }
    }

    private void apply(OnTimerContext ctx, Collector<MetricsUpdate> out) throws Exception {
        if (!Boolean.TRUE.equals(loaded.value())) {
            for (Contribution stored : store.load(ctx.getCurrentKey())) {
                if (stored.supersedes(items.get(stored.itemKey()))) {
                    items.put(stored.itemKey(), stored);
                }
            }
            loaded.update(Boolean.TRUE);
        }
        for (Map.Entry<String, Contribution> e : pending.entries()) {
            if (e.getValue().supersedes(items.get(e.getKey()))) {
                items.put(e.getKey(), e.getValue());
            }
        }
        pending.clear();
        List<Contribution> all = new ArrayList<>();
        items.values().forEach(all::add);
        for (Map.Entry<String, MetricsUpdate> row : rollup.rows(all).entrySet()) {
            out.collect(row.getValue());
            ctx.output(MetricsOutputs.tableOf(row.getValue()), row.getValue());
            if (ChannelDayRollup.DAY_ROW.equals(row.getKey()) && MetricsUpdate.CHANNEL.equals(row.getValue().level())) {
                ctx.output(DayAggregateFn.ORG_ITEMS, OrgItems.ofChannelDay(row.getValue()));
            }
        }
        corrections.inc();
        Long previousDrop = dropAt.value();
        if (previousDrop != null) {
            ctx.timerService().deleteProcessingTimeTimer(previousDrop);
        }
        long drop = ctx.timerService().currentProcessingTime() + keepMs;
        ctx.timerService().registerProcessingTimeTimer(drop);
        dropAt.update(drop);
    }
}
