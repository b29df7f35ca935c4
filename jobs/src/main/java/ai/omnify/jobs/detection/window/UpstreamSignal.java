package ai.omnify.jobs.detection.window;

/**
 * The broadcast input of {@link CloseWindowsFn}: either an organization's past-day activity or what the backfill
 * barrier found upstream.
 */
public record UpstreamSignal(OrgActivity activity, BackfillSettled settled) {

    public static UpstreamSignal of(OrgActivity a) {
        return new UpstreamSignal(a, null);
    }

    public static UpstreamSignal of(BackfillSettled s) {
        return new UpstreamSignal(null, s);
    }
}
