package ai.omnify.simulator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(7, Duration.ofMillis(500), Duration.ofSeconds(20),
            Duration.ofSeconds(5), Duration.ofSeconds(60));

    @Property
    void backoffIsFullJitterUnderAnExponentialCeilingAndTheCap(@ForAll @IntRange(min = 1, max = 40) int retry,
            @ForAll long seed) {
        Duration d = policy.backoff(retry, null, new SplittableRandom(seed));
        long ceiling = Math.min(20_000, 500L << Math.min(20, retry - 1));
        assertThat(d.toMillis()).isBetween(0L, ceiling);
    }

    @Property
    void retryAfterIsHonouredUpToTheCap(@ForAll @IntRange(min = 1, max = 600) int seconds, @ForAll long seed) {
        Duration d = policy.backoff(1, Duration.ofSeconds(seconds), new SplittableRandom(seed));
        assertThat(d.toMillis()).isEqualTo(Math.min(20_000, seconds * 1000L));
    }
}
