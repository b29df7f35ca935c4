package ai.omnify.ingest.connections;

import ai.omnify.ingest.webhook.ConnectionDirectory;
import ai.omnify.model.Platform;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The webhooks' view of {@link ConnectionStore}, with look-ups remembered for {@link #TTL} (found or not), so a burst
 * of deliveries for one shop costs one query: a new connection receives webhooks at most this long after it is made.
 */
public final class StoreConnectionDirectory implements ConnectionDirectory {
    public static final Duration TTL = Duration.ofSeconds(30);
    private final ConnectionStore store;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<ConnectionRef> connection, Instant until) {}

    public StoreConnectionDirectory(ConnectionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Optional<ConnectionRef> find(Platform platform, String account) {
        String key = platform.wire() + "|" + account;
        Instant now = clock.instant();
        Cached c = cache.get(key);
        if (c != null && now.isBefore(c.until())) {
            return c.connection();
        }
        Optional<ConnectionRef> found = store.find(platform, account);
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(key, new Cached(found, now.plus(TTL)));
        return found;
    }

    @Override
    public void disable(ConnectionRef connection, String reason) {
        store.disable(connection.orgId(), connection.id(), reason, clock.instant());
        cache.remove(connection.platform().wire() + "|" + connection.account());
    }
}
