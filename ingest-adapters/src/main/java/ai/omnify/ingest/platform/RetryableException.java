package ai.omnify.ingest.platform;

import java.time.Duration;

/**
 * A failure worth trying again: 429 or the platform's own throttling signal, 5xx, a timeout, a malformed page. Carries
 * the wait the platform asked for (Retry-After, retryDelay, estimated_time_to_regain_access) when it gave one.
 */
public final class RetryableException extends Exception {
    private final Duration retryAfter;
    private final boolean throttled;

    public RetryableException(String message, Duration retryAfter, boolean throttled, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.throttled = throttled;
    }

    public static RetryableException of(String message) {
        return new RetryableException(message, null, false, null);
    }

    public static RetryableException throttled(String message, Duration retryAfter) {
        return new RetryableException(message, retryAfter, true, null);
    }

    /** The wait the platform asked for, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whether this was a rate-limit refusal (as opposed to an outage or a bad page). */
    public boolean throttled() {
        return throttled;
    }
}
