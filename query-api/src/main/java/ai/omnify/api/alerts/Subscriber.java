package ai.omnify.api.alerts;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One live connection (SSE or WebSocket) of one organization. The hub only ever offers events to its bounded queue
 * (never blocks); the subscriber's own thread writes them to the socket. A subscriber whose queue is full is too slow:
 * it is closed (it can reconnect and resume with Last-Event-ID), so it never holds back the others or the consumer.
 */
public final class Subscriber {
    /** Writes one event to the client; throws when the connection is gone. */
    @FunctionalInterface
    public interface Sink {
        void send(String eventId, StreamEvent event) throws Exception;
    }

    private final String orgId;
    private final BlockingQueue<StreamEvent> queue;
    private final Sink sink;
    private final String incarnation;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Runnable onClose = () -> {};
    private volatile String closeReason;

    public Subscriber(String orgId, int capacity, String incarnation, Sink sink) {
        this.orgId = orgId;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.incarnation = incarnation;
        this.sink = sink;
    }

    public String orgId() {
        return orgId;
    }

    /** Non-blocking: false (and the subscriber closed) when it is too far behind. */
    boolean offer(StreamEvent e) {
        if (closed.get()) {
            return false;
        }
        if (!queue.offer(e)) {
            close("too slow: more than " + (queue.size() + queue.remainingCapacity()) + " events behind");
            return false;
        }
        return true;
    }

    /** Writes queued events until closed; runs on the subscriber's own thread. */
    void drain() {
        try {
            while (!closed.get()) {
                StreamEvent e = queue.poll(15, TimeUnit.SECONDS);
                if (e == null) {
                    sink.send(null, null); // keep-alive
                    continue;
                }
                sink.send(incarnation + "-" + e.seq(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            close("connection gone: " + e.getClass().getSimpleName());
        } finally {
            close(closeReason == null ? "closed" : closeReason);
        }
    }

    public void onClose(Runnable r) {
        this.onClose = r;
    }

    public void close(String reason) {
        if (closed.compareAndSet(false, true)) {
            closeReason = reason;
            onClose.run();
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    public String closeReason() {
        return closeReason;
    }
}
