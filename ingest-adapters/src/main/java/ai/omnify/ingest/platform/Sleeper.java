package ai.omnify.ingest.platform;

import java.time.Duration;

/** How the clients wait (pacing, async report polls). Tests may count waits; production sleeps. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
        }
    };

    void sleep(Duration d) throws InterruptedException;
}
