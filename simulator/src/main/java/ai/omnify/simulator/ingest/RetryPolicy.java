package ai.omnify.simulator.ingest;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Bounded retries with exponential backoff and full jitter: before retry {@code n} (1-based), wait a uniform random
 * time in [0, min(cap, base * 2^(n-1))]; a server's Retry-After, when longer, wins (still capped).
 *
 * @param maxAttempts attempts in all, the first included
 * @param requestTimeout how long one request may take before it counts as failed
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap, Duration connectTimeout,
        Duration requestTimeout) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(7, Duration.ofMillis(500), Duration.ofSeconds(20),
            Duration.ofSeconds(5), Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public Duration backoff(int retry, Duration retryAfter, RandomGenerator random) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(20, retry - 1));
        long wait = (long) (random.nextDouble() * (ceiling + 1));
        if (retryAfter != null) {
            wait = Math.max(wait, Math.min(cap.toMillis(), retryAfter.toMillis()));
        }
        return Duration.ofMillis(wait);
    }
}
