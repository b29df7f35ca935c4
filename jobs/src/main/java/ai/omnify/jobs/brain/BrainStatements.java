package ai.omnify.jobs.brain;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;

/** The BrainJob's SQL: inserts that a replay leaves unchanged, and upserts. */
final class BrainStatements {
    static final String STATES = "INSERT INTO brain_states (organization_id, version, memory_output, oracle_output, "
            + "curiosity_output, computed_at, as_of_date, summary, state) VALUES (?::uuid, ?, ?::jsonb, ?::jsonb, "
            + "?::jsonb, ?, ?, ?, ?::jsonb) ON CONFLICT (organization_id, version) DO NOTHING";
    static final String FORECASTS = "INSERT INTO brain_forecasts (organization_id, series, channel_id, metric, origin, "
            + "horizon, target_date, model, value, lower, upper) VALUES (?::uuid, ?, ?::uuid, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (organization_id, series, metric, origin, horizon) DO UPDATE SET model = EXCLUDED.model, "
            + "value = EXCLUDED.value, lower = EXCLUDED.lower, upper = EXCLUDED.upper, updated_at = now()";
    static final String SCORES = "INSERT INTO forecast_scores (organization_id, series, channel_id, metric, origin, "
            + "horizon, target_date, forecast, lower, upper, actual, ape, inside) VALUES (?::uuid, ?, ?::uuid, ?, ?, ?, "
            + "?, ?, ?, ?, ?, ?, ?) ON CONFLICT (organization_id, series, metric, origin, horizon) DO UPDATE SET "
            + "actual = EXCLUDED.actual, ape = EXCLUDED.ape, inside = EXCLUDED.inside, scored_at = now()";
    static final String ACTIONS = "INSERT INTO actions (id, organization_id, kind, target, rationale, impact_metric, "
            + "expected_impact, currency, confidence, urgency, expected_days, status) VALUES (?::uuid, ?::uuid, ?, "
            + "?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET target = EXCLUDED.target, "
            + "rationale = EXCLUDED.rationale, impact_metric = EXCLUDED.impact_metric, "
            + "expected_impact = EXCLUDED.expected_impact, confidence = EXCLUDED.confidence, "
            + "urgency = EXCLUDED.urgency, expected_days = EXCLUDED.expected_days, updated_at = now(), "
            + "status = CASE WHEN actions.status IN ('open', 'expired') THEN EXCLUDED.status ELSE actions.status END";

    static final String INSIGHTS = "INSERT INTO brain_insights (organization_id, kind, subject_id, version, text, "
            + "source, reason) VALUES (?::uuid, ?, ?, ?, ?, ?, ?) ON CONFLICT (organization_id, kind, subject_id) DO "
            + "UPDATE SET version = EXCLUDED.version, text = EXCLUDED.text, source = EXCLUDED.source, "
            + "reason = EXCLUDED.reason, updated_at = now() WHERE brain_insights.version <= EXCLUDED.version";

    private BrainStatements() {}

    static void bindState(PreparedStatement ps, BrainOutput o) throws SQLException {
        ps.setString(1, o.orgId());
        ps.setLong(2, o.version());
        ps.setString(3, o.memoryJson());
        ps.setString(4, o.oracleJson());
        ps.setString(5, o.curiosityJson());
        ps.setTimestamp(6, Timestamp.from(o.computedAt()));
        ps.setObject(7, o.asOfDate());
        ps.setString(8, o.summary());
        ps.setString(9, o.stateJson());
    }

    static void bindForecast(PreparedStatement ps, ForecastRow f) throws SQLException {
        ps.setString(1, f.orgId());
        ps.setString(2, f.series());
        ps.setString(3, f.channelId());
        ps.setString(4, f.metric());
        ps.setObject(5, f.origin());
        ps.setInt(6, f.horizon());
        ps.setObject(7, f.targetDate());
        ps.setString(8, f.model());
        ps.setBigDecimal(9, f.value());
        ps.setBigDecimal(10, f.lower());
        ps.setBigDecimal(11, f.upper());
    }

    static void bindScore(PreparedStatement ps, ScoreRow s) throws SQLException {
        ps.setString(1, s.orgId());
        ps.setString(2, s.series());
        ps.setString(3, s.channelId());
        ps.setString(4, s.metric());
        ps.setObject(5, s.origin());
        ps.setInt(6, s.horizon());
        ps.setObject(7, s.targetDate());
        ps.setBigDecimal(8, s.forecast());
        ps.setBigDecimal(9, s.lower());
        ps.setBigDecimal(10, s.upper());
        ps.setBigDecimal(11, s.actual());
        if (s.ape() == null) {
            ps.setNull(12, Types.NUMERIC);
        } else {
            ps.setBigDecimal(12, s.ape());
        }
        ps.setBoolean(13, s.inside());
    }

    static void bindAction(PreparedStatement ps, ActionRow a) throws SQLException {
        ps.setString(1, a.id());
        ps.setString(2, a.orgId());
        ps.setString(3, a.kind());
        ps.setString(4, a.targetJson());
        ps.setString(5, a.rationale());
        ps.setString(6, a.impactMetric());
        ps.setBigDecimal(7, a.expectedImpact());
        ps.setString(8, a.currency());
        ps.setBigDecimal(9, a.confidence());
        ps.setString(10, a.urgency());
        ps.setInt(11, a.expectedDays());
        ps.setString(12, a.status());
    }

    static void bindInsight(PreparedStatement ps, ai.omnify.jobs.brain.ai.InsightRow r) throws SQLException {
        ps.setString(1, r.orgId());
        ps.setString(2, r.kind());
        ps.setString(3, r.subjectId());
        ps.setLong(4, r.version());
        ps.setString(5, r.text());
        ps.setString(6, r.source());
        ps.setString(7, r.reason());
    }
}
