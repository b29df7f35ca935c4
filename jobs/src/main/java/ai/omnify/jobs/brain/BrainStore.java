package ai.omnify.jobs.brain;

import java.io.Serializable;

/**
 * What the brain reads from outside its inputs: each organization's goals, its last stored version, and its stored
 * day rows (for a start without state).
 */
public interface BrainStore extends Serializable {

    default void open() throws Exception {}

    /** The organization's goals (its currency, time zone, target ROAS, monthly budget); defaults when unknown. */
    OrgGoals goals(String orgId);

    /** The highest version stored for the organization (0 when none): a start without checkpoint continues from it. */
    long lastVersion(String orgId);

    /**
     * The organization's stored day rows (channel, creative and org level) of its last {@code days} days, as the
     * metrics changelog carried them: what a brain that starts without its state reloads. Empty when none.
     */
    default java.util.List<ai.omnify.model.metrics.MetricsUpdate> history(String orgId, int days) {
        return java.util.List.of();
    }

    /**
     * The organization's stored alerts the brain keeps: open or acknowledged ones, and those resolved in the last
     * {@code resolvedDays} days, as the alerts topic carried them. Empty when none.
     */
    default java.util.List<ai.omnify.model.alert.Alert> alerts(String orgId, int resolvedDays) {
        return java.util.List.of();
    }

    default void close() throws Exception {}

    /** Fixed goals and no stored versions: for tests. */
    static BrainStore fixed(OrgGoals goals) {
        return new BrainStore() {
            private static final long serialVersionUID = 1L;

            @Override
            public OrgGoals goals(String orgId) {
                return goals;
            }

            @Override
            public long lastVersion(String orgId) {
                return 0;
            }
        };
    }
}
