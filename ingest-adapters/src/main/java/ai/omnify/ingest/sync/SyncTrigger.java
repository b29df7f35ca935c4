package ai.omnify.ingest.sync;

import java.util.UUID;

/** Asks for a connection's poll to run now (a webhook said something changed). */
@FunctionalInterface
public interface SyncTrigger {
    void pollSoon(UUID orgId, UUID connectionId);

    SyncTrigger NONE = (orgId, connectionId) -> {};
}
