package ai.omnify.jobs.detection;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per organization, whether everything its backfill puts into the changelog has reached this job, in four steps
 * asked in turn (each answer is a snapshot, so live traffic that never stops does not hold it up):
 * <ol>
 *   <li>no backfill of the organization's connections is queued or running (the sync runs);</li>
 *   <li>the MetricsJob has read its inputs up to their ends as they were then (what it committed with a checkpoint:
 *       everything before was processed by all its operators);</li>
 *   <li>{@code drain} later (its debounced and late-corrected rows, written after the records that made them), the
 *       changelog's ends are taken;</li>
 *   <li>this job has read the changelog up to them (committed with a completed checkpoint: every operator, this one
 *       included, has processed what came before).</li>
 * </ol>
 * A MetricsJob group with no committed offset at all (another group name, or none) is passed over with a warning.
 * After {@code maxWait} from the end of its syncs (or of failed questions) the organization is settled whatever the
 * answers (a MetricsJob that is down, or a database that cannot be asked, must not hold the windows forever); a sync run not updated for a while does not count as running
 * ({@link BackfillUpstream#backfillRunning}). A settled answer holds for {@code drain}: the keys of one
 * organization ask within that; a later question (another backfill) starts over. Upstream is asked at most once per
 * {@code poll} per organization. Not thread-safe.
 */
public final class BackfillBarrier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillBarrier.class);

    enum Step { SYNCS, METRICS, DRAIN, SELF, SETTLED }

    /** With this many organizations known, those settled long enough ago are forgotten. */
    static final int FORGET_FROM = 1_000;

    private static final class OrgState {
        Step step = Step.SYNCS;
        /** The first question, the latest answer that a sync is still running, or when the syncs were seen done: the
         * maximum wait counts from there (an upstream that cannot be asked at all holds nothing forever). */
        long since;
        /** The first question (the organization's backfilled windows were quiet from then). */
        final long firstAsked;
        long askedAt = Long.MIN_VALUE;
        long drainUntil;
        long settledAt;
        Map<String, Long> ends;

        OrgState(long since) {
            this.since = since;
            this.firstAsked = since;
        }
    }

    private final BackfillUpstream upstream;
    private final long drainMillis;
    private final long pollMillis;
    private final long maxWaitMillis;
    private final Map<String, OrgState> orgs = new HashMap<>();
    private boolean warnedUnknown;
    private long lastFailureLog = Long.MIN_VALUE;

    public BackfillBarrier(BackfillUpstream upstream, long drainMillis, long pollMillis, long maxWaitMillis) {
        this.upstream = upstream;
        this.drainMillis = drainMillis;
        this.pollMillis = pollMillis;
        this.maxWaitMillis = maxWaitMillis;
    }

    /** Whether the organization's backfilled windows may close at {@code now}. */
    public boolean settled(String orgId, long now) {
        OrgState s = orgs.get(orgId);
        if (s == null || (s.step == Step.SETTLED && now > s.settledAt + drainMillis)) {
            if (s == null && orgs.size() >= FORGET_FROM) {
                orgs.values().removeIf(o -> o.step == Step.SETTLED && now > o.settledAt + drainMillis);
            }
            s = new OrgState(now);
            orgs.put(orgId, s);
        }
        if (s.step == Step.SETTLED) {
            return true;
        }
        if (s.askedAt != Long.MIN_VALUE && now - s.askedAt < pollMillis) {
            return false;
        }
        s.askedAt = now;
        try {
            advance(orgId, s, now);
        } catch (Exception e) {
            if (lastFailureLog == Long.MIN_VALUE || now - lastFailureLog >= 60_000) {
                lastFailureLog = now;
                LOG.warn("cannot tell how far the backfill of organization {} has come ({}): asking again", orgId,
                        e.toString());
            }
        }
        if (s.step != Step.SETTLED && now - s.since >= maxWaitMillis) {
            LOG.warn("organization {}: its backfill was not seen through the MetricsJob within {} s ({}); its"
                    + " backfilled windows are judged on what has arrived", orgId, maxWaitMillis / 1000, s.step);
            return settle(s, now);
        }
        return s.step == Step.SETTLED;
    }

    /** The step an organization is at (tests). */
    Step step(String orgId) {
        OrgState s = orgs.get(orgId);
        return s == null ? null : s.step;
    }

    private void advance(String orgId, OrgState s, long now) throws Exception {
        while (true) {
            switch (s.step) {
                case SYNCS -> {
                    if (upstream.backfillRunning(orgId)) {
                        s.since = now; // a sync making progress is waited for however long it takes
                        return;
                    }
                    s.ends = upstream.inputEnds();
                    s.since = now;
                    s.step = Step.METRICS;
                }
                case METRICS -> {
                    BackfillUpstream.Reach r = upstream.metricsReached(s.ends);
                    if (r == BackfillUpstream.Reach.BEHIND) {
                        return;
                    }
                    if (r == BackfillUpstream.Reach.UNKNOWN && !warnedUnknown) {
                        warnedUnknown = true;
                        LOG.warn("the MetricsJob's consumer group has committed no offsets on its inputs (set"
                                + " DETECTION_UPSTREAM_GROUP_ID to its METRICS_GROUP_ID): backfilled windows wait for"
                                + " the quiet period and this job's own reading only");
                    }
                    s.drainUntil = now + drainMillis;
                    s.step = Step.DRAIN;
                }
                case DRAIN -> {
                    if (now < s.drainUntil) {
                        return;
                    }
                    s.ends = upstream.changelogEnds();
                    s.step = Step.SELF;
                }
                case SELF -> {
                    if (upstream.selfReached(s.ends) != BackfillUpstream.Reach.REACHED) {
                        return;
                    }
                    LOG.info("organization {}: its backfill has come through (quiet {} s before, syncs done {} s"
                            + " before); its backfilled windows are judged now", orgId, (now - s.firstAsked) / 1000,
                            (now - s.since) / 1000);
                    settle(s, now);
                    return;
                }
                case SETTLED -> {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        upstream.close();
    }

    private static boolean settle(OrgState s, long now) {
        s.step = Step.SETTLED;
        s.settledAt = now;
        s.ends = null;
        return true;
    }
}
