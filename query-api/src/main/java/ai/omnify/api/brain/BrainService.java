package ai.omnify.api.brain;

import ai.omnify.model.Json;
import ai.omnify.server.db.TenantDb;
import ai.omnify.server.http.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * The brain's state, history and accuracy, and the actions with their decisions and outcomes, for one organization.
 * Every statement is scoped by organization and runs through {@link TenantDb} (row-level security).
 */
public final class BrainService {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final TenantDb db;

    public BrainService(TenantDb db) {
        this.db = db;
    }

    /** The newest state as published, with the latest texts written for it; empty before the first. */
    public Optional<byte[]> current(UUID orgId) {
        return db.inOrg(orgId, c -> {
            ObjectNode state;
            try (PreparedStatement ps = c.prepareStatement("SELECT state::text FROM brain_states WHERE "
                    + "organization_id = ? AND state IS NOT NULL ORDER BY version DESC LIMIT 1")) {
                ps.setObject(1, orgId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<byte[]>empty();
                    }
                    state = (ObjectNode) Json.mapper().readTree(rs.getString(1));
                }
            }
            ArrayNode insights = state.putArray("insights");
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, subject_id, version, text, source FROM "
                    + "brain_insights WHERE organization_id = ? ORDER BY kind, subject_id")) {
                ps.setObject(1, orgId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ObjectNode o = insights.addObject();
                        o.put("kind", rs.getString(1));
                        o.put("subjectId", rs.getString(2));
                        o.put("version", rs.getLong(3));
                        o.put("text", rs.getString(4));
                        o.put("source", rs.getString(5));
                    }
                }
            }
            return Optional.of(Json.writeBytes(state));
        });
    }

    /** Versions newest first, before {@code beforeVersion} when given; with the full state when asked. */
    public ObjectNode history(UUID orgId, Optional<Long> beforeVersion, int limit, boolean withState) {
        return db.inOrg(orgId, c -> {
            String sql = "SELECT version, computed_at, as_of_date, summary" + (withState ? ", state::text" : "")
                    + " FROM brain_states WHERE organization_id = ?" + (beforeVersion.isPresent() ? " AND version < ?" : "")
                    + " ORDER BY version DESC LIMIT ?";
            ArrayNode items = F.arrayNode();
            long last = -1;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setObject(i++, orgId);
                if (beforeVersion.isPresent()) {
                    ps.setLong(i++, beforeVersion.get());
                }
                ps.setInt(i, limit + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = 0;
                    boolean more = false;
                    while (rs.next()) {
                        if (n == limit) {
                            more = true;
                            break;
                        }
                        ObjectNode o = items.addObject();
                        last = rs.getLong(1);
                        o.put("version", last);
                        o.put("computedAt", rs.getTimestamp(2).toInstant().toString());
                        LocalDate asOf = rs.getObject(3, LocalDate.class);
                        o.put("asOfDate", asOf == null ? null : asOf.toString());
                        o.put("summary", rs.getString(4));
                        if (withState) {
                            o.set("state", Json.mapper().readTree(rs.getString(5)));
                        }
                        n++;
                    }
                    ObjectNode page = F.objectNode();
                    page.set("items", items);
                    page.put("next", more ? Long.toString(last) : null);
                    return page;
                }
            }
        });
    }

    /**
     * Forecast accuracy per metric, horizon and channel (channelId null: the whole organization), and overall per
     * metric and horizon; with the actions' adoption and outcome.
     */
    public ObjectNode accuracy(UUID orgId, Optional<String> metric, Optional<UUID> channelId) {
        return db.inOrg(orgId, c -> {
            ObjectNode out = F.objectNode();
            StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
            metric.ifPresent(m -> where.append(" AND metric = ?"));
            channelId.ifPresent(ch -> where.append(" AND channel_id = ?"));
            String agg = ", count(*), avg(ape), avg(CASE WHEN inside THEN 1.0 ELSE 0.0 END) FROM forecast_scores";
            out.set("items", rows(c, "SELECT metric, horizon, channel_id" + agg + where
                    + " GROUP BY metric, horizon, channel_id ORDER BY metric, horizon, channel_id NULLS FIRST",
                    orgId, metric, channelId, true));
            out.set("overall", rows(c, "SELECT metric, horizon, NULL::uuid" + agg + where
                    + " AND series <> 'org' GROUP BY metric, horizon ORDER BY metric, horizon",
                    orgId, metric, channelId, false));
            out.set("actions", adoption(c, orgId));
            return out;
        });
    }

    private static ArrayNode rows(Connection c, String sql, UUID orgId, Optional<String> metric,
            Optional<UUID> channelId, boolean withChannel) throws SQLException {
        ArrayNode items = F.arrayNode();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, orgId);
            if (metric.isPresent()) {
                ps.setString(i++, metric.get());
            }
            if (channelId.isPresent()) {
                ps.setObject(i++, channelId.get());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode o = items.addObject();
                    o.put("metric", rs.getString(1));
                    o.put("horizon", rs.getInt(2));
                    if (withChannel) {
                        o.put("channelId", rs.getString(3));
                    }
                    o.put("scored", rs.getLong(4));
                    o.put("mape", scaled(rs.getBigDecimal(5)));
                    o.put("coverage", scaled(rs.getBigDecimal(6)));
                }
            }
        }
        return items;
    }

    /** How many recommendations were decided and how, and what the accepted ones were expected to make. */
    private static ObjectNode adoption(Connection c, UUID orgId) throws SQLException {
        ObjectNode o = F.objectNode();
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), "
                + "count(*) FILTER (WHERE status = 'accepted'), count(*) FILTER (WHERE status = 'dismissed'), "
                + "coalesce(sum(expected_impact) FILTER (WHERE status = 'accepted'), 0) "
                + "FROM actions WHERE organization_id = ?")) {
            ps.setObject(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long total = rs.getLong(1);
                long accepted = rs.getLong(2);
                long dismissed = rs.getLong(3);
                o.put("recommended", total);
                o.put("accepted", accepted);
                o.put("dismissed", dismissed);
                o.put("adoptionRate", accepted + dismissed == 0 ? null
                        : scaled(BigDecimal.valueOf((double) accepted / (accepted + dismissed))));
                o.put("expectedImpactAccepted", rs.getBigDecimal(4));
            }
        }
        return o;
    }

    /** Actions newest first, optionally of one status, with the outcome of decided ones. */
    public ObjectNode actions(UUID orgId, Optional<String> status, int limit) {
        return db.inOrg(orgId, c -> {
            ArrayNode items = F.arrayNode();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, target::text, rationale, impact_metric, "
                    + "expected_impact, currency, confidence, urgency, status, created_at, decided_at, expected_days, "
                    + "baseline::text FROM actions WHERE organization_id = ?" + (status.isPresent() ? " AND status = ?" : "")
                    + " ORDER BY CASE status WHEN 'open' THEN 0 ELSE 1 END, "
                    + "CASE urgency WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, expected_impact DESC, id LIMIT ?")) {
                int i = 1;
                ps.setObject(i++, orgId);
                if (status.isPresent()) {
                    ps.setString(i++, status.get());
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(action(c, orgId, rs));
                    }
                }
            }
            ObjectNode page = F.objectNode();
            page.set("items", items);
            page.putNull("next");
            return page;
        });
    }

    private static ObjectNode action(Connection c, UUID orgId, ResultSet rs) throws SQLException, IOException {
        ObjectNode o = F.objectNode();
        o.put("id", rs.getString(1));
        o.put("kind", rs.getString(2));
        o.set("target", rs.getString(3) == null ? F.nullNode() : Json.mapper().readTree(rs.getString(3)));
        o.put("rationale", rs.getString(4));
        ObjectNode impact = o.putObject("expectedImpact");
        impact.put("metric", rs.getString(5));
        impact.put("value", rs.getBigDecimal(6));
        impact.put("currency", rs.getString(7) == null ? null : rs.getString(7).trim());
        impact.put("horizonDays", rs.getInt(13));
        o.put("confidence", rs.getBigDecimal(8));
        o.put("urgency", rs.getString(9));
        o.put("status", rs.getString(10));
        o.put("createdAt", rs.getTimestamp(11).toInstant().toString());
        if (rs.getTimestamp(12) != null) {
            o.put("decidedAt", rs.getTimestamp(12).toInstant().toString());
        }
        String baseline = rs.getString(14);
        if (baseline != null && "accepted".equals(rs.getString(10))) {
            o.set("outcome", ActionOutcomes.outcome(c, orgId, Json.mapper().readTree(baseline),
                    rs.getString(5), rs.getInt(13)));
        }
        return o;
    }

    /**
     * Records a decision on an open action, with the target's recent daily figures as the baseline its outcome will
     * be measured against. 404 when there is no such action, 409 when it was already decided or has expired.
     */
    public ObjectNode decide(UUID orgId, UUID actionId, String decision, UUID decidedBy) {
        return db.inOrg(orgId, c -> {
            String status;
            JsonNode target;
            try (PreparedStatement ps = c.prepareStatement("SELECT status, target::text FROM actions "
                    + "WHERE organization_id = ? AND id = ? FOR UPDATE")) {
                ps.setObject(1, orgId);
                ps.setObject(2, actionId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiException.notFound("no action " + actionId + " in this organization");
                    }
                    status = rs.getString(1);
                    target = rs.getString(2) == null ? F.objectNode() : Json.mapper().readTree(rs.getString(2));
                }
            }
            if (!"open".equals(status)) {
                throw new ApiException(409, "conflict", "action " + actionId + " is " + status
                        + "; only an open action can be accepted or dismissed");
            }
            ObjectNode baseline = ActionOutcomes.baseline(c, orgId, target);
            try (PreparedStatement ps = c.prepareStatement("UPDATE actions SET status = ?, decided_at = now(), "
                    + "decided_by = ?, baseline = ?::jsonb, updated_at = now() WHERE organization_id = ? AND id = ?")) {
                ps.setString(1, decision);
                ps.setObject(2, decidedBy);
                ps.setString(3, Json.write(baseline));
                ps.setObject(4, orgId);
                ps.setObject(5, actionId);
                ps.executeUpdate();
            }
            ObjectNode o = F.objectNode();
            o.put("id", actionId.toString());
            o.put("status", decision);
            o.set("baseline", baseline);
            return o;
        });
    }

    private static BigDecimal scaled(BigDecimal v) {
        return v == null ? null : v.setScale(4, java.math.RoundingMode.HALF_EVEN);
    }
}
