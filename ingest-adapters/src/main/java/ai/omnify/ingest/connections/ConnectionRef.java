package ai.omnify.ingest.connections;

import ai.omnify.model.Platform;
import java.util.UUID;

/**
 * A connection as the sync machinery and the webhooks see it before opening it: ids and state, no credentials.
 *
 * @param status {@code active}, {@code needs_reauth} or {@code disabled}
 * @param orgTimeZone the organization's time zone (IANA)
 * @param hasRuns whether any sync run was ever recorded (false: a new connection, due its first backfill)
 */
public record ConnectionRef(UUID id, UUID orgId, Platform platform, String account, String status, String orgTimeZone,
                            boolean hasRuns) {
    public static final String ACTIVE = "active";
    public static final String NEEDS_REAUTH = "needs_reauth";
    public static final String DISABLED = "disabled";

    public boolean isActive() {
        return ACTIVE.equals(status);
    }
}
