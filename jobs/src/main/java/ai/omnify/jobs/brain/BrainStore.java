package ai.omnify.jobs.brain;

import java.io.Serializable;

/** What the brain reads from outside its inputs: each organization's goals, and its last stored version. */
public interface BrainStore extends Serializable {

    default void open() throws Exception {}

    /** The organization's goals (its currency, time zone, target ROAS, monthly budget); defaults when unknown. */
    OrgGoals goals(String orgId);

    /** The highest version stored for the organization (0 when none): a start without checkpoint continues from it. */
    long lastVersion(String orgId);

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
