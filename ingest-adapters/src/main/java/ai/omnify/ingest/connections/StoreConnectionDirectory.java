package ai.omnify.ingest.connections;

import ai.omnify.ingest.webhook.ConnectionDirectory;
import ai.omnify.model.Platform;
import java.time.Clock;
import java.util.Optional;

/** The webhooks' view of {@link ConnectionStore}. */
public final class StoreConnectionDirectory implements ConnectionDirectory {
    private final ConnectionStore store;
    private final Clock clock;

    public StoreConnectionDirectory(ConnectionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Optional<ConnectionRef> find(Platform platform, String account) {
        return store.find(platform, account);
    }

    @Override
    public void disable(ConnectionRef connection, String reason) {
        store.disable(connection.orgId(), connection.id(), reason, clock.instant());
    }
}
