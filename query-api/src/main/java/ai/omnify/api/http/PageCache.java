package ai.omnify.api.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A micro-cache of serialized pages: the same request (same organization, same validated parameters) within a short
 * time to live is answered from memory, and concurrent identical requests share one query (single flight). Dashboards
 * of one organization poll the same ranges; this keeps them off the database while bounding staleness to the TTL.
 * Keys must include the organization. Failures are not cached. Bounded by entry count and total bytes.
 */
public final class PageCache {
    private record Entry(CompletableFuture<JsonPage> page, long expiresAtNanos) {}

    private final Map<Object, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long ttlNanos;
    private final int maxEntries;
    private final long maxBytes;
    private final LongSupplier nanoTime;

    public PageCache(Duration ttl, int maxEntries, long maxBytes, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.nanoTime = nanoTime;
    }

    public PageCache(Duration ttl) {
        this(ttl, 1000, 64L * 1024 * 1024, System::nanoTime);
    }

    /** No caching at all. */
    public static PageCache disabled() {
        return new PageCache(Duration.ZERO);
    }

    public JsonPage get(Object key, Supplier<JsonPage> loader) {
        if (ttlNanos <= 0) {
            return loader.get();
        }
        long now = nanoTime.getAsLong();
        Entry current = entries.get(key);
        if (current != null && now - current.expiresAtNanos < 0) {
            return join(current.page);
        }
        Entry mine = new Entry(new CompletableFuture<>(), now + ttlNanos);
        Entry winner = entries.compute(key, (k, old) -> {
            if (old != null && now - old.expiresAtNanos < 0) {
                return old;
            }
            if (old != null) {
                release(old);
            }
            return mine;
        });
        if (winner != mine) {
            return join(winner.page);
        }
        try {
            JsonPage page = loader.get();
            mine.page.complete(page);
            if (bytes.addAndGet(page.body().length) > maxBytes || entries.size() > maxEntries) {
                evict(now);
            }
            return page;
        } catch (RuntimeException | Error e) {
            entries.remove(key, mine);
            mine.page.completeExceptionally(e);
            throw e;
        }
    }

    public int size() {
        return entries.size();
    }

    /** Drops expired entries, and everything if still over a bound; then recounts the bytes held. */
    private synchronized void evict(long now) {
        entries.values().removeIf(e -> now - e.expiresAtNanos >= 0);
        if (heldBytes() > maxBytes || entries.size() > maxEntries) {
            entries.clear();
        }
        bytes.set(heldBytes());
    }

    private long heldBytes() {
        long sum = 0;
        for (Entry e : entries.values()) {
            sum += size(e);
        }
        return sum;
    }

    private void release(Entry e) {
        bytes.addAndGet(-size(e));
    }

    private static long size(Entry e) {
        if (!e.page.isDone() || e.page.isCompletedExceptionally()) {
            return 0;
        }
        return e.page.join().body().length;
    }

    private static JsonPage join(CompletableFuture<JsonPage> page) {
        try {
            return page.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
