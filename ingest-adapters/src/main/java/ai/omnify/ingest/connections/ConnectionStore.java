package ai.omnify.ingest.connections;

import ai.omnify.model.Platform;
import ai.omnify.server.crypto.CredentialCipher;
import ai.omnify.server.crypto.SealedCredentials;
import ai.omnify.server.db.TenantDb;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Connections ({@code api_credentials}) as the ingest service uses them: listed and found through SECURITY DEFINER
 * functions (ids and states only), opened and updated in a transaction scoped to their organization.
 */
public class ConnectionStore {
    private static final int MAX_ERROR = 1000;
    private final TenantDb tx;
    private final CredentialCipher cipher;

    public ConnectionStore(TenantDb tx, CredentialCipher cipher) {
        this.tx = tx;
        this.cipher = cipher;
    }

    /** Every connection of every organization (ids and states). */
    public List<ConnectionRef> all() {
        return tx.withoutOrg(c -> {
            List<ConnectionRef> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM omnify_sync_connections()");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<Platform> p = Platform.parse(rs.getString("platform"));
                    if (p.isEmpty()) {
                        continue;
                    }
                    out.add(new ConnectionRef(rs.getObject("connection_id", UUID.class),
                            rs.getObject("organization_id", UUID.class), p.get(), rs.getString("account"),
                            rs.getString("status"), rs.getString("org_time_zone"), rs.getBoolean("has_runs")));
                }
            }
            return out;
        });
    }

    /** The connection of a platform account, in any organization (for webhooks, which name only the account). */
    public Optional<ConnectionRef> find(Platform platform, String account) {
        return tx.withoutOrg(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM omnify_find_connection(?, ?)")) {
                ps.setString(1, platform.wire());
                ps.setString(2, account);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ConnectionRef(rs.getObject("connection_id", UUID.class),
                            rs.getObject("organization_id", UUID.class), platform, account, rs.getString("status"),
                            null, true));
                }
            }
        });
    }

    /**
     * Opens a connection of the organization.
     *
     * @throws CredentialCipher.CredentialException when its credentials do not open
     */
    public Optional<ConnectionDetails> load(UUID orgId, UUID connectionId) {
        return tx.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT c.platform, c.account, c.status, c.credentials::text AS credentials, c.time_zone, c.currency,"
                            + " o.time_zone AS org_time_zone FROM api_credentials c JOIN organizations o"
                            + " ON o.id = c.organization_id WHERE c.id = ? AND c.organization_id = ?")) {
                ps.setObject(1, connectionId);
                ps.setObject(2, orgId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Platform platform = Platform.fromWire(rs.getString("platform"));
                    String account = rs.getString("account");
                    ZoneId orgZone = zone(rs.getString("org_time_zone"), ZoneOffset.UTC);
                    String stored = rs.getString("credentials");
                    Map<String, String> creds = SealedCredentials.open(cipher, orgId, platform.wire(), account, stored);
                    if (cipher.needsResealing(SealedCredentials.sealed(stored))) {
                        reseal(c, orgId, connectionId, platform, account, creds); // key rotation: move to the current key
                    }
                    return Optional.of(new ConnectionDetails(connectionId, orgId, platform, account,
                            rs.getString("status"), zone(rs.getString("time_zone"), orgZone), orgZone,
                            rs.getString("currency"), creds));
                }
            }
        });
    }

    private void reseal(java.sql.Connection c, UUID orgId, UUID connectionId, Platform platform, String account,
                        Map<String, String> creds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE api_credentials SET credentials = ?::jsonb, key_id = ?"
                + " WHERE id = ? AND organization_id = ?")) {
            ps.setString(1, SealedCredentials.seal(cipher, orgId, platform.wire(), account, creds));
            ps.setString(2, cipher.currentKeyId());
            ps.setObject(3, connectionId);
            ps.setObject(4, orgId);
            ps.executeUpdate();
        }
    }

    /** Marks the connection {@code needs_reauth}; true when it was not already. */
    public boolean markNeedsReauth(UUID orgId, UUID connectionId, String reason, Instant at) {
        return setStatus(orgId, connectionId, ConnectionRef.NEEDS_REAUTH, reason, at) > 0;
    }

    /** Marks the connection {@code disabled} (e.g. the Shopify app was uninstalled); true when it was not already. */
    public boolean disable(UUID orgId, UUID connectionId, String reason, Instant at) {
        return setStatus(orgId, connectionId, ConnectionRef.DISABLED, reason, at) > 0;
    }

    private int setStatus(UUID orgId, UUID connectionId, String status, String reason, Instant at) {
        return tx.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_credentials SET status = ?, is_active = false,"
                    + " status_reason = ?, last_error = ?, last_error_at = ?, updated_at = ? WHERE id = ?"
                    + " AND organization_id = ? AND status <> ?")) {
                ps.setString(1, status);
                ps.setString(2, clip(reason));
                ps.setString(3, clip(reason));
                ps.setTimestamp(4, Timestamp.from(at));
                ps.setTimestamp(5, Timestamp.from(at));
                ps.setObject(6, connectionId);
                ps.setObject(7, orgId);
                ps.setString(8, status);
                return ps.executeUpdate();
            }
        });
    }

    public void recordSuccess(UUID orgId, UUID connectionId, Instant at) {
        tx.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_credentials SET last_success_at = ?,"
                    + " last_error = NULL, last_error_at = NULL WHERE id = ? AND organization_id = ?")) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setObject(2, connectionId);
                ps.setObject(3, orgId);
                return ps.executeUpdate();
            }
        });
    }

    public void recordError(UUID orgId, UUID connectionId, String error, Instant at) {
        tx.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_credentials SET last_error = ?, last_error_at = ?"
                    + " WHERE id = ? AND organization_id = ?")) {
                ps.setString(1, clip(error));
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setObject(3, connectionId);
                ps.setObject(4, orgId);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Creates or updates the organization's connection of (platform, account) with these credentials, active again.
     *
     * @return the connection id
     * @throws IllegalStateException when another organization has connected the same account
     */
    public UUID upsert(UUID orgId, Platform platform, String account, Map<String, String> credentials, String source) {
        String sealed = SealedCredentials.seal(cipher, orgId, platform.wire(), account, credentials);
        String keyId = cipher.currentKeyId();
        Optional<ConnectionRef> existing = find(platform, account);
        if (existing.isPresent() && !existing.get().orgId().equals(orgId)) {
            throw new IllegalStateException(platform.wire() + " account " + account
                    + " is already connected by another organization");
        }
        return tx.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_credentials (organization_id, platform,"
                    + " account, credentials, key_id, status, is_active, source) VALUES (?, ?, ?, ?::jsonb, ?, 'active',"
                    + " true, ?) ON CONFLICT (platform, account) WHERE account IS NOT NULL DO UPDATE SET"
                    + " credentials = EXCLUDED.credentials, key_id = EXCLUDED.key_id, status = 'active', is_active = true,"
                    + " status_reason = NULL, updated_at = now() WHERE api_credentials.organization_id = EXCLUDED.organization_id"
                    + " RETURNING id")) {
                ps.setObject(1, orgId);
                ps.setString(2, platform.wire());
                ps.setString(3, account);
                ps.setString(4, sealed);
                ps.setString(5, keyId);
                ps.setString(6, source);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException(platform.wire() + " account " + account
                                + " is already connected by another organization");
                    }
                    return rs.getObject(1, UUID.class);
                }
            }
        });
    }

    static ZoneId zone(String id, ZoneId fallback) {
        if (id == null || id.isBlank()) {
            return fallback;
        }
        try {
            return ZoneId.of(id.trim());
        } catch (DateTimeException e) {
            return fallback;
        }
    }

    static String clip(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR - 3) + "...";
    }
}
