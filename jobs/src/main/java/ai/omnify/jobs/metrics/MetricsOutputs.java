package ai.omnify.jobs.metrics;

import ai.omnify.model.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** Side outputs shared by the MetricsJob's operators. */
public final class MetricsOutputs {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private MetricsOutputs() {}
}
