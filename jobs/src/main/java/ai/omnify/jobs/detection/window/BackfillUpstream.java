package ai.omnify.jobs.detection.window;

import java.util.Map;
import java.util.Set;

/**
 * What lies upstream of the DetectionJob for an organization's backfill: the sync runs writing it to Kafka, the
 * MetricsJob reading that and writing the changelog, and this job's own reading of the changelog. Offsets are per
 * {@code topic-partition}.
 */
public interface BackfillUpstream extends AutoCloseable {
    /** What a consumer group has read, against a set of offsets. */
    enum Reach {
        /** It has read past every given offset. */
        REACHED,
        /** Not yet. */
        BEHIND,
        /** The group has committed no offset on these topics: it runs under another name, or has not started. */
        UNKNOWN
    }

    /**
     * The organizations with a backfill of one of their connections queued or running that recorded progress recently
     * (a run left running by a crashed sync does not hold detection up).
     */
    Set<String> backfilling() throws Exception;

    /** The end offsets now of the MetricsJob's input topics (ad insights, orders). */
    Map<String, Long> inputEnds() throws Exception;

    /** Whether the MetricsJob has read its inputs up to {@code ends} (offsets it committed with a checkpoint). */
    Reach metricsReached(Map<String, Long> ends) throws Exception;

    /** The end offsets now of the changelog. */
    Map<String, Long> changelogEnds() throws Exception;

    /** Whether this job has read the changelog up to {@code ends} (offsets committed with a completed checkpoint). */
    Reach selfReached(Map<String, Long> ends) throws Exception;

    /** Whether {@code committed} has every partition of {@code ends} at or past its end (empty ones need nothing). */
    static Reach reach(Map<String, Long> ends, Map<String, Long> committed) {
        if (committed.isEmpty() && ends.values().stream().anyMatch(e -> e > 0)) {
            return Reach.UNKNOWN;
        }
        for (Map.Entry<String, Long> e : ends.entrySet()) {
            long at = committed.getOrDefault(e.getKey(), 0L);
            if (at < e.getValue()) {
                return Reach.BEHIND;
            }
        }
        return Reach.REACHED;
    }

    @Override
    default void close() throws Exception {}
}
