package ai.omnify.api.connections;

import ai.omnify.server.crypto.CredentialCipher;
import ai.omnify.server.crypto.SealedCredentials;
import ai.omnify.server.db.DataAccessException;
import ai.omnify.server.db.TenantDb;
import ai.omnify.server.http.ApiException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The organization's connections in {@code api_credentials}: credentials are sealed before they are stored and are
 * never read back here. Every statement is scoped to the organization (and by row-level security through TenantDb).
 */
public final class ConnectionService {
    private static final String VIEW = "id, platform, account, status, status_reason, source, time_zone, currency,"
            + " key_id, created_at, updated_at, last_success_at, last_error, last_error_at";
    private final TenantDb db;
    private final CredentialCipher cipher;

    public ConnectionService(TenantDb db, CredentialCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    /** A created or updated connection. */
    public record Saved(boolean created, Map<String, Object> connection) {}

    public List<Map<String, Object>> list(UUID orgId) {
        return db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + VIEW + " FROM api_credentials"
                    + " WHERE organization_id = ? ORDER BY created_at, id")) {
                ps.setObject(1, orgId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Map<String, Object>> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(view(rs));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * Creates the connection, or replaces the credentials of the organization's connection of the same account (and
     * makes it active again: a reconnect after {@code needs_reauth}).
     */
    public Saved save(UUID orgId, ConnectionRequest r) {
        if (!cipher.isConfigured()) {
            throw new ApiException(503, "credentials_key_missing", "connections cannot be stored: the server has no"
                    + " credentials key; set OMNIFY_CREDENTIALS_KEY (openssl rand -base64 32) and restart");
        }
        String sealed = SealedCredentials.seal(cipher, orgId, r.platform().wire(), r.account(), r.credentials());
        try {
            return db.inOrg(orgId, c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_credentials (organization_id, platform,"
                        + " account, credentials, key_id, status, is_active, source, time_zone, currency)"
                        + " VALUES (?, ?, ?, ?::jsonb, ?, 'active', true, 'api', ?, ?)"
                        + " ON CONFLICT (platform, account) WHERE account IS NOT NULL DO UPDATE SET"
                        + " credentials = EXCLUDED.credentials, key_id = EXCLUDED.key_id, status = 'active',"
                        + " is_active = true, status_reason = NULL, source = 'api',"
                        + " time_zone = coalesce(EXCLUDED.time_zone, api_credentials.time_zone),"
                        + " currency = coalesce(EXCLUDED.currency, api_credentials.currency), updated_at = now()"
                        + " WHERE api_credentials.organization_id = EXCLUDED.organization_id"
                        + " RETURNING " + VIEW + ", (xmax = 0) AS inserted")) {
                    ps.setObject(1, orgId);
                    ps.setString(2, r.platform().wire());
                    ps.setString(3, r.account());
                    ps.setString(4, sealed);
                    ps.setString(5, cipher.currentKeyId());
                    ps.setString(6, r.timeZone());
                    ps.setString(7, r.currency());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw taken(r);
                        }
                        return new Saved(rs.getBoolean("inserted"), view(rs));
                    }
                }
            });
        } catch (DataAccessException e) {
            if (e.getCause() instanceof SQLException s && ("23505".equals(s.getSQLState()) || "42501".equals(s.getSQLState()))) {
                throw taken(r); // the account is another organization's (row-level security hides it from us)
            }
            throw e;
        }
    }

    /** @return false when the organization has no such connection */
    public boolean delete(UUID orgId, UUID id) {
        return db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_credentials WHERE id = ? AND organization_id = ?")) {
                ps.setObject(1, id);
                ps.setObject(2, orgId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static ApiException taken(ConnectionRequest r) {
        return new ApiException(409, "already_connected", r.platform().wire() + " account " + r.account()
                + " is already connected by another organization");
    }

    static Map<String, Object> view(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getObject("id", UUID.class).toString());
        m.put("platform", rs.getString("platform"));
        m.put("account", rs.getString("account"));
        m.put("status", rs.getString("status"));
        m.put("statusReason", rs.getString("status_reason"));
        m.put("source", rs.getString("source"));
        m.put("timeZone", rs.getString("time_zone"));
        m.put("currency", rs.getString("currency"));
        m.put("credentials", "stored encrypted (key " + rs.getString("key_id") + "); never returned");
        m.put("createdAt", instant(rs.getTimestamp("created_at")));
        m.put("updatedAt", instant(rs.getTimestamp("updated_at")));
        m.put("lastSuccessAt", instant(rs.getTimestamp("last_success_at")));
        m.put("lastError", rs.getString("last_error"));
        m.put("lastErrorAt", instant(rs.getTimestamp("last_error_at")));
        return m;
    }

    static String instant(Timestamp t) {
        return t == null ? null : Instant.ofEpochMilli(t.getTime()).plusNanos(t.getNanos() % 1_000_000).toString();
    }
}
