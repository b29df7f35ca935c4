package ai.omnify.ingest.platform;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Wait before retry {@code n} (1-based): the platform's own wait when it gave one (Retry-After, retryDelay), else
 * exponential backoff with full jitter: uniform in [0, min(max, initial x 2^(n-1))]. Pure.
 */
public record Backoff(Duration initial, Duration max) {
    public Backoff {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max, was " + initial + " and " + max);
        }
    }

    public Duration delay(int attempt, Duration platformAsked, DoubleSupplier random) {
        if (platformAsked != null) {
            return platformAsked.isNegative() ? Duration.ZERO : platformAsked;
        }
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling(attempt).toMillis()));
    }

    /** The upper bound of the jittered wait before retry {@code attempt}. */
    public Duration ceiling(int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long ms = initial.toMillis() << shift;
        return ms < 0 || ms > max.toMillis() ? max : Duration.ofMillis(ms);
    }
}
