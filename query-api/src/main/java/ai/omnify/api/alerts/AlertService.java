package ai.omnify.api.alerts;

import ai.omnify.api.http.JsonPage;
import ai.omnify.api.http.Responses;
import ai.omnify.api.http.SortKey;
import ai.omnify.model.Json;
import ai.omnify.model.alert.Severity;
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
import java.util.Optional;
import java.util.UUID;

/** The {@code alerts} table of one organization: newest first, filtered; acknowledgement. */
public final class AlertService {
    /** Newest first: the cursor holds the last row's detection time (epoch micros) and id. */
    static final SortKey KEY = SortKey.of("alerts.v1", SortKey.text("detected"), SortKey.uuid("id"));
    static final String COLUMNS = "id, organization_id, alert_key, kind, severity, status, channel_id, creative_id, "
            + "metric, window_start, window_end, observed::text AS observed, expected::text AS expected, "
            + "deviation::text AS deviation, since, detected_at, updated_at, acknowledged_at, resolved_at, "
            + "explanation, revision";

    /** The filters of a list. */
    public record Filter(Optional<Instant> since, Optional<Severity> minSeverity, Optional<String> kind,
            Optional<String> status) {}

    private final TenantDb db;

    public AlertService(TenantDb db) {
        this.db = db;
    }

    public JsonPage list(UUID orgId, Filter f, int limit, String cursor) {
        Object[] after = cursor == null ? null : KEY.decode(cursor);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alerts WHERE organization_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(orgId);
        f.since().ifPresent(s -> {
            sql.append(" AND detected_at >= ?");
            params.add(Timestamp.from(s));
        });
        f.minSeverity().ifPresent(s -> {
            List<String> allowed = new ArrayList<>();
            for (Severity v : Severity.values()) {
                if (v.compareTo(s) >= 0) {
                    allowed.add(v.wire());
                }
            }
            sql.append(" AND severity = ANY (?)");
            params.add(allowed.toArray(String[]::new));
        });
        f.kind().ifPresent(k -> {
            sql.append(" AND kind = ?");
            params.add(k);
        });
        f.status().ifPresent(s -> {
            sql.append(" AND status = ?");
            params.add(s);
        });
        if (after != null) {
            sql.append(" AND (detected_at, id) < (?, ?)");
            params.add(Timestamp.from(fromMicros(Long.parseLong((String) after[0]))));
            params.add(after[1]);
        }
        sql.append(" ORDER BY detected_at DESC, id DESC LIMIT ?");
        params.add(limit + 1);
        return db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    Object p = params.get(i);
                    if (p instanceof String[] arr) {
                        ps.setArray(i + 1, c.createArrayOf("text", arr));
                    } else {
                        ps.setObject(i + 1, p);
                    }
                }
                List<Map<String, Object>> items = new ArrayList<>();
                String next = null;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (items.size() == limit) {
                            Map<String, Object> last = items.get(items.size() - 1);
                            next = KEY.encode(List.of(Long.toString(toMicros((Instant) last.get("detectedAt"))),
                                    (String) last.get("id")));
                            break;
                        }
                        items.add(row(rs));
                    }
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("items", items);
                body.put("next", next);
                // nulls written (like every list): "next": null, "channelId": null
                return new JsonPage(Responses.withNulls(body), items.size(), next);
            }
        });
    }

    /** Marks an open alert acknowledged; the alert as it now is. 404 when the organization has no such alert. */
    public Map<String, Object> acknowledge(UUID orgId, UUID id) {
        return db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET status = 'acknowledged', "
                    + "acknowledged_at = now(), updated_at = now() WHERE organization_id = ? AND id = ? "
                    + "AND status = 'open'")) {
                ps.setObject(1, orgId);
                ps.setObject(2, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM alerts WHERE organization_id = ? AND id = ?")) {
                ps.setObject(1, orgId);
                ps.setObject(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiException.notFound("no alert " + id + " in this organization");
                    }
                    return row(rs);
                }
            }
        });
    }

    static Map<String, Object> row(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getString("id"));
        m.put("orgId", rs.getString("organization_id"));
        m.put("alertKey", rs.getString("alert_key"));
        m.put("kind", rs.getString("kind"));
        m.put("severity", rs.getString("severity"));
        m.put("status", rs.getString("status"));
        m.put("channelId", rs.getString("channel_id"));
        m.put("creativeId", rs.getString("creative_id"));
        m.put("metric", rs.getString("metric"));
        m.put("windowStart", instant(rs, "window_start"));
        m.put("windowEnd", instant(rs, "window_end"));
        m.put("observed", decimal(rs.getString("observed")));
        m.put("expected", decimal(rs.getString("expected")));
        m.put("deviation", decimal(rs.getString("deviation")));
        m.put("since", instant(rs, "since"));
        m.put("detectedAt", instant(rs, "detected_at"));
        m.put("updatedAt", instant(rs, "updated_at"));
        m.put("acknowledgedAt", instant(rs, "acknowledged_at"));
        m.put("resolvedAt", instant(rs, "resolved_at"));
        m.put("explanation", rs.getString("explanation"));
        m.put("revision", rs.getInt("revision"));
        return m;
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private static java.math.BigDecimal decimal(String s) {
        return s == null ? null : new java.math.BigDecimal(s).stripTrailingZeros();
    }

    static long toMicros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }
}
