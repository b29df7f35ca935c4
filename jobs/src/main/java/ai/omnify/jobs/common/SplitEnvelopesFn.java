package ai.omnify.jobs.common;

import ai.omnify.model.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;

/** Valid records go on; dead letters go to the side output, counted. */
public final class SplitEnvelopesFn<E, T> extends ProcessFunction<E, T> {
    private static final long serialVersionUID = 1L;
    private final OutputTag<DeadLetter> deadLetters;
    private final SerializableFunction<E, T> value;
    private final SerializableFunction<E, DeadLetter> deadLetter;
    private transient Counter rejected;

    public SplitEnvelopesFn(OutputTag<DeadLetter> deadLetters, SerializableFunction<E, T> value,
            SerializableFunction<E, DeadLetter> deadLetter) {
        this.deadLetters = deadLetters;
        this.value = value;
        this.deadLetter = deadLetter;
    }

    @Override
    public void open(OpenContext openContext) {
        rejected = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(E envelope, Context ctx, Collector<T> out) throws Exception {
        T v = value.apply(envelope);
        if (v != null) {
            out.collect(v);
        } else {
            rejected.inc();
            ctx.output(deadLetters, deadLetter.apply(envelope));
        }
    }
}
