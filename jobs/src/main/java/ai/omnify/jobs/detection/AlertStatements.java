package ai.omnify.jobs.detection;

import ai.omnify.jobs.detection.lifecycle.AlertLifecycle;
import ai.omnify.model.Json;
import ai.omnify.model.alert.Alert;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

/**
 * The upsert of an alert record into {@code alerts}: one row per incident id. A record only replaces a row of a lower
 * or equal revision (a replay never undoes a newer state), and a person's acknowledgement survives escalations until
 * the incident resolves.
 */
public final class AlertStatements {
    private AlertStatements() {}

    public static final String UPSERT = """
            INSERT INTO alerts (id, organization_id, alert_key, kind, severity, status, channel_id, creative_id,
                                window_start, window_end, observed, expected, explanation, payload, detected_at,
                                resolved_at, metric, deviation, since, revision, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (id) DO UPDATE SET
              severity = EXCLUDED.severity,
              status = CASE WHEN EXCLUDED.status = 'resolved' THEN 'resolved'
                            WHEN alerts.status = 'acknowledged' THEN 'acknowledged'
                            ELSE EXCLUDED.status END,
              window_start = EXCLUDED.window_start, window_end = EXCLUDED.window_end,
              observed = EXCLUDED.observed, expected = EXCLUDED.expected, explanation = EXCLUDED.explanation,
              payload = EXCLUDED.payload, resolved_at = EXCLUDED.resolved_at, metric = EXCLUDED.metric,
              deviation = EXCLUDED.deviation, revision = EXCLUDED.revision, updated_at = now()
            WHERE alerts.revision <= EXCLUDED.revision
            """;

    public static void bind(PreparedStatement ps, Alert a) throws SQLException {
        ps.setObject(1, UUID.fromString(a.id()));
        ps.setObject(2, UUID.fromString(a.orgId()));
        ps.setString(3, a.alertKey());
        ps.setString(4, a.kind());
        ps.setString(5, a.severity());
        ps.setString(6, a.status());
        setUuid(ps, 7, a.channelId());
        setUuid(ps, 8, a.creativeId());
        setTime(ps, 9, a.windowStart());
        setTime(ps, 10, a.windowEnd());
        ps.setBigDecimal(11, a.observed());
        ps.setBigDecimal(12, a.expected());
        ps.setString(13, a.explanation());
        ps.setString(14, Json.write(a));
        setTime(ps, 15, a.detectedAt() == null ? Instant.now() : a.detectedAt());
        setTime(ps, 16, AlertLifecycle.RESOLVED.equals(a.status()) ? a.detectedAt() : null);
        ps.setString(17, a.metric());
        ps.setBigDecimal(18, a.deviation());
        setTime(ps, 19, a.since());
        ps.setInt(20, a.revision());
    }

    private static void setUuid(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.OTHER);
        } else {
            ps.setObject(i, UUID.fromString(v));
        }
    }

    private static void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(i, Timestamp.from(t));
        }
    }
}
