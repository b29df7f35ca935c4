package ai.omnify.ingest.platform;

import java.time.Duration;

/**
 * Spaces requests to a platform that publishes no usage figures (Google Ads, TikTok): at most {@code rate} requests per
 * second, and after each rate-limit refusal half the rate (never below {@code minRate}): the refusal is the signal, the
 * client does not wait for a second one. Thread-safe; one per account.
 */
public final class RequestPacer {
    private final double minRate;
    private double rate;
    private long nextNanos;
    private long holdUntilNanos;

    public RequestPacer(double rate, double minRate) {
        if (rate <= 0 || minRate <= 0) {
            throw new IllegalArgumentException("rates must be positive");
        }
        this.rate = rate;
        this.minRate = Math.min(minRate, rate);
    }

    /** Waits for this request's turn. */
    public void acquire(Sleeper sleeper) throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long at = Math.max(Math.max(now, nextNanos), holdUntilNanos);
            nextNanos = at + (long) (1e9 / rate);
            wait = at - now;
        }
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }

    /** The platform refused for rate: halve the rate and hold requests for {@code pause} (null: none). */
    public synchronized void throttled(Duration pause) {
        rate = Math.max(minRate, rate / 2);
        if (pause != null) {
            holdUntilNanos = Math.max(holdUntilNanos, System.nanoTime() + pause.toNanos());
        }
    }

    public synchronized double rate() {
        return rate;
    }
}
