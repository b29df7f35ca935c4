package ai.omnify.jobs.metrics;

import ai.omnify.jobs.common.FlinkTypes;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Emits a channel or creative row only when it is first seen or what users see of it changes (name, first date), so
 * the dimension tables get a write per change, not per snapshot. Keyed by the channel or creative id.
 */
public class DimensionChangesFn extends KeyedProcessFunction<String, DimensionRow, DimensionRow> {
    private static final long serialVersionUID = 1L;
    private final Duration ttl;
    private transient ValueState<DimensionRow> last;

    public DimensionChangesFn(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<DimensionRow> d = new ValueStateDescriptor<>("last", FlinkTypes.of(DimensionRow.class));
        d.enableTimeToLive(StateTtlConfig.newBuilder(ttl).build());
        last = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(DimensionRow row, Context ctx, Collector<DimensionRow> out) throws Exception {
        DimensionRow current = last.value();
        if (current == null) {
            last.update(row);
            out.collect(row);
            return;
        }
        DimensionRow merged = current.mergedWith(row);
        if (current.differsFrom(merged)) {
            out.collect(merged);
        }
        last.update(merged);
    }
}
