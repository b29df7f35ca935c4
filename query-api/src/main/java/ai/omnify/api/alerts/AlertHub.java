package ai.omnify.api.alerts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fan-out of alert records to the live connections of their organization. Each event gets a sequence number; the
 * last {@code bufferPerOrg} events of each organization are kept so a reconnecting client resumes after its
 * {@code Last-Event-ID} ({@code incarnation-seq}; an id of another incarnation of this server gets every buffered
 * event of the organization again — at least once). Publishing never blocks on a subscriber.
 */
public final class AlertHub {
    private final String incarnation = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong seq = new AtomicLong();
    private final int bufferPerOrg;
    private final int subscriberQueue;
    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Deque<StreamEvent>> recent = new ConcurrentHashMap<>();

    public AlertHub(int bufferPerOrg, int subscriberQueue) {
        this.bufferPerOrg = bufferPerOrg;
        this.subscriberQueue = subscriberQueue;
    }

    public String incarnation() {
        return incarnation;
    }

    /** Hands an alert record (its JSON) to every subscriber of its organization; never blocks. */
    public void publish(String orgId, String json) {
        StreamEvent e;
        Deque<StreamEvent> buffer = recent.computeIfAbsent(orgId, k -> new ArrayDeque<>());
        synchronized (buffer) {
            e = new StreamEvent(seq.incrementAndGet(), orgId, json);
            if (bufferPerOrg > 0) {
                buffer.addLast(e);
                while (buffer.size() > bufferPerOrg) {
                    buffer.removeFirst();
                }
            }
            // offers never block: a full queue closes that subscriber
            for (Subscriber s : subscribers.getOrDefault(orgId, Set.of())) {
                s.offer(e);
            }
        }
    }

    /**
     * Registers a subscriber of {@code orgId}; queues the buffered events after {@code lastEventId} first, then
     * starts its writer thread.
     */
    public Subscriber subscribe(String orgId, String lastEventId, Subscriber.Sink sink) {
        Subscriber s = new Subscriber(orgId, subscriberQueue, incarnation, sink);
        Set<Subscriber> set = subscribers.computeIfAbsent(orgId, k -> new CopyOnWriteArraySet<>());
        s.onClose(() -> set.remove(s));
        Deque<StreamEvent> buffer = recent.computeIfAbsent(orgId, k -> new ArrayDeque<>());
        List<StreamEvent> missed = new ArrayList<>();
        synchronized (buffer) {
            if (lastEventId != null) {
                long after = afterSeq(lastEventId);
                for (StreamEvent e : buffer) {
                    if (e.seq() > after) {
                        missed.add(e);
                    }
                }
            }
            // registered under the buffer's lock: no event falls between the replay and the live feed
            set.add(s);
            for (StreamEvent e : missed) {
                s.offer(e);
            }
        }
        Thread t = new Thread(null, s::drain, "alert-subscriber-" + orgId.substring(0, Math.min(8, orgId.length())),
                256 * 1024);
        t.setDaemon(true);
        t.start();
        return s;
    }

    /** The sequence after which to resume: the id's own when it is of this incarnation, else everything buffered. */
    long afterSeq(String lastEventId) {
        int dash = lastEventId.lastIndexOf('-');
        if (dash > 0 && lastEventId.substring(0, dash).equals(incarnation)) {
            try {
                return Long.parseLong(lastEventId.substring(dash + 1));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    public int subscriberCount() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }

    /** Live subscribers of one organization. */
    public int subscriberCount(String orgId) {
        return subscribers.getOrDefault(orgId, Set.of()).size();
    }

    public void closeAll() {
        subscribers.values().forEach(set -> set.forEach(s -> s.close("server stopping")));
    }
}
