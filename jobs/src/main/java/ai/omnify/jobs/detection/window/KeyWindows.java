package ai.omnify.jobs.detection.window;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.MetricsRowParser;
import ai.omnify.model.metrics.MetricsUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * The keyed state of {@link CloseWindowsFn} for the current key: its pending windows with their newest versions, which
 * of them wait as backfilled, and how far its windows have closed. Every entry expires after {@code ttl} without
 * access (a key gone quiet for good). The state names are those of the job's checkpoints.
 */
final class KeyWindows {
    private final MapState<Long, MetricsUpdate> pending;
    private final MapState<Long, Boolean> backfilled;
    /** Processing time of the key's latest version. */
    private final ValueState<Long> lastVersionAt;
    private final ValueState<Long> quietTimer;
    /** Processing time since when the key has had backfilled windows waiting. */
    private final ValueState<Long> waitingSince;
    private final ValueState<Long> closedUpTo;
    private final ValueState<Integer> closedCount;

    KeyWindows(RuntimeContext ctx, Duration ttl) {
        StateTtlConfig expiry = StateTtlConfig.newBuilder(ttl).build();
        MapStateDescriptor<Long, MetricsUpdate> p = new MapStateDescriptor<>("pending", Types.LONG,
                FlinkTypes.of(MetricsUpdate.class));
        p.enableTimeToLive(expiry);
        pending = ctx.getMapState(p);
        MapStateDescriptor<Long, Boolean> b = new MapStateDescriptor<>("backfilled", Types.LONG, Types.BOOLEAN);
        b.enableTimeToLive(expiry);
        backfilled = ctx.getMapState(b);
        lastVersionAt = ctx.getState(value("last-version-at", Types.LONG, expiry));
        quietTimer = ctx.getState(value("quiet-timer", Types.LONG, expiry));
        waitingSince = ctx.getState(value("backfill-waiting-since", Types.LONG, expiry));
        closedUpTo = ctx.getState(value("closed-up-to", Types.LONG, expiry));
        closedCount = ctx.getState(value("closed-count", Types.INT, expiry));
    }

    private static <T> ValueStateDescriptor<T> value(String name,
            org.apache.flink.api.common.typeinfo.TypeInformation<T> type, StateTtlConfig expiry) {
        ValueStateDescriptor<T> d = new ValueStateDescriptor<>(name, type);
        d.enableTimeToLive(expiry);
        return d;
    }

    MetricsUpdate pending(long start) throws Exception {
        return pending.get(start);
    }

    void keep(long start, MetricsUpdate u) throws Exception {
        pending.put(start, u);
    }

    Map<Long, MetricsUpdate> pendingWindows() throws Exception {
        Map<Long, MetricsUpdate> out = new HashMap<>();
        for (Map.Entry<Long, MetricsUpdate> e : pending.entries()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    Long closedUpTo() throws Exception {
        return closedUpTo.value();
    }

    Long lastVersionAt() throws Exception {
        return lastVersionAt.value();
    }

    void versionAt(long now) throws Exception {
        lastVersionAt.update(now);
    }

    Long quietTimer() throws Exception {
        return quietTimer.value();
    }

    void quietTimer(Long at) throws Exception {
        if (at == null) {
            quietTimer.clear();
        } else {
            quietTimer.update(at);
        }
    }

    Long waitingSince() throws Exception {
        return waitingSince.value();
    }

    boolean anyBackfilled() throws Exception {
        return !backfilled.isEmpty();
    }

    boolean isBackfilled(long start) throws Exception {
        return backfilled.contains(start);
    }

    boolean backfilledBefore(long start) throws Exception {
        for (Long s : backfilled.keys()) {
            if (s < start) {
                return true;
            }
        }
        return false;
    }

    Set<Long> backfilledStarts() throws Exception {
        Set<Long> out = new HashSet<>();
        backfilled.keys().forEach(out::add);
        return out;
    }

    /** Marks a window backfilled; the key waits since now when none was before. */
    void markBackfilled(long start, long now) throws Exception {
        if (backfilled.isEmpty() || waitingSince.value() == null) {
            waitingSince.update(now);
        }
        backfilled.put(start, Boolean.TRUE);
    }

    /** The end of the newest backfilled window ({@link Long#MIN_VALUE}: none). */
    long backfilledEnd() throws Exception {
        long upTo = Long.MIN_VALUE;
        for (Long s : backfilled.keys()) {
            MetricsUpdate u = pending.get(s);
            if (u != null) {
                upTo = Math.max(upTo, MetricsRowParser.windowEnd(u));
            }
        }
        return upTo;
    }

    /** Closes every pending window that ends at or before {@code end}, oldest first. */
    void closeUpTo(long end, Collector<MetricWindow> out) throws Exception {
        List<Long> due = new ArrayList<>();
        for (Map.Entry<Long, MetricsUpdate> e : pending.entries()) {
            if (MetricsRowParser.windowEnd(e.getValue()) <= end) {
                due.add(e.getKey());
            }
        }
        due.sort(Long::compare);
        Integer count = closedCount.value();
        int n = count == null ? 0 : count;
        Long closed = closedUpTo.value();
        for (Long start : due) {
            MetricsUpdate u = pending.get(start);
            pending.remove(start);
            backfilled.remove(start);
            if (backfilled.isEmpty()) {
                waitingSince.clear();
            }
            out.collect(MetricWindow.of(u, n++));
            closed = Math.max(closed == null ? Long.MIN_VALUE : closed, MetricsRowParser.windowEnd(u));
        }
        closedCount.update(n);
        closedUpTo.update(closed);
    }
}
