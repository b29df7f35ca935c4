package ai.omnify.ingest.upload;

import ai.omnify.ingest.sink.RecordSink;
import java.time.Duration;

/** Counts the sends of one request and their acknowledgements, so the request is answered only when all are in. */
final class Acks implements RecordSink.Callback {
    private final Runnable onFailure;
    private int pending;
    private int failed;
    private Exception firstFailure;

    /** @param onFailure run once per failed send (counts failures) */
    Acks(Runnable onFailure) {
        this.onFailure = onFailure;
    }

    /** Call before each send: the callback may run before the send returns. */
    synchronized void sending() {
        pending++;
    }

    @Override
    public void onComplete(Exception failure) {
        synchronized (this) {
            pending--;
            if (failure != null) {
                failed++;
                if (firstFailure == null) {
                    firstFailure = failure;
                }
            }
            notifyAll();
        }
        if (failure != null) {
            onFailure.run();
        }
    }

    synchronized boolean anyFailed() {
        return failed > 0;
    }

    synchronized int failed() {
        return failed;
    }

    synchronized int pending() {
        return pending;
    }

    synchronized Exception firstFailure() {
        return firstFailure;
    }

    /** Waits until every send is acknowledged or failed; false when the timeout passed first. */
    synchronized boolean awaitAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
