package ai.omnify.jobs.metrics;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.jobs.common.EventTimes;
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
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Live totals of one day key (a channel-day or an organization-day). Keeps the latest item of each kind, and after
 * a short debounce emits the rows whose values the changed items touch — so today's numbers move within a second
 * of new data, not when a window closes. The state of a day is dropped once the watermark passes the end of the day
 * plus the allowed lateness; an item for a dropped day goes to {@link #LATE}, never silently away.
 *
 * <p>The first time this run sees a day that may already be stored (a run that started without its checkpoint), it
 * loads the day's stored items first, so a new item is merged into the stored day rather than replacing it.
 */
public class DayAggregateFn extends KeyedProcessFunction<String, Contribution, MetricsUpdate> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<Contribution> LATE = new OutputTag<>("late-items", FlinkTypes.of(Contribution.class));
    /** A channel-day's totals, as an item of its organization-day. */
    public static final OutputTag<Contribution> ORG_ITEMS = new OutputTag<>("org-items", FlinkTypes.of(Contribution.class));

    private final DayRollup rollup;
    private final DayItemStore store;
    private final long debounceMs;
    private final long allowedLatenessMs;

    private transient MapState<String, Contribution> items;
    private transient MapState<String, Boolean> dirty;
    private transient ValueState<Long> flushAt;
    private transient ValueState<Boolean> known;
    private transient Counter late;
    private transient Counter loaded;
    private transient Counter stale;

    public DayAggregateFn(DayRollup rollup, DayItemStore store, Duration debounce, Duration allowedLateness) {
        this.rollup = rollup;
        this.store = store;
        this.debounceMs = debounce.toMillis();
        this.allowedLatenessMs = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        store.open();
        known = getRuntimeContext().getState(new ValueStateDescriptor<>("known", Types.BOOLEAN));
        loaded = getRuntimeContext().getMetricGroup().counter("storedDaysLoaded");
        items = getRuntimeContext().getMapState(new MapStateDescriptor<>("items", Types.STRING, FlinkTypes.of(Contribution.class)));
        dirty = getRuntimeContext().getMapState(new MapStateDescriptor<>("dirty-rows", Types.STRING, Types.BOOLEAN));
        flushAt = getRuntimeContext().getState(new ValueStateDescriptor<>("flush-at", Types.LONG));
        late = getRuntimeContext().getMetricGroup().counter("lateItems");
        stale = getRuntimeContext().getMetricGroup().counter("staleItems");
    }

    @Override
    public void close() throws Exception {
        store.close();
    }

    /** Event time after which the day's state is gone and its items are late. */
    long cleanupTime(Contribution c) {
        return EventTimes.endOfDayEverywhere(c.date()) + allowedLatenessMs;
    }

    @Override
    public void processElement(Contribution c, Context ctx, Collector<MetricsUpdate> out) throws Exception {
        long cleanupAt = cleanupTime(c);
        if (ctx.timerService().currentWatermark() >= cleanupAt) {
            late.inc();
            ctx.output(LATE, c);
            return;
        }
        if (known.value() == null) {
            loadStored(ctx.getCurrentKey());
            known.update(Boolean.TRUE);
        }
        String key = c.itemKey();
        if (!c.supersedes(items.get(key))) {
            stale.inc();
            return;
        }
        items.put(key, c);
        for (String row : rollup.touchedRows(c)) {
            dirty.put(row, Boolean.TRUE);
        }
        ctx.timerService().registerEventTimeTimer(cleanupAt);
        if (debounceMs == 0) {
            flush(ctx, out);
        } else if (flushAt.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + debounceMs;
            ctx.timerService().registerProcessingTimeTimer(at);
            flushAt.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricsUpdate> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            flushAt.clear();
            flush(ctx, out);
            return;
        }
        // the day is over and past its allowed lateness: emit what is pending, then forget it
        flush(ctx, out);
        Long pending = flushAt.value();
        if (pending != null) {
            ctx.timerService().deleteProcessingTimeTimer(pending);
        }
        items.clear();
        dirty.clear();
        flushAt.clear();
        known.clear();
    }

    private void loadStored(String dayKey) throws Exception {
        if (!store.mayHaveStored(dayKey)) {
            return;
        }
        for (Contribution stored : store.load(dayKey)) {
            if (stored.supersedes(items.get(stored.itemKey()))) {
                items.put(stored.itemKey(), stored);
            }
        }
        loaded.inc();
    }

    private void flush(Context ctx, Collector<MetricsUpdate> out) throws Exception {
        if (dirty.isEmpty()) {
            return;
        }
        List<Contribution> all = new ArrayList<>();
        items.values().forEach(all::add);
        Map<String, MetricsUpdate> rows = rollup.rows(all);
        for (String rowKey : dirty.keys()) {
            MetricsUpdate row = rows.get(rowKey);
            if (row != null) {
                out.collect(row);
                ctx.output(MetricsOutputs.tableOf(row), row);
                if (ChannelDayRollup.DAY_ROW.equals(rowKey) && MetricsUpdate.CHANNEL.equals(row.level())) {
                    ctx.output(ORG_ITEMS, OrgItems.ofChannelDay(row));
                }
            }
        }
        dirty.clear();
    }
}
