package ai.omnify.jobs.metrics;

import ai.omnify.model.metrics.MetricsUpdate;
import java.io.Serializable;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** The totals of one day key as a pure function of its latest items. */
public interface DayRollup extends Serializable {

    /** Keys of the output rows whose values may change when this item changes. */
    Set<String> touchedRows(Contribution item);

    /** Every output row of the day, by row key. */
    Map<String, MetricsUpdate> rows(Collection<Contribution> items);
}
