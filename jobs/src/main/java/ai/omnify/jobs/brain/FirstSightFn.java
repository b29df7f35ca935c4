package ai.omnify.jobs.brain;

import ai.omnify.jobs.common.FlinkTypes;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by organization: passes every input on, and the first time an organization is seen (a fresh start, a lost
 * checkpoint, or a new organization) asks for its stored history on the side. Its one flag per organization lives in
 * the same checkpoints as the brain's state, so a restored job does not reload.
 */
public final class FirstSightFn extends KeyedProcessFunction<String, BrainInput, BrainInput> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<String> HISTORY_REQUESTS = new OutputTag<>("history-requests", Types.STRING);

    private transient ValueState<Boolean> seen;

    @Override
    public void open(OpenContext ctx) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.BOOLEAN));
        FlinkTypes.register();
    }

    @Override
    public void processElement(BrainInput in, Context ctx, Collector<BrainInput> out) throws Exception {
        if (seen.value() == null) {
            seen.update(true);
            ctx.output(HISTORY_REQUESTS, ctx.getCurrentKey());
        }
        out.collect(in);
    }
}
