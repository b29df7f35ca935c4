package ai.omnify.jobs.detection;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.detection.BackfillBarrier.Step;
import ai.omnify.jobs.detection.BackfillUpstream.Reach;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackfillBarrierTest {
    private static final String ORG = "org-1";
    private static final long DRAIN = 30_000;
    private static final long POLL = 1_000;
    private static final long MAX_WAIT = 600_000;

    /** Upstream as a test sets it: offsets per topic-partition, committed per group. */
    private static final class Scripted implements BackfillUpstream {
        boolean syncing;
        boolean failing;
        final Map<String, Long> inputs = new HashMap<>(Map.of("in-0", 100L, "in-1", 50L));
        final Map<String, Long> changelog = new HashMap<>(Map.of("cl-0", 10L));
        final Map<String, Long> metrics = new HashMap<>();
        final Map<String, Long> self = new HashMap<>();
        int asked;

        @Override
        public boolean backfillRunning(String orgId) throws Exception {
            asked++;
            if (failing) {
                throw new IllegalStateException("broker down");
            }
            return syncing;
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
    }

    @Test
    void settlesOnlyAfterTheSyncsTheMetricsJobADrainAndThisJobHaveAllCaughtUp() {
        Scripted up = new Scripted();
        BackfillBarrier b = new BackfillBarrier(up, DRAIN, POLL, MAX_WAIT);
        long t = 0;
        up.metrics.put("in-0", 0L); // the MetricsJob's group exists, and has read nothing of the backfill yet
        up.syncing = true;
        assertThat(b.settled(ORG, t)).isFalse();
        assertThat(b.step(ORG)).isEqualTo(Step.SYNCS);
        up.syncing = false;
        assertThat(b.settled(ORG, t += POLL)).isFalse();
        assertThat(b.step(ORG)).as("input ends taken; the MetricsJob has read none of them").isEqualTo(Step.METRICS);
        // inputs keep growing (live traffic); the MetricsJob only needs to pass the ends as they were
        up.inputs.put("in-0", 500L);
        up.metrics.putAll(Map.of("in-0", 100L, "in-1", 49L));
        assertThat(b.settled(ORG, t += POLL)).isFalse();
        up.metrics.put("in-1", 50L);
        assertThat(b.settled(ORG, t += POLL)).isFalse();
        assertThat(b.step(ORG)).isEqualTo(Step.DRAIN);
        long drainFrom = t;
        up.changelog.put("cl-0", 40L); // the MetricsJob's last rows, written during the drain
        assertThat(b.settled(ORG, drainFrom + DRAIN - POLL)).isFalse();
        up.self.put("cl-0", 39L);
        assertThat(b.settled(ORG, drainFrom + DRAIN)).isFalse();
        assertThat(b.step(ORG)).as("changelog ends taken after the drain").isEqualTo(Step.SELF);
        up.self.put("cl-0", 40L);
        assertThat(b.settled(ORG, drainFrom + DRAIN + POLL)).isTrue();
        assertThat(b.settled(ORG, drainFrom + DRAIN + POLL + 5_000)).as("other keys of the organization, soon after")
                .isTrue();
    }

    @Test
    void asksUpstreamAtMostOncePerPollPerOrganization() {
        Scripted up = new Scripted();
        up.syncing = true;
        BackfillBarrier b = new BackfillBarrier(up, DRAIN, POLL, MAX_WAIT);
        for (int i = 0; i < 100; i++) {
            b.settled(ORG, 10 * i); // 100 keys' timers within one second
        }
        assertThat(up.asked).isEqualTo(1);
        b.settled(ORG, POLL);
        assertThat(up.asked).isEqualTo(2);
        b.settled("org-2", POLL);
        assertThat(up.asked).isEqualTo(3);
    }

    @Test
    void aLaterBackfillOfTheSameOrganizationIsWaitedForAgain() {
        Scripted up = new Scripted();
        up.metrics.putAll(up.inputs);
        up.self.putAll(up.changelog);
        BackfillBarrier b = new BackfillBarrier(up, DRAIN, POLL, MAX_WAIT);
        assertThat(b.settled(ORG, 0)).isFalse();
        assertThat(b.settled(ORG, DRAIN)).isTrue();
        // an hour later a new connection's backfill: its windows wait again
        up.syncing = true;
        assertThat(b.settled(ORG, 3_600_000)).isFalse();
        assertThat(b.step(ORG)).isEqualTo(Step.SYNCS);
    }

    @Test
    void aMetricsJobGroupWithNoOffsetsIsPassedOverButThisJobsOwnReadingIsNot() {
        Scripted up = new Scripted(); // nothing committed by either group
        BackfillBarrier b = new BackfillBarrier(up, DRAIN, POLL, MAX_WAIT);
        assertThat(b.settled(ORG, 0)).isFalse();
        assertThat(b.step(ORG)).as("unknown MetricsJob group: on to the drain").isEqualTo(Step.DRAIN);
        assertThat(b.settled(ORG, DRAIN)).isFalse();
        assertThat(b.step(ORG)).isEqualTo(Step.SELF);
        up.self.putAll(up.changelog);
        assertThat(b.settled(ORG, DRAIN + POLL)).isTrue();
    }

    @Test
    void aMetricsJobThatNeverCatchesUpHoldsTheWindowsAtMostTheMaximumWaitAfterTheSyncs() {
        Scripted up = new Scripted();
        up.metrics.put("in-0", 1L); // the group exists but is stuck
        up.syncing = true;
        BackfillBarrier b = new BackfillBarrier(up, DRAIN, POLL, MAX_WAIT);
        for (long t = 0; t <= 2 * MAX_WAIT; t += 60_000) {
            assertThat(b.settled(ORG, t)).as("a running backfill is waited for however long").isFalse();
        }
        up.syncing = false;
        long syncsDone = 2 * MAX_WAIT + 60_000;
        assertThat(b.settled(ORG, syncsDone)).isFalse();
        assertThat(b.settled(ORG, syncsDone + MAX_WAIT - POLL)).isFalse();
        assertThat(b.settled(ORG, syncsDone + MAX_WAIT)).isTrue();
    }

    @Test
    void anUpstreamThatCannotBeAskedIsAskedAgainAndDoesNotSettle() {
        Scripted up = new Scripted();
        up.failing = true;
        BackfillBarrier b = new BackfillBarrier(up, DRAIN, POLL, MAX_WAIT);
        assertThat(b.settled(ORG, 0)).isFalse();
        assertThat(b.settled(ORG, POLL)).isFalse();
        assertThat(up.asked).isEqualTo(2);
        up.failing = false;
        up.metrics.putAll(up.inputs);
        up.self.putAll(up.changelog);
        assertThat(b.settled(ORG, 2 * POLL)).isFalse();
        assertThat(b.settled(ORG, 2 * POLL + DRAIN)).isTrue();
    }

    @Test
    void anUpstreamThatCannotBeAskedAtAllHoldsTheWindowsAtMostTheMaximumWait() {
        Scripted up = new Scripted();
        up.failing = true;
        BackfillBarrier b = new BackfillBarrier(up, DRAIN, POLL, MAX_WAIT);
        assertThat(b.settled(ORG, 0)).isFalse();
        assertThat(b.settled(ORG, MAX_WAIT - POLL)).isFalse();
        assertThat(b.settled(ORG, MAX_WAIT)).isTrue();
    }

    @Test
    void organizationsSettledLongAgoAreForgottenOnceAThousandAreKnown() {
        Scripted up = new Scripted();
        up.metrics.putAll(up.inputs);
        up.self.putAll(up.changelog);
        BackfillBarrier b = new BackfillBarrier(up, DRAIN, 0, MAX_WAIT);
        for (int i = 0; i < BackfillBarrier.FORGET_FROM; i++) {
            b.settled("org-" + i, 0);
            assertThat(b.settled("org-" + i, DRAIN)).isTrue();
        }
        b.settled("busy", 0);
        b.settled("new", 2 * DRAIN + 1);
        assertThat(b.step("org-0")).isNull();
        assertThat(b.step("busy")).as("not settled: kept").isEqualTo(Step.DRAIN);
        assertThat(b.step("new")).isNotNull();
    }

    @Test
    void reachComparesCommittedOffsetsWithTheEndsPartitionByPartition() {
        assertThat(BackfillUpstream.reach(Map.of("t-0", 5L, "t-1", 0L), Map.of("t-0", 5L))).isEqualTo(Reach.REACHED);
        assertThat(BackfillUpstream.reach(Map.of("t-0", 5L), Map.of("t-0", 4L, "u-0", 9L))).isEqualTo(Reach.BEHIND);
        assertThat(BackfillUpstream.reach(Map.of("t-0", 5L), Map.of())).isEqualTo(Reach.UNKNOWN);
        assertThat(BackfillUpstream.reach(Map.of("t-0", 0L), Map.of())).as("nothing to read").isEqualTo(Reach.REACHED);
    }
}
