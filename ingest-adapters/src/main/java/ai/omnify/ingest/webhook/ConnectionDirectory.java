package ai.omnify.ingest.webhook;

import ai.omnify.ingest.connections.ConnectionRef;
import ai.omnify.model.Platform;
import java.util.Optional;

/** How a webhook finds its organization: through the connection of the account it names. */
public interface ConnectionDirectory {
    Optional<ConnectionRef> find(Platform platform, String account);

    /** Disables the connection (e.g. Shopify app/uninstalled): its polling stops. */
    void disable(ConnectionRef connection, String reason);
}
