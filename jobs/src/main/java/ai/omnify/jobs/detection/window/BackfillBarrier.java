package ai.omnify.jobs.detection.window;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether everything the organizations' backfills put into the changelog has reached this job, found in rounds, each
 * asking upstream in four steps in turn (each answer is a snapshot, so live traffic that never stops does not hold it
 * up):
 * <ol>
 *   <li>which organizations have a backfill of a connection queued or running (the syncs), and the ends of the
 *       MetricsJob's inputs at that moment, {@code asOf};</li>
 *   <li>the MetricsJob has read its inputs up to those ends (what it committed with a checkpoint: everything before
 *       was processed by all its operators);</li>
 *   <li>{@code drain} later (its debounced and late-corrected rows, written after the records that made them), the
 *       changelog's ends are taken;</li>
 *   <li>this job has read the changelog up to them (committed with a completed checkpoint: every operator, this one
 *       included, has processed what came before).</li>
 * </ol>
 * A round that completes gives a {@link BackfillSettled} of its {@code asOf} and the organizations still
 * backfilling then; the next round starts at the next poll. A MetricsJob group with no committed offset at all
 * (another group name, or none) is passed over with a warning. A round that has not completed {@code maxWait} after
 * it started (a MetricsJob that is down, an upstream that cannot be asked) completes anyway: backfilled windows must
 * not wait forever. A sync run not updated for a while does not count as running
 * ({@link BackfillUpstream#backfilling}). Not thread-safe.
 */
public final class BackfillBarrier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillBarrier.class);

    enum Step { SYNCS, METRICS, DRAIN, SELF }

    private final BackfillUpstream upstream;
    private final long drainMillis;
    private final long maxWaitMillis;

    private Step step = Step.SYNCS;
    /** When the round started (its first question), or {@link Long#MIN_VALUE} before it did. */
    private long startedAt = Long.MIN_VALUE;
    /** When the round took the inputs' ends (its {@code asOf}); the round's start until it could. */
    private long asOf;
    private Set<String> backfilling = Set.of();
    private Map<String, Long> ends;
    private long drainUntil;
    private BackfillSettled latest = BackfillSettled.NONE;
    private boolean warnedUnknown;
    private long lastFailureLog = Long.MIN_VALUE;

    public BackfillBarrier(BackfillUpstream upstream, long drainMillis, long maxWaitMillis) {
        this.upstream = upstream;
        this.drainMillis = drainMillis;
        this.maxWaitMillis = maxWaitMillis;
    }

    /** Asks upstream what the current round needs; the latest completed round ({@link BackfillSettled#NONE}: none). */
    public BackfillSettled poll(long now) {
        if (startedAt == Long.MIN_VALUE) {
            startedAt = now;
            asOf = now;
            backfilling = Set.of();
        }
        try {
            advance(now);
        } catch (Exception e) {
            if (lastFailureLog == Long.MIN_VALUE || now - lastFailureLog >= 60_000) {
                lastFailureLog = now;
                LOG.warn("cannot tell how far the organizations' backfills have come ({}): asking again", e.toString());
            }
        }
        if (startedAt != Long.MIN_VALUE && now - startedAt >= maxWaitMillis) {
            LOG.warn("the backfills were not seen through the MetricsJob within {} s ({}); backfilled windows are"
                    + " judged on what has arrived", maxWaitMillis / 1000, step);
            complete();
        }
        return latest;
    }

    /** The step the current round is at (tests). */
    Step step() {
        return step;
    }

    private void advance(long now) throws Exception {
        while (startedAt != Long.MIN_VALUE) {
            switch (step) {
                case SYNCS -> {
                    Set<String> running = new TreeSet<>(upstream.backfilling());
                    ends = upstream.inputEnds();
                    backfilling = running;
                    asOf = now;
                    step = Step.METRICS;
                }
                case METRICS -> {
                    BackfillUpstream.Reach r = upstream.metricsReached(ends);
                    if (r == BackfillUpstream.Reach.BEHIND) {
                        return;
                    }
                    if (r == BackfillUpstream.Reach.UNKNOWN && !warnedUnknown) {
                        warnedUnknown = true;
                        LOG.warn("the MetricsJob's consumer group has committed no offsets on its inputs (set"
                                + " DETECTION_UPSTREAM_GROUP_ID to its METRICS_GROUP_ID): backfilled windows wait for"
                                + " the quiet period and this job's own reading only");
                    }
                    drainUntil = now + drainMillis;
                    step = Step.DRAIN;
                }
                case DRAIN -> {
                    if (now < drainUntil) {
                        return;
                    }
                    ends = upstream.changelogEnds();
                    step = Step.SELF;
                }
                case SELF -> {
                    if (upstream.selfReached(ends) != BackfillUpstream.Reach.REACHED) {
                        return;
                    }
                    LOG.debug("backfills settled as of {} (round of {} ms; still backfilling: {})", asOf,
                            now - startedAt, backfilling);
                    complete();
                }
            }
        }
    }

    /** Ends the round: what it found becomes the latest, and the next round starts at the next poll. */
    private void complete() {
        if (asOf > latest.asOf()) {
            latest = new BackfillSettled(asOf, backfilling.toArray(String[]::new));
        }
        step = Step.SYNCS;
        startedAt = Long.MIN_VALUE;
        ends = null;
    }

    @Override
    public void close() throws Exception {
        upstream.close();
    }
}
