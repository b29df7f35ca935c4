package ai.omnify.jobs.metrics;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.metrics.MetricsUpdate;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** Side outputs shared by the MetricsJob's operators. */
public final class MetricsOutputs {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", FlinkTypes.of(DeadLetter.class));

    /** Rows by table, so each table's sink chains to the operator that makes its rows (no shuffle, no filtering). */
    public static final OutputTag<MetricsUpdate> CHANNEL_DAY_ROWS = rows("channel-day-rows");
    public static final OutputTag<MetricsUpdate> CHANNEL_HOUR_ROWS = rows("channel-hour-rows");
    public static final OutputTag<MetricsUpdate> CREATIVE_DAY_ROWS = rows("creative-day-rows");
    public static final OutputTag<MetricsUpdate> CREATIVE_HOUR_ROWS = rows("creative-hour-rows");
    public static final OutputTag<MetricsUpdate> ORG_DAY_ROWS = rows("org-day-rows");

    private static OutputTag<MetricsUpdate> rows(String id) {
        return new OutputTag<>(id, FlinkTypes.of(MetricsUpdate.class));
    }

    /** The side output of a row's table. */
    public static OutputTag<MetricsUpdate> tableOf(MetricsUpdate row) {
        boolean day = MetricsUpdate.DAY.equals(row.grain());
        return switch (row.level()) {
            case MetricsUpdate.CREATIVE -> day ? CREATIVE_DAY_ROWS : CREATIVE_HOUR_ROWS;
            case MetricsUpdate.ORG -> ORG_DAY_ROWS;
            default -> day ? CHANNEL_DAY_ROWS : CHANNEL_HOUR_ROWS;
        };
    }

    private MetricsOutputs() {}
}
