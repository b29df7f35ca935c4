package ai.omnify.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
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
import java.util.function.Function;

/**
 * Authenticates API keys against an {@link ApiKeyStore}, remembering answers for a short time: found keys for the TTL
 * (so a busy client costs one lookup per TTL, and a revoked key stops working within it) and unknown keys for at most
 * {@link #MAX_UNKNOWN_TTL} (so hammering with a bad key does not reach the database, and a new key works at once).
 * Tokens that cannot be keys are refused without a lookup; keys are held only as their SHA-256. Store failures are not
 * remembered. Marks a key as used at most once a minute, off the request thread.
 */
public final class CachingApiKeyAuthenticator implements ApiKeyAuthenticator {
    static final Duration USE_INTERVAL = Duration.ofMinutes(1);
    static final Duration MAX_UNKNOWN_TTL = Duration.ofSeconds(5);
    static final int MAX_ENTRIES = 10_000;

    private final ApiKeyStore store;
    private final InstantSource clock;
    private final Duration ttl;
    private final Duration unknownTtl;
    private final Executor useExecutor;
    private final ExecutorService ownedExecutor;
    private final Map<String, Cached> known = new ConcurrentHashMap<>();
    private final Map<String, Instant> unknown = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> lastUse = new ConcurrentHashMap<>();

    private record Cached(ApiPrincipal principal, Instant expires) {}

    /** With its own background thread for marking keys as used. */
    public CachingApiKeyAuthenticator(ApiKeyStore store, InstantSource clock, Duration ttl) {
        this(store, clock, ttl, null);
    }

    /** With the given executor for marking keys as used (tests pass {@code Runnable::run}). */
    public CachingApiKeyAuthenticator(ApiKeyStore store, InstantSource clock, Duration ttl, Executor useExecutor) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.unknownTtl = ttl.compareTo(MAX_UNKNOWN_TTL) < 0 ? ttl : MAX_UNKNOWN_TTL;
        if (useExecutor == null) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(1_000), r -> {
                        Thread t = new Thread(r, "api-key-last-used");
                        t.setDaemon(true);
                        return t;
                    }, new ThreadPoolExecutor.DiscardPolicy());
            this.ownedExecutor = pool;
            this.useExecutor = pool;
        } else {
            this.ownedExecutor = null;
            this.useExecutor = useExecutor;
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
            found = store.find(hash);
            remember(hash, found, now);
        }
        found.ifPresent(p -> recordUseIfDue(p, now));
        return found;
    }

    /** Forgets what is remembered for a key (by its SHA-256 hex): a key revoked through this process stops at once. */
    public void forget(String keyHash) {
        known.remove(keyHash);
        unknown.remove(keyHash);
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
        if (found.isPresent()) {
            if (!ttl.isZero()) {
                bound(known, now, Cached::expires);
                known.put(hash, new Cached(found.get(), now.plus(ttl)));
            }
        } else if (!unknownTtl.isZero()) {
            bound(unknown, now, e -> e);
            unknown.put(hash, now.plus(unknownTtl));
        }
    }

    /** Keeps a cache under {@link #MAX_ENTRIES}: drops expired entries, and everything if that is not enough. */
    private static <V> void bound(Map<String, V> cache, Instant now, Function<V, Instant> expiry) {
        if (cache.size() < MAX_ENTRIES) {
            return;
        }
        cache.values().removeIf(v -> !expiry.apply(v).isAfter(now));
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
    }

    private void recordUseIfDue(ApiPrincipal principal, Instant now) {
        boolean[] due = {false};
        lastUse.compute(principal.keyId(), (id, last) -> {
            if (last == null || !last.plus(USE_INTERVAL).isAfter(now)) {
                due[0] = true;
                return now;
            }
            return last;
        });
        if (due[0]) {
            if (lastUse.size() > MAX_ENTRIES) {
                lastUse.clear();
            }
            useExecutor.execute(() -> store.recordUse(principal));
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
