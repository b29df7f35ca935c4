package ai.omnify.jobs.detection;

import ai.omnify.model.DeadLetter;
import ai.omnify.model.Parsed;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Rules records from the topic: valid ones on, invalid ones to the dead letters with the reason. */
public final class ParseRulesFn extends ProcessFunction<String, RulesUpdate> {
    private static final long serialVersionUID = 1L;
    private final OutputTag<DeadLetter> deadLetters;

    public ParseRulesFn(OutputTag<DeadLetter> deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void processElement(String value, Context ctx, Collector<RulesUpdate> out) {
        Parsed<RulesUpdate> p = RulesState.parse(value);
        if (p.isOk()) {
            out.collect(p.value());
        } else {
            ctx.output(deadLetters, RulesState.deadLetter(value, p.error()));
        }
    }
}
