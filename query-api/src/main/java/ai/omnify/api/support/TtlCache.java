package ai.omnify.api.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A small in-memory cache whose entries expire after a time to live chosen per value. Bounded: when it holds more than
 * {@code maxEntries}, expired entries are dropped, and if that is not enough, all of them. Two threads missing the
 * same key at once may both load it; the loader must be idempotent.
 */
public final class TtlCache<K, V> {
    private record Entry<V>(V value, long expiresAtNanos) {}

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final LongSupplier nanoTime;

    public TtlCache(int maxEntries, LongSupplier nanoTime) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    public TtlCache(int maxEntries) {
        this(maxEntries, System::nanoTime);
    }

    /** The cached value, or the loaded one, kept for {@code ttlOf(value)} (zero or less: not kept). */
    public V get(K key, Function<K, V> loader, Function<V, Duration> ttlOf) {
        long now = nanoTime.getAsLong();
        Entry<V> e = entries.get(key);
        if (e != null && now - e.expiresAtNanos < 0) {
            return e.value;
        }
        V value = loader.apply(key);
        Duration ttl = ttlOf.apply(value);
        if (ttl != null && !ttl.isZero() && !ttl.isNegative()) {
            if (entries.size() >= maxEntries) {
                evict(now);
            }
            entries.put(key, new Entry<>(value, now + ttl.toNanos()));
        } else if (e != null) {
            entries.remove(key, e);
        }
        return value;
    }

    public void invalidate(K key) {
        entries.remove(key);
    }

    public int size() {
        return entries.size();
    }

    private void evict(long now) {
        entries.values().removeIf(e -> now - e.expiresAtNanos >= 0);
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
    }
}
