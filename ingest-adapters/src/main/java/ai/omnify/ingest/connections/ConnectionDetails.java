package ai.omnify.ingest.connections;

import ai.omnify.model.Platform;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/**
 * An opened connection: what a sync needs. {@code credentials} are decrypted; never log them ({@link #toString} does not).
 *
 * @param zone the account's time zone when known, else the organization's
 * @param currency the account's currency when known, else null
 */
public record ConnectionDetails(UUID id, UUID orgId, Platform platform, String account, String status, ZoneId zone,
                                ZoneId orgZone, String currency, Map<String, String> credentials) {
    public ConnectionDetails {
        credentials = Map.copyOf(credentials);
    }

    public boolean isActive() {
        return ConnectionRef.ACTIVE.equals(status);
    }

    @Override
    public String toString() {
        return "ConnectionDetails[" + id + ", org " + orgId + ", " + platform.wire() + " " + account + ", " + status + "]";
    }
}
