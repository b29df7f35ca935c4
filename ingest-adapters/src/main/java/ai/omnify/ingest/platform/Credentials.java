package ai.omnify.ingest.platform;

import ai.omnify.ingest.sync.PlatformException;
import ai.omnify.ingest.sync.SyncRequest;

/** Reading a connection's credentials: a missing one is a connection that needs to be authorized again. */
public final class Credentials {
    private Credentials() {}

    public static String required(SyncRequest r, String name) throws PlatformException.Permanent {
        String v = r.credentials().get(name);
        if (v == null || v.isBlank()) {
            throw new PlatformException.Permanent("the " + r.platform().wire() + " connection has no credential '"
                    + name + "': connect the account again", null);
        }
        return v;
    }

    public static String optional(SyncRequest r, String name, String fallback) {
        String v = r.credentials().get(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The key of a connection's circuit breaker and pacing state. */
    public static String connectionKey(SyncRequest r) {
        return r.platform().wire() + ":" + (r.connectionId() != null ? r.connectionId() : r.account());
    }
}
