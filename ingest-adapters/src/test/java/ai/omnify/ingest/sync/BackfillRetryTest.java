package ai.omnify.ingest.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.ingest.platform.Backoff;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A backfill that keeps meeting transient errors waits longer each time, never near zero, and outlives long outages. */
class BackfillRetryTest {
    private final SyncConfig defaults = SyncConfig.fromEnv(Map.of());
    private final Backoff backoff = new Backoff(defaults.backfillRetry(), SyncScheduler.BACKFILL_RETRY_CAP);

    @Test
    void theWaitDoublesWithJitterUpToTheCap() {
        assertThat(SyncScheduler.backfillWait(backoff, 1, () -> 0.0)).isEqualTo(Duration.ofSeconds(15));
        assertThat(SyncScheduler.backfillWait(backoff, 1, () -> 0.999)).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30));
        assertThat(SyncScheduler.backfillWait(backoff, 3, () -> 0.0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(SyncScheduler.backfillWait(backoff, 40, () -> 0.0)).isEqualTo(Duration.ofMinutes(15));
        assertThat(SyncScheduler.backfillWait(backoff, 40, () -> 0.999)).isLessThanOrEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void anOutageOfHoursDoesNotFailABackfillForGood() {
        // the shortest the attempts can add up to (every jitter at its minimum) before the run fails for good
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < defaults.backfillAttempts(); attempt++) {
            total = total.plus(SyncScheduler.backfillWait(backoff, attempt, () -> 0.0));
        }
        assertThat(total).isGreaterThan(Duration.ofHours(12));
    }
}
