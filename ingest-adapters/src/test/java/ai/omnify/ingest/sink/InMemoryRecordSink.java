package ai.omnify.ingest.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A sink for tests: keeps what it was sent, or fails sends from the n-th on, or never answers. */
public final class InMemoryRecordSink implements RecordSink {

    public record Sent(String topic, String key, String value) {}

    public enum Mode { ACK, FAIL, HANG }

    private final List<Sent> sent = new ArrayList<>();
    private final Mode mode;
    private final int failFrom;
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile boolean reachable = true;

    private InMemoryRecordSink(Mode mode, int failFrom) {
        this.mode = mode;
        this.failFrom = failFrom;
    }

    public static InMemoryRecordSink acking() {
        return new InMemoryRecordSink(Mode.ACK, Integer.MAX_VALUE);
    }

    /** Fails every send (as an unreachable broker would). */
    public static InMemoryRecordSink failing() {
        return new InMemoryRecordSink(Mode.FAIL, 0);
    }

    /** Acknowledges the first {@code n} sends, fails the rest. */
    public static InMemoryRecordSink failingAfter(int n) {
        return new InMemoryRecordSink(Mode.FAIL, n);
    }

    /** Takes sends and never acknowledges them. */
    public static InMemoryRecordSink hanging() {
        return new InMemoryRecordSink(Mode.HANG, 0);
    }

    @Override
    public void send(String topic, String key, String value, Callback callback) {
        int n = attempts.getAndIncrement();
        if (mode == Mode.HANG) {
            return;
        }
        if (mode == Mode.FAIL && n >= failFrom) {
            callback.onComplete(new IllegalStateException("broker unreachable (test)"));
            return;
        }
        synchronized (sent) {
            sent.add(new Sent(topic, key, value));
        }
        callback.onComplete(null);
    }

    public List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    public List<Sent> sentTo(String topic) {
        return sent().stream().filter(s -> s.topic().equals(topic)).toList();
    }

    public int attempts() {
        return attempts.get();
    }

    public void setReachable(boolean reachable) {
        this.reachable = reachable;
    }

    @Override
    public boolean isReachable() {
        return reachable;
    }
}
