package ai.omnify.jobs.detection.window;

import ai.omnify.model.metrics.MetricsUpdate;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per organization (keyed by org id), from its organization-level rows: an {@link OrgActivity} when a row of a past
 * day (before the day before yesterday, UTC, processing time) comes, at most one per {@code every}. Live polls and
 * webhooks touch today and yesterday; a backfill or the orders of a backfill touch every past day for as long as the
 * MetricsJob is reading them, which is what a backfilled window waits out ({@link CloseWindowsFn}).
 */
public final class OrgActivityFn extends KeyedProcessFunction<String, MetricsUpdate, OrgActivity> {
    private static final long serialVersionUID = 1L;
    private final long everyMillis;
    private transient ValueState<Long> lastSent;

    public OrgActivityFn(Duration every) {
        this.everyMillis = every.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Long> d = new ValueStateDescriptor<>("org-activity-last-sent", Types.LONG);
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(1)).build());
        lastSent = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(MetricsUpdate u, Context ctx, Collector<OrgActivity> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (!isPastDay(u, now)) {
            return;
        }
        Long last = lastSent.value();
        if (last == null || now - last >= everyMillis) {
            lastSent.update(now);
            out.collect(new OrgActivity(u.orgId(), now));
        }
    }

    /** Whether {@code u} is a row of a day before the day before yesterday (UTC) at processing time {@code now}. */
    static boolean isPastDay(MetricsUpdate u, long now) {
        if (u.date() == null) {
            return false;
        }
        LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(now, 86_400_000L));
        return u.date().isBefore(today.minusDays(2));
    }
}
