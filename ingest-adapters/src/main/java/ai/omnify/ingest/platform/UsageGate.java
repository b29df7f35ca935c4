package ai.omnify.ingest.platform;

import java.time.Duration;

/**
 * Slows down before the platform says no: remembers the highest usage a platform reported (percent of the allowance,
 * Meta's usage headers) and, once it reaches the slow-down threshold, holds further calls until the usage window has
 * reset. A platform's explicit "regain access in N" holds calls for that long. Thread-safe; one per account.
 */
public final class UsageGate {
    private final int thresholdPercent;
    private long pausedUntilNanos;

    public UsageGate(int thresholdPercent) {
        this.thresholdPercent = thresholdPercent;
    }

    /**
     * @param percent the highest usage percentage in the response's headers
     * @param resetIn when the platform says the usage window resets (null: unknown)
     * @param fallbackPause how long to hold when over the threshold without a reset time
     */
    public synchronized void observe(double percent, Duration resetIn, Duration fallbackPause) {
        if (percent >= thresholdPercent) {
            Duration hold = resetIn != null && !resetIn.isZero() ? resetIn : fallbackPause;
            hold(hold);
        }
    }

    /** Holds every call for {@code d} from now (the platform asked for it). */
    public synchronized void hold(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        if (until - pausedUntilNanos > 0) {
            pausedUntilNanos = until;
        }
    }

    /** How long the next call must wait (zero when it may go now). */
    public synchronized Duration waitNeeded() {
        long left = pausedUntilNanos - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    public void await(Sleeper sleeper) throws InterruptedException {
        Duration d = waitNeeded();
        if (!d.isZero()) {
            sleeper.sleep(d);
        }
    }
}
