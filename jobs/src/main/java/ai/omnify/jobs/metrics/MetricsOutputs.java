package ai.omnify.jobs.metrics;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.model.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** Side outputs shared by the MetricsJob's operators. */
public final class MetricsOutputs {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", FlinkTypes.of(DeadLetter.class));

    private MetricsOutputs() {}
}
