package ai.omnify.api.connections;

import ai.omnify.server.connections.ConnectionWriter;
import ai.omnify.server.crypto.CredentialCipher;
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
 * The organization's connections in {@code api_credentials}: credentials are sealed before they are stored
 * ({@link ConnectionWriter}) and are never read back here. Every statement is scoped to the organization (and by
 * row-level security through TenantDb).
 */
public final class ConnectionService {
    private static final String VIEW = "id, platform, account, status, status_reason, source, time_zone, currency,"
            + " key_id, created_at, updated_at, last_success_at, last_error, last_error_at";
    private final TenantDb db;
    private final CredentialCipher cipher;
    private final ConnectionWriter writer;

    public ConnectionService(TenantDb db, CredentialCipher cipher) {
        this.db = db;
        this.cipher = cipher;
        this.writer = new ConnectionWriter(db, cipher);
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
     * makes it active again: a reconnect after {@code needs_reauth}), by the rule of {@link ConnectionWriter}.
     */
    public Saved save(UUID orgId, ConnectionRequest r) {
        if (!cipher.isConfigured()) {
            throw new ApiException(503, "credentials_key_missing", "connections cannot be stored: the server has no"
                    + " credentials key; set OMNIFY_CREDENTIALS_KEY (openssl rand -base64 32) and restart");
        }
        ConnectionWriter.Saved saved;
        try {
            saved = writer.save(orgId, r.platform(), r.account(), r.credentials(), ConnectionWriter.API, r.timeZone(),
                    r.currency());
        } catch (ConnectionWriter.AccountTakenException e) {
            throw new ApiException(409, "already_connected", e.getMessage());
        }
        Map<String, Object> view = db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + VIEW + " FROM api_credentials"
                    + " WHERE id = ? AND organization_id = ?")) {
                ps.setObject(1, saved.id());
                ps.setObject(2, orgId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? view(rs) : null;
                }
            }
        });
        if (view == null) {
            throw ApiException.notFound("the connection was deleted while it was being saved");
        }
        return new Saved(saved.created(), view);
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
