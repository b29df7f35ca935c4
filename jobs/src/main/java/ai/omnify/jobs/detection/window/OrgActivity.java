package ai.omnify.jobs.detection.window;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * An organization's changelog moved on a past day (older than the day before yesterday, UTC): a backfill or a
 * restatement is being read. {@code at} is the processing time it was seen.
 */
public record OrgActivity(String orgId, long at) {
    /** Broadcast state of {@link CloseWindowsFn}: organization id to the processing time of its latest activity. */
    public static final MapStateDescriptor<String, Long> DESCRIPTOR = new MapStateDescriptor<>("org-past-day-activity",
            Types.STRING, Types.LONG);

    /** The organization of a window key ({@code org|level|target|grain}). */
    public static String orgOf(String key) {
        int bar = key.indexOf('|');
        return bar < 0 ? key : key.substring(0, bar);
    }
}
