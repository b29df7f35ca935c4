package ai.omnify.jobs.detection.window;

import java.util.Arrays;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * What the backfill barrier ({@link BackfillBarrier}) found upstream: everything the MetricsJob's inputs held at
 * {@code asOf} (processing time) has come through the MetricsJob and reached this job, and no backfill sync of any
 * organization was running then, except those of {@code backfilling}. A backfilled window of an organization not in
 * that list whose key went quiet at or before {@code asOf} has every version it will get.
 *
 * @param asOf when the barrier took the ends of the MetricsJob's inputs; {@link Long#MIN_VALUE}: nothing found yet
 * @param backfilling the organizations with a backfill queued or running at {@code asOf}
 */
public record BackfillSettled(long asOf, String[] backfilling) {
    /** Nothing found yet. */
    public static final BackfillSettled NONE = new BackfillSettled(Long.MIN_VALUE, new String[0]);

    /**
     * Broadcast state of {@link CloseWindowsFn}: {@link #LATEST} to the latest {@code asOf}, and each organization of
     * its {@code backfilling} to the same.
     */
    public static final MapStateDescriptor<String, Long> DESCRIPTOR = new MapStateDescriptor<>("backfill-settled",
            Types.STRING, Types.LONG);

    /** The key of the latest {@code asOf} in {@link #DESCRIPTOR} (no organization id is empty). */
    public static final String LATEST = "";

    public BackfillSettled {
        backfilling = backfilling == null ? new String[0] : backfilling.clone();
    }

    public boolean backfilling(String orgId) {
        return Arrays.asList(backfilling).contains(orgId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackfillSettled b && b.asOf == asOf && Arrays.equals(b.backfilling, backfilling);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(asOf) * 31 + Arrays.hashCode(backfilling);
    }

    @Override
    public String toString() {
        return "BackfillSettled[asOf=" + asOf + ", backfilling=" + Arrays.toString(backfilling) + "]";
    }
}
