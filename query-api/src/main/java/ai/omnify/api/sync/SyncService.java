package ai.omnify.api.sync;

import ai.omnify.server.db.TenantDb;
import ai.omnify.server.http.ApiException;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sync state per connection from {@code api_credentials} and {@code sync_runs}; backfill requests as queued runs. */
public final class SyncService {
    private static final String RUN = "id, kind, state, window_from, window_to, updated_since, requested_at, started_at,"
            + " finished_at, rows, pages_done, pages_total, error, attempt";
    private final TenantDb db;

    public SyncService(TenantDb db) {
        this.db = db;
    }

    public List<Map<String, Object>> status(UUID orgId) {
        return db.inOrg(orgId, c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, platform, account, status, status_reason,"
                    + " last_success_at, last_error, last_error_at FROM api_credentials WHERE organization_id = ?"
                    + " ORDER BY created_at, id")) {
                ps.setObject(1, orgId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("connectionId", rs.getObject("id", UUID.class).toString());
                        m.put("platform", rs.getString("platform"));
                        m.put("account", rs.getString("account"));
                        m.put("connectionStatus", rs.getString("status"));
                        m.put("statusReason", rs.getString("status_reason"));
                        m.put("lastSuccessAt", instant(rs.getTimestamp("last_success_at")));
                        m.put("lastError", rs.getString("last_error"));
                        m.put("lastErrorAt", instant(rs.getTimestamp("last_error_at")));
                        out.add(m);
                    }
                }
            }
            try (PreparedStatement current = c.prepareStatement("SELECT " + RUN + " FROM sync_runs WHERE organization_id = ?"
                    + " AND connection_id = ? AND state IN ('queued', 'running') ORDER BY requested_at DESC LIMIT 1");
                 PreparedStatement last = c.prepareStatement("SELECT " + RUN + " FROM sync_runs WHERE organization_id = ?"
                    + " AND connection_id = ? AND state IN ('succeeded', 'failed') ORDER BY finished_at DESC NULLS LAST"
                    + " LIMIT 1")) {
                for (Map<String, Object> m : out) {
                    UUID id = UUID.fromString((String) m.get("connectionId"));
                    Map<String, Object> cur = run(current, orgId, id);
                    Map<String, Object> fin = run(last, orgId, id);
                    m.put("state", state((String) m.get("connectionStatus"), cur, fin));
                    Map<String, Object> shown = cur != null ? cur : fin;
                    m.put("rows", shown == null ? 0 : shown.get("rows"));
                    m.put("pagesDone", shown == null ? 0 : shown.get("pagesDone"));
                    m.put("pagesTotal", shown == null ? null : shown.get("pagesTotal"));
                    m.put("currentRun", cur);
                    m.put("lastRun", fin);
                }
            }
            return out;
        });
    }

    /** What a person wants to know first: needs_reauth, disabled, running, queued, failing, ok or never_synced. */
    static String state(String connectionStatus, Map<String, Object> current, Map<String, Object> last) {
        if (!"active".equals(connectionStatus)) {
            return connectionStatus;
        }
        if (current != null) {
            return (String) current.get("state");
        }
        if (last == null) {
            return "never_synced";
        }
        return "failed".equals(last.get("state")) ? "failing" : "ok";
    }

    /** Queues a backfill of the connection's dates; the ingest scheduler picks it up. */
    public Map<String, Object> requestBackfill(UUID orgId, UUID connectionId, LocalDate from, LocalDate to) {
        return db.inOrg(orgId, c -> {
            String platform;
            try (PreparedStatement ps = c.prepareStatement("SELECT platform, status FROM api_credentials WHERE id = ?"
                    + " AND organization_id = ?")) {
                ps.setObject(1, connectionId);
                ps.setObject(2, orgId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiException.notFound("no connection " + connectionId + " in this organization");
                    }
                    if (!"active".equals(rs.getString("status"))) {
                        throw new ApiException(409, "connection_not_active", "the connection is " + rs.getString("status")
                                + ": connect it again with POST /api/v1/connections, then request the backfill");
                    }
                    platform = rs.getString("platform");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_runs (organization_id, connection_id,"
                    + " platform, kind, state, window_from, window_to, updated_since) VALUES (?, ?, ?, 'backfill', 'queued',"
                    + " ?, ?, CASE WHEN ? = 'shopify' THEN (?::date)::timestamp AT TIME ZONE 'UTC' END) RETURNING " + RUN)) {
                ps.setObject(1, orgId);
                ps.setObject(2, connectionId);
                ps.setString(3, platform);
                ps.setDate(4, Date.valueOf(from));
                ps.setDate(5, Date.valueOf(to));
                ps.setString(6, platform);
                ps.setString(7, from.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Map<String, Object> m = run(rs);
                    m.put("connectionId", connectionId.toString());
                    return m;
                }
            }
        });
    }

    /** One run of the organization, or null. */
    public Map<String, Object> run(UUID orgId, UUID runId) {
        return db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + RUN + ", connection_id FROM sync_runs WHERE id = ?"
                    + " AND organization_id = ?")) {
                ps.setObject(1, runId);
                ps.setObject(2, orgId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    Map<String, Object> m = run(rs);
                    m.put("connectionId", rs.getObject("connection_id", UUID.class).toString());
                    return m;
                }
            }
        });
    }

    private static Map<String, Object> run(PreparedStatement ps, UUID orgId, UUID connectionId) throws SQLException {
        ps.setObject(1, orgId);
        ps.setObject(2, connectionId);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? run(rs) : null;
        }
    }

    private static Map<String, Object> run(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getObject("id", UUID.class).toString());
        m.put("kind", rs.getString("kind"));
        m.put("state", rs.getString("state"));
        Date from = rs.getDate("window_from");
        Date to = rs.getDate("window_to");
        m.put("from", from == null ? null : from.toLocalDate().toString());
        m.put("to", to == null ? null : to.toLocalDate().toString());
        m.put("updatedSince", instant(rs.getTimestamp("updated_since")));
        m.put("requestedAt", instant(rs.getTimestamp("requested_at")));
        m.put("startedAt", rs.getInt("attempt") == 0 ? null : instant(rs.getTimestamp("started_at")));
        m.put("finishedAt", instant(rs.getTimestamp("finished_at")));
        m.put("rows", rs.getLong("rows"));
        m.put("pagesDone", rs.getInt("pages_done"));
        m.put("pagesTotal", rs.getObject("pages_total"));
        m.put("error", rs.getString("error"));
        return m;
    }

    static String instant(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }
}
