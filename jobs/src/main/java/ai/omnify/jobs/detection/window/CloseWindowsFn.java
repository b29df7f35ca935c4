package ai.omnify.jobs.detection.window;

import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.MetricsRowParser;
import ai.omnify.model.metrics.MetricsUpdate;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the metrics changelog into one final {@link MetricWindow} per key and window, when {@link WindowClosePolicy}
 * says the window is final. Keyed by {@code org|level|target|grain}; the broadcast input says which organizations'
 * past days are being read ({@link OrgActivity}) and what the backfill barrier found upstream
 * ({@link BackfillSettled}).
 */
public final class CloseWindowsFn extends KeyedBroadcastProcessFunction<String, MetricsUpdate, UpstreamSignal,
        MetricWindow> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CloseWindowsFn.class);
    /** Versions dropped as late that are logged per subtask (the counter {@code versionsAfterClose} counts all). */
    static final long LOGGED_LATE = 20;

    private final WindowClosePolicy policy;
    private final Duration stateTtl;
    private transient KeyWindows key;
    private transient Counter late;
    private transient Counter closedAfterQuiet;

    public CloseWindowsFn(WindowClosePolicy policy, Duration stateTtl) {
        this.policy = policy;
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        key = new KeyWindows(getRuntimeContext(), stateTtl);
        late = getRuntimeContext().getMetricGroup().counter("versionsAfterClose");
        closedAfterQuiet = getRuntimeContext().getMetricGroup().counter("backfilledWindowsClosed");
    }

    @Override
    public void processElement(MetricsUpdate u, ReadOnlyContext ctx, Collector<MetricWindow> out) throws Exception {
        long start = MetricsRowParser.windowStart(u);
        long now = ctx.timerService().currentProcessingTime();
        MetricsUpdate current = key.pending(start);
        WindowClosePolicy.Arrival arrival = policy.onVersion(u, current, key.closedUpTo(), key.lastVersionAt(),
                key.isBackfilled(start), key.backfilledBefore(start), now, ctx.timerService().currentWatermark());
        if (arrival == WindowClosePolicy.Arrival.LATE) {
            late.inc();
            if (late.getCount() <= LOGGED_LATE) {
                // a backfilled day dropped so is never judged: say which, the first few times
                LOG.warn("{}: a version of the window from {} (reported {}, as of {}) came after the key had closed "
                        + "its windows up to {}; dropped ({} so far on this subtask)", ctx.getCurrentKey(),
                        Instant.ofEpochMilli(start), u.reportedAt(), u.asOf(), Instant.ofEpochMilli(key.closedUpTo()),
                        late.getCount());
            }
            return;
        }
        if (current == null || WindowClosePolicy.newer(u, current)) {
            key.keep(start, u);
        }
        key.versionAt(now);
        if (key.anyBackfilled()) {
            awaitQuiet(ctx, now); // the key is still receiving versions: its backfilled windows wait on
        }
        switch (arrival) {
            case BACKFILLED -> {
                key.markBackfilled(start, now);
                awaitQuiet(ctx, now);
                ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE); // closes them at the end of a bounded input
            }
            case CLOSE -> key.closeUpTo(MetricsRowParser.windowEnd(u), out);
            case AWAIT_WATERMARK -> ctx.timerService().registerEventTimeTimer(MetricsRowParser.windowEnd(u)
                    + policy.settleMillis());
            default -> { }
        }
    }

    /** Makes sure a quiet-period timer of the key is due. */
    private void awaitQuiet(ReadOnlyContext ctx, long now) throws Exception {
        if (key.quietTimer() == null) {
            key.quietTimer(now + policy.quietMillis());
            ctx.timerService().registerProcessingTimeTimer(now + policy.quietMillis());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricWindow> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            WindowClosePolicy.WatermarkClose close = policy.onWatermark(timestamp,
                    ctx.timerService().currentWatermark(), key.pendingWindows(), key.backfilledStarts());
            close.timers().forEach(t -> ctx.timerService().registerEventTimeTimer(t));
            key.closeUpTo(close.upTo(), out);
            return;
        }
        key.quietTimer(null);
        if (!key.anyBackfilled()) {
            return;
        }
        String org = OrgActivity.orgOf(ctx.getCurrentKey());
        WindowClosePolicy.QuietStep step = policy.onQuiet(timestamp, key.lastVersionAt(),
                ctx.getBroadcastState(OrgActivity.DESCRIPTOR).get(org), key.waitingSince(),
                settledAsOf(ctx.getBroadcastState(BackfillSettled.DESCRIPTOR), org));
        if (!step.close()) {
            key.quietTimer(step.nextCheck());
            ctx.timerService().registerProcessingTimeTimer(step.nextCheck());
            return;
        }
        closedAfterQuiet.inc(key.backfilledStarts().size());
        key.closeUpTo(key.backfilledEnd(), out);
    }

    /** When the barrier last took upstream's ends with the organization not backfilling; null: not since it began. */
    static Long settledAsOf(ReadOnlyBroadcastState<String, Long> settled, String org) throws Exception {
        return settled.contains(org) ? null : settled.get(BackfillSettled.LATEST);
    }

    @Override
    public void processBroadcastElement(UpstreamSignal s, Context ctx, Collector<MetricWindow> out) throws Exception {
        if (s.activity() != null) {
            BroadcastState<String, Long> activity = ctx.getBroadcastState(OrgActivity.DESCRIPTOR);
            Long before = activity.get(s.activity().orgId());
            if (before == null || s.activity().at() > before) {
                activity.put(s.activity().orgId(), s.activity().at());
            }
        }
        if (s.settled() != null) {
            BroadcastState<String, Long> settled = ctx.getBroadcastState(BackfillSettled.DESCRIPTOR);
            Long latest = settled.get(BackfillSettled.LATEST);
            if (latest == null || s.settled().asOf() > latest) {
                settled.clear();
                settled.put(BackfillSettled.LATEST, s.settled().asOf());
                for (String org : s.settled().backfilling()) {
                    settled.put(org, s.settled().asOf());
                }
            }
        }
    }
}
