package ai.omnify.ingest.auth;

import ai.omnify.server.auth.ApiKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Authenticates API keys against a {@link ApiKeyStore}, remembering answers for a short time: found keys (so a busy
 * client costs one lookup per TTL) and unknown keys (so hammering with a bad key does not reach the database). Keys are
 * held only as their SHA-256. Marks a key as used at most once a minute, off the request thread.
 */
public final class CachingApiKeyAuthenticator implements ApiKeyAuthenticator {
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    static final int MAX_ENTRIES = 10_000;

    private final ApiKeyStore store;
    private final Clock clock;
    private final Duration ttl;
    private final Executor touchExecutor;
    private final ExecutorService ownedExecutor;
    private final Map<String, Cached> known = new ConcurrentHashMap<>();
    private final Map<String, Instant> unknown = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> lastTouched = new ConcurrentHashMap<>();

    private record Cached(ApiPrincipal principal, Instant expires) {}

    /** With its own background thread for marking keys as used. */
    public CachingApiKeyAuthenticator(ApiKeyStore store, Clock clock, Duration ttl) {
        this(store, clock, ttl, null);
    }

    /** With the given executor for marking keys as used (tests pass {@code Runnable::run}). */
    public CachingApiKeyAuthenticator(ApiKeyStore store, Clock clock, Duration ttl, Executor touchExecutor) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (touchExecutor == null) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(1_000), r -> {
                        Thread t = new Thread(r, "api-key-last-used");
                        t.setDaemon(true);
                        return t;
                    }, new ThreadPoolExecutor.DiscardPolicy());
            this.ownedExecutor = pool;
            this.touchExecutor = pool;
        } else {
            this.ownedExecutor = null;
            this.touchExecutor = touchExecutor;
        }
    }

    @Override
    public Optional<ApiPrincipal> authenticate(String apiKey) {
        if (!ApiKeys.looksValid(apiKey)) {
            return Optional.empty();
        }
        String hash = ApiKeys.hash(apiKey);
        Instant now = clock.instant();
        Optional<ApiPrincipal> found = cached(hash, now);
        if (found == null) {
            found = store.findByHash(hash);
            remember(hash, found, now);
        }
        found.ifPresent(p -> touchIfDue(p, now));
        return found;
    }

    /** The remembered answer, or null when there is none (or it expired). */
    private Optional<ApiPrincipal> cached(String hash, Instant now) {
        Cached hit = known.get(hash);
        if (hit != null) {
            if (hit.expires().isAfter(now)) {
                return Optional.of(hit.principal());
            }
            known.remove(hash, hit);
        }
        Instant unknownUntil = unknown.get(hash);
        if (unknownUntil != null) {
            if (unknownUntil.isAfter(now)) {
                return Optional.empty();
            }
            unknown.remove(hash, unknownUntil);
        }
        return null;
    }

    private void remember(String hash, Optional<ApiPrincipal> found, Instant now) {
        if (ttl.isZero()) {
            return;
        }
        Instant expires = now.plus(ttl);
        if (found.isPresent()) {
            bound(known, now, c -> c.expires());
            known.put(hash, new Cached(found.get(), expires));
        } else {
            bound(unknown, now, e -> e);
            unknown.put(hash, expires);
        }
    }

    /** Keeps a cache under {@link #MAX_ENTRIES}: drops expired entries, and everything if that is not enough. */
    private static <V> void bound(Map<String, V> cache, Instant now, java.util.function.Function<V, Instant> expiry) {
        if (cache.size() < MAX_ENTRIES) {
            return;
        }
        cache.values().removeIf(v -> !expiry.apply(v).isAfter(now));
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
    }

    private void touchIfDue(ApiPrincipal principal, Instant now) {
        boolean[] due = {false};
        lastTouched.compute(principal.keyId(), (id, last) -> {
            if (last == null || !last.plus(TOUCH_INTERVAL).isAfter(now)) {
                due[0] = true;
                return now;
            }
            return last;
        });
        if (due[0]) {
            if (lastTouched.size() > MAX_ENTRIES) {
                lastTouched.clear();
            }
            touchExecutor.execute(() -> store.touch(principal));
        }
    }

    @Override
    public boolean isReachable() {
        return store.isReachable();
    }

    @Override
    public void close() {
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
            try {
                ownedExecutor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
