package ai.omnify.jobs.brain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Brain versions stay monotonic across a restore from a checkpoint older than the stored versions. */
class BrainVersionTest {

    @Test
    void aRestoreBehindTheStoredVersionsContinuesAfterTheNewestStoredOne() {
        // the checkpoint has version 3; versions 4..7 were stored after it, before the crash
        assertThat(BrainFn.nextVersion(3L, true, () -> 7L)).isEqualTo(8);
    }

    @Test
    void aFreshStartContinuesAfterTheStoredVersions() {
        assertThat(BrainFn.nextVersion(null, true, () -> 12L)).isEqualTo(13);
        assertThat(BrainFn.nextVersion(null, false, () -> 12L)).isEqualTo(13);
    }

    @Test
    void afterTheFirstVersionSinceStartTheStateAloneCounts() {
        AtomicInteger reads = new AtomicInteger();
        assertThat(BrainFn.nextVersion(8L, false, () -> {
            reads.incrementAndGet();
            return 5L;
        })).isEqualTo(9);
        assertThat(reads).hasValue(0);
    }

    @Test
    void aStoreBehindTheStateNeverLowersTheVersion() {
        // the sink had not written the last versions yet when the job restarted
        assertThat(BrainFn.nextVersion(10L, true, () -> 8L)).isEqualTo(11);
    }
}
