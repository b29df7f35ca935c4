package ai.omnify.jobs.detection.window;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.detection.window.BackfillBarrier.Step;
import ai.omnify.jobs.detection.window.BackfillUpstream.Reach;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BackfillBarrierTest {
    private static final String ORG = "org-1";
    private static final long DRAIN = 30_000;
    private static final long POLL = 1_000;
    private static final long MAX_WAIT = 600_000;

    /** Upstream as a test sets it: offsets per topic-partition, committed per group. */
    private static final class Scripted implements BackfillUpstream {
        final Set<String> syncing = new TreeSet<>();
        boolean failing;
        final Map<String, Long> inputs = new HashMap<>(Map.of("in-0", 100L, "in-1", 50L));
        final Map<String, Long> changelog = new HashMap<>(Map.of("cl-0", 10L));
        final Map<String, Long> metrics = new HashMap<>();
        final Map<String, Long> self = new HashMap<>();
        int asked;

        @Override
        public Set<String> backfilling() {
            asked++;
            if (failing) {
                throw new IllegalStateException("database down");
            }
            return new TreeSet<>(syncing);
        }

        @Override
        public Map<String, Long> inputEnds() {
            return new HashMap<>(inputs);
        }

        @Override
        public Reach metricsReached(Map<String, Long> ends) {
            return BackfillUpstream.reach(ends, metrics);
        }

        @Override
        public Map<String, Long> changelogEnds() {
            return new HashMap<>(changelog);
        }

        @Override
        public Reach selfReached(Map<String, Long> ends) {
            return BackfillUpstream.reach(ends, self);
        }

        /** Both groups have read everything there is. */
        void caughtUp() {
            metrics.putAll(inputs);
            self.putAll(changelog);
        }
    }

    @Test
    void aRoundSettlesOnlyAfterTheMetricsJobADrainAndThisJobHaveAllCaughtUp() {
        Scripted up = new Scripted();
        BackfillBarrier b = new BackfillBarrier(up, DRAIN, MAX_WAIT);
        long t = 5_000;
        up.metrics.put("in-0", 0L); // the MetricsJob's group exists, and has read nothing of the backfill yet
        assertThat(b.poll(t)).isEqualTo(BackfillSettled.NONE);
        assertThat(b.step()).as("input ends taken; the MetricsJob has read none of them").isEqualTo(Step.METRICS);
        // inputs keep growing (live traffic); the MetricsJob only needs to pass the ends as they were
        up.inputs.put("in-0", 500L);
        up.metrics.putAll(Map.of("in-0", 100L, "in-1", 49L));
        assertThat(b.poll(t + POLL)).isEqualTo(BackfillSettled.NONE);
        up.metrics.put("in-1", 50L);
        long drainFrom = t + 2 * POLL;
        assertThat(b.poll(drainFrom)).isEqualTo(BackfillSettled.NONE);
        assertThat(b.step()).isEqualTo(Step.DRAIN);
        up.changelog.put("cl-0", 40L); // the MetricsJob's last rows, written during the drain
        assertThat(b.poll(drainFrom + DRAIN - POLL)).isEqualTo(BackfillSettled.NONE);
        up.self.put("cl-0", 39L);
        assertThat(b.poll(drainFrom + DRAIN)).isEqualTo(BackfillSettled.NONE);
        assertThat(b.step()).as("changelog ends taken after the drain").isEqualTo(Step.SELF);
        up.self.put("cl-0", 40L);
        BackfillSettled s = b.poll(drainFrom + DRAIN + POLL);
        assertThat(s.asOf()).as("as of when the input ends were taken").isEqualTo(t);
        assertThat(s.backfilling()).isEmpty();
        assertThat(b.step()).as("the next round starts at the next poll").isEqualTo(Step.SYNCS);
    }

    @Test
    void anOrganizationWhoseBackfillStillRunsIsListedAndSettlesInALaterRound() {
        Scripted up = new Scripted();
        up.caughtUp();
        up.syncing.add(ORG);
        BackfillBarrier b = new BackfillBarrier(up, DRAIN, MAX_WAIT);
        b.poll(0);
        BackfillSettled first = b.poll(DRAIN);
        assertThat(first.asOf()).isZero();
        assertThat(first.backfilling(ORG)).isTrue();
        assertThat(first.backfilling("org-2")).isFalse();
        up.syncing.clear();
        b.poll(DRAIN + POLL);
        BackfillSettled second = b.poll(2 * DRAIN + POLL);
        assertThat(second.asOf()).isEqualTo(DRAIN + POLL);
        assertThat(second.backfilling(ORG)).isFalse();
        assertThat(b.poll(2 * DRAIN + 2 * POLL)).as("the latest round's finding until the next completes")
                .isEqualTo(second);
    }

    @Test
    void asksUpstreamOncePerPoll() {
        Scripted up = new Scripted();
        up.caughtUp();
        BackfillBarrier b = new BackfillBarrier(up, DRAIN, MAX_WAIT);
        b.poll(0);
        assertThat(up.asked).isEqualTo(1);
        for (long t = POLL; t < DRAIN; t += POLL) {
            b.poll(t);
        }
        assertThat(up.asked).as("the syncs are asked once a round").isEqualTo(1);
        b.poll(DRAIN);
        b.poll(DRAIN + POLL);
        assertThat(up.asked).isEqualTo(2);
    }

    @Test
    void aMetricsJobGroupWithNoOffsetsIsPassedOverButThisJobsOwnReadingIsNot() {
        Scripted up = new Scripted(); // nothing committed by either group
        BackfillBarrier b = new BackfillBarrier(up, DRAIN, MAX_WAIT);
        b.poll(0);
        assertThat(b.step()).as("unknown MetricsJob group: on to the drain").isEqualTo(Step.DRAIN);
        assertThat(b.poll(DRAIN)).isEqualTo(BackfillSettled.NONE);
        assertThat(b.step()).isEqualTo(Step.SELF);
        up.self.putAll(up.changelog);
        assertThat(b.poll(DRAIN + POLL).asOf()).isZero();
    }

    @Test
    void aMetricsJobThatNeverCatchesUpHoldsARoundAtMostTheMaximumWait() {
        Scripted up = new Scripted();
        up.metrics.put("in-0", 1L); // the group exists but is stuck
        BackfillBarrier b = new BackfillBarrier(up, DRAIN, MAX_WAIT);
        for (long t = 0; t < MAX_WAIT; t += 60_000) {
            assertThat(b.poll(t)).isEqualTo(BackfillSettled.NONE);
        }
        assertThat(b.poll(MAX_WAIT).asOf()).isZero();
    }

    @Test
    void anUpstreamThatCannotBeAskedIsAskedAgainAndDoesNotSettle() {
        Scripted up = new Scripted();
        up.failing = true;
        BackfillBarrier b = new BackfillBarrier(up, DRAIN, MAX_WAIT);
        assertThat(b.poll(0)).isEqualTo(BackfillSettled.NONE);
        assertThat(b.poll(POLL)).isEqualTo(BackfillSettled.NONE);
        assertThat(up.asked).isEqualTo(2);
        up.failing = false;
        up.caughtUp();
        assertThat(b.poll(2 * POLL)).isEqualTo(BackfillSettled.NONE);
        assertThat(b.poll(2 * POLL + DRAIN).asOf()).isEqualTo(2 * POLL);
    }

    @Test
    void anUpstreamThatCannotBeAskedAtAllHoldsARoundAtMostTheMaximumWait() {
        Scripted up = new Scripted();
        up.failing = true;
        BackfillBarrier b = new BackfillBarrier(up, DRAIN, MAX_WAIT);
        assertThat(b.poll(0)).isEqualTo(BackfillSettled.NONE);
        assertThat(b.poll(MAX_WAIT - POLL)).isEqualTo(BackfillSettled.NONE);
        BackfillSettled s = b.poll(MAX_WAIT);
        assertThat(s.asOf()).as("as of the round's start").isZero();
        assertThat(s.backfilling()).as("nobody known to be backfilling").isEmpty();
    }

    @Test
    void reachComparesCommittedOffsetsWithTheEndsPartitionByPartition() {
        assertThat(BackfillUpstream.reach(Map.of("t-0", 5L, "t-1", 0L), Map.of("t-0", 5L))).isEqualTo(Reach.REACHED);
        assertThat(BackfillUpstream.reach(Map.of("t-0", 5L), Map.of("t-0", 4L, "u-0", 9L))).isEqualTo(Reach.BEHIND);
        assertThat(BackfillUpstream.reach(Map.of("t-0", 5L), Map.of())).isEqualTo(Reach.UNKNOWN);
        assertThat(BackfillUpstream.reach(Map.of("t-0", 0L), Map.of())).as("nothing to read").isEqualTo(Reach.REACHED);
    }
}
