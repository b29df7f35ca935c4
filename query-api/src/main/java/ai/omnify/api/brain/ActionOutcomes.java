package ai.omnify.api.brain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What followed a decision: the target channels' (or creative's) daily spend and platform revenue in the 7 days
 * before it are the baseline; the outcome is the change per day since, times the days elapsed (at most the action's
 * horizon), against the impact the brain expected. A simple before/after comparison, not a controlled experiment.
 */
final class ActionOutcomes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ActionOutcomes() {}

    /** The target's daily averages over the 7 days before today, and the date the measurement starts. */
    static ObjectNode baseline(Connection c, UUID orgId, JsonNode target) throws SQLException {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        ObjectNode o = F.objectNode();
        o.put("from", today.toString());
        Figures f = figures(c, orgId, target, today.minusDays(7), today.minusDays(1));
        o.put("dailySpend", f.spend.divide(BigDecimal.valueOf(7), 4, RoundingMode.HALF_EVEN));
        o.put("dailyRevenue", f.revenue.divide(BigDecimal.valueOf(7), 4, RoundingMode.HALF_EVEN));
        o.set("target", target);
        return o;
    }

    static ObjectNode outcome(Connection c, UUID orgId, JsonNode baseline, String metric, int horizonDays)
            throws SQLException {
        LocalDate from = LocalDate.parse(baseline.path("from").asText());
        LocalDate yesterday = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        LocalDate to = from.plusDays(horizonDays - 1).isBefore(yesterday) ? from.plusDays(horizonDays - 1) : yesterday;
        ObjectNode o = F.objectNode();
        long days = to.toEpochDay() - from.toEpochDay() + 1;
        o.put("daysObserved", Math.max(0, days));
        o.put("complete", days >= horizonDays);
        if (days <= 0) {
            return o;
        }
        Figures f = figures(c, orgId, baseline.path("target"), from, to);
        BigDecimal n = BigDecimal.valueOf(days);
        BigDecimal observed = "spend".equals(metric)
                ? new BigDecimal(baseline.path("dailySpend").asText("0")).multiply(n).subtract(f.spend)
                : f.revenue.subtract(new BigDecimal(baseline.path("dailyRevenue").asText("0")).multiply(n));
        o.put("metric", metric);
        o.put("observedImpact", observed.setScale(2, RoundingMode.HALF_EVEN));
        return o;
    }

    private record Figures(BigDecimal spend, BigDecimal revenue) {}

    /** Sums of the channels (from, to, channel) or the creative a target names. */
    private static Figures figures(Connection c, UUID orgId, JsonNode target, LocalDate from, LocalDate to)
            throws SQLException {
        String creative = text(target, "creativeId");
        List<String> channels = new ArrayList<>();
        for (String k : List.of("channelId", "fromChannelId", "toChannelId")) {
            String v = text(target, k);
            if (v != null && !channels.contains(v)) {
                channels.add(v);
            }
        }
        String sql;
        List<Object> args = new ArrayList<>(List.of(orgId, from, to));
        if (creative != null) {
            sql = "SELECT coalesce(sum(spend),0), coalesce(sum(conversion_value),0) FROM creative_daily_metrics "
                    + "WHERE organization_id = ? AND date BETWEEN ? AND ? AND creative_id = ?::uuid";
            args.add(creative);
        } else if (!channels.isEmpty()) {
            sql = "SELECT coalesce(sum(spend),0), coalesce(sum(conversion_value),0) FROM daily_metrics "
                    + "WHERE organization_id = ? AND date BETWEEN ? AND ? AND channel_id = ANY (?::uuid[])";
            args.add(c.createArrayOf("text", channels.toArray()));
        } else {
            sql = "SELECT coalesce(sum(spend),0), coalesce(sum(conversion_value),0) FROM org_daily_metrics "
                    + "WHERE organization_id = ? AND date BETWEEN ? AND ?";
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Figures(rs.getBigDecimal(1), rs.getBigDecimal(2));
            }
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
