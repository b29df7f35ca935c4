package ai.omnify.api.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins counted per key (an email, a client address) in a fixed window: after {@code maxFailures} failures a
 * key is refused until its window ends, before any password is checked. A success clears the key. In memory, per
 * process (one query API per database here); bounded: windows that ended are dropped when the map grows.
 */
public final class LoginThrottle {
    private record Window(Instant start, int failures) {}

    private static final int MAX_KEYS = 100_000;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long the key is still refused, if it is. */
    public Optional<Duration> blockedFor(String key) {
        Instant now = clock.instant();
        Window w = windows.get(key);
        if (w == null || w.failures < maxFailures) {
            return Optional.empty();
        }
        Instant end = w.start.plus(window);
        return end.isAfter(now) ? Optional.of(Duration.between(now, end)) : Optional.empty();
    }

    public void failure(String key) {
        Instant now = clock.instant();
        if (windows.size() >= MAX_KEYS) {
            windows.values().removeIf(w -> !w.start.plus(window).isAfter(now));
        }
        windows.compute(key, (k, w) -> w == null || !w.start.plus(window).isAfter(now)
                ? new Window(now, 1) : new Window(w.start, w.failures + 1));
    }

    public void success(String key) {
        windows.remove(key);
    }
}
