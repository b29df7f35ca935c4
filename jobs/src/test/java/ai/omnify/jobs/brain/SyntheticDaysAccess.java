package ai.omnify.jobs.brain;

import ai.omnify.model.metrics.MetricsUpdate;
import java.util.List;

/** {@link SyntheticDays} for tests in other packages. */
public final class SyntheticDaysAccess {
    private SyntheticDaysAccess() {}

    public static List<MetricsUpdate> rows(String org, int fromDay, int days, long seed) {
        return SyntheticDays.rows(org, fromDay, days, seed);
    }
}
