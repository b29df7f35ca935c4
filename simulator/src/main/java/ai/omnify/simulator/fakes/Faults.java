package ai.omnify.simulator.fakes;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Fault modes of one fake platform, switchable at runtime ({@code POST /fake/<platform>/faults}). A fault is armed with
 * a mode, how many matching requests to let through first ({@code after}), and how many to spoil ({@code count}, -1 for
 * every one until cleared). Thread-safe.
 */
public final class Faults {
    /** What a spoiled request gets. */
    public enum Mode {
        /** the platform's rate-limit refusal (429, Meta code 17, TikTok 40100, Google RESOURCE_EXHAUSTED) */
        THROTTLE,
        /** HTTP 500/503 */
        ERROR_5XX,
        /** the answer comes after {@code delayMs} */
        SLOW,
        /** the token is expired or revoked */
        EXPIRED_TOKEN,
        /** a data page cut off in the middle of its JSON */
        MALFORMED,
        /** Meta: the next async report run fails; Shopify: the next bulk operation fails */
        ASYNC_FAIL,
        /** Meta: the next async report run never completes */
        ASYNC_STUCK,
        /** Meta: a sync insights request over more than one day times out (error 100/1504018: ask for less) */
        TOO_MUCH_DATA;

        public static Mode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown fault mode '" + s + "': use throttle, error_5xx, slow, "
                        + "expired_token, malformed, async_fail, async_stuck or too_much_data");
            }
        }
    }

    /** An armed fault. */
    public record Fault(Mode mode, int after, int count, long delayMs) {}

    private static final class Armed {
        final Mode mode;
        int skip;
        int left;
        final long delayMs;

        Armed(Fault f) {
            mode = f.mode();
            skip = Math.max(0, f.after());
            left = f.count() == 0 ? 1 : f.count();
            delayMs = f.delayMs();
        }
    }

    private final List<Armed> armed = new ArrayList<>();
    private final int[] fired = new int[Mode.values().length];

    public synchronized void arm(Fault f) {
        armed.add(new Armed(f));
    }

    public synchronized void clear() {
        armed.clear();
    }

    /** The request fault (THROTTLE, ERROR_5XX, SLOW, EXPIRED_TOKEN, MALFORMED) this request gets, or null. */
    public synchronized Fault onRequest() {
        return take(m -> m != Mode.ASYNC_FAIL && m != Mode.ASYNC_STUCK && m != Mode.TOO_MUCH_DATA);
    }

    /** Whether a fault of {@code mode} fires now (asked once per async run or bulk operation). */
    public synchronized boolean take(Mode mode) {
        return take(m -> m == mode) != null;
    }

    private Fault take(java.util.function.Predicate<Mode> which) {
        Fault result = null;
        for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
            Armed a = it.next();
            if (!which.test(a.mode)) {
                continue;
            }
            if (a.skip > 0) {
                a.skip--;
                continue;
            }
            if (result == null) {
                result = new Fault(a.mode, 0, 1, a.delayMs);
                fired[a.mode.ordinal()]++;
                if (a.left > 0 && --a.left == 0) {
                    it.remove();
                }
            }
        }
        return result;
    }

    /** How many times each mode fired. */
    public synchronized int fired(Mode mode) {
        return fired[mode.ordinal()];
    }
}
