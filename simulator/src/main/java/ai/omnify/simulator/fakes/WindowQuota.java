package ai.omnify.simulator.fakes;

import java.time.Clock;

/**
 * A fixed-window request allowance, as the platforms count calls: at most {@code limit} calls per window; the window
 * resets on multiples of its length. {@code limit} 0 means unlimited. Thread-safe.
 */
public final class WindowQuota {
    /** One call's outcome: allowed or not, usage after it (percent), and millis until the window resets. */
    public record Use(boolean allowed, double percent, long resetInMillis) {}

    private final Clock clock;
    private volatile int limit;
    private volatile long windowMillis;
    private long windowStart = Long.MIN_VALUE;
    private int used;

    public WindowQuota(Clock clock, int limit, long windowMillis) {
        this.clock = clock;
        this.limit = limit;
        this.windowMillis = Math.max(1, windowMillis);
    }

    public synchronized void set(int newLimit, long newWindowMillis) {
        limit = newLimit;
        windowMillis = Math.max(1, newWindowMillis);
        windowStart = Long.MIN_VALUE;
        used = 0;
    }

    public synchronized Use take() {
        long now = clock.millis();
        long start = now - Math.floorMod(now, windowMillis);
        if (start != windowStart) {
            windowStart = start;
            used = 0;
        }
        long reset = start + windowMillis - now;
        if (limit <= 0) {
            return new Use(true, 0, reset);
        }
        if (used >= limit) {
            return new Use(false, 100.0 * used / limit, reset);
        }
        used++;
        return new Use(true, 100.0 * used / limit, reset);
    }
}
