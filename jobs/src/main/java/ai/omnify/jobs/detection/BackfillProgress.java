package ai.omnify.jobs.detection;

import java.io.Serializable;

/**
 * Whether everything an organization's backfill will put into the metrics changelog has reached this job, asked by
 * {@link CloseWindowsFn} once the organization's backfilled windows have been quiet for the quiet period. A quiet
 * period alone is no guarantee: a backfill's orders may still be queued ahead of the MetricsJob, or its output held up
 * by a checkpoint, for longer than any fixed period.
 */
public interface BackfillProgress extends Serializable {
    /** Called once per operator instance before the first question. */
    default void open() throws Exception {}

    /**
     * @param orgId the organization
     * @param now processing time, epoch millis
     * @return true when its backfilled windows may close now; false: ask again later
     */
    boolean settled(String orgId, long now);

    default void close() throws Exception {}

    /** The quiet period is the only condition (tests; a job without the MetricsJob before it). */
    static BackfillProgress quietOnly() {
        return new QuietOnly();
    }

    /** {@link #quietOnly()}. */
    final class QuietOnly implements BackfillProgress {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean settled(String orgId, long now) {
            return true;
        }
    }
}
