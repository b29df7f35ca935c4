package ai.omnify.api.reports;

import ai.omnify.api.metrics.DateRange;
import ai.omnify.api.reports.ReportData.ChannelTotal;
import ai.omnify.api.reports.ReportData.Day;
import ai.omnify.api.reports.ReportData.Totals;
import ai.omnify.model.Json;
import ai.omnify.server.db.TenantDb;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads what reports show; every statement names the organization, inside its transaction. */
public final class ReportService {
    private static final String CSV_SQL = "SELECT d.date, d.channel_id, c.name, c.platform, d.spend, d.impressions, "
            + "d.clicks, d.conversions, d.conversion_value, d.attributed_revenue, d.attributed_orders, d.roas, d.cpa, "
            + "d.ctr, d.cpc, d.cpm, d.currency FROM daily_metrics d LEFT JOIN channels c ON c.id = d.channel_id "
            + "AND c.organization_id = d.organization_id WHERE d.organization_id = ? AND d.date BETWEEN ? AND ? %s "
            + "ORDER BY d.date, c.name, d.channel_id";
    static final String CSV_HEADER = "date,channelId,channel,platform,spend,impressions,clicks,conversions,"
            + "conversionValue,attributedRevenue,attributedOrders,roas,cpa,ctr,cpc,cpm,currency";

    private final TenantDb db;

    public ReportService(TenantDb db) {
        this.db = db;
    }

    /** Writes daily channel rows as CSV (RFC 4180; text cells that a spreadsheet would run as a formula are defused). */
    public void writeCsv(UUID orgId, DateRange range, Optional<UUID> channelId, Writer out) {
        db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement(String.format(CSV_SQL,
                    channelId.isPresent() ? "AND d.channel_id = ?" : ""))) {
                ps.setFetchSize(1000);
                ps.setObject(1, orgId);
                ps.setObject(2, range.from());
                ps.setObject(3, range.to());
                if (channelId.isPresent()) {
                    ps.setObject(4, channelId.get());
                }
                out.write(CSV_HEADER);
                out.write("\r\n");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (int i = 1; i <= 17; i++) {
                            if (i > 1) {
                                out.write(',');
                            }
                            String v = rs.getString(i);
                            out.write(i == 3 || i == 4 ? Csv.text(v) : v == null ? "" : Csv.plain(v));
                        }
                        out.write("\r\n");
                    }
                }
                out.flush();
            }
            return null;
        });
    }

    public ReportData summary(UUID orgId, DateRange range) {
        return db.inOrg(orgId, c -> {
            String[] org = organization(c, orgId);
            List<Day> days = days(c, orgId, range);
            Totals totals = totals(c, orgId, range);
            return new ReportData(org[0], org[1], range.from(), range.to(), totals, days,
                    topChannels(c, orgId, range), brainLines(c, orgId));
        });
    }

    private static String[] organization(Connection c, UUID orgId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, currency FROM organizations WHERE id = ?")) {
            ps.setObject(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new String[] {rs.getString(1), rs.getString(2).trim()};
            }
        }
    }

    private static List<Day> days(Connection c, UUID orgId, DateRange range) throws SQLException {
        List<Day> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT date, spend, store_revenue, conversion_value "
                + "FROM org_daily_metrics WHERE organization_id = ? AND date BETWEEN ? AND ? ORDER BY date")) {
            ps.setObject(1, orgId);
            ps.setObject(2, range.from());
            ps.setObject(3, range.to());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Day(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2), rs.getBigDecimal(3),
                            rs.getBigDecimal(4)));
                }
            }
        }
        return out;
    }

    private static Totals totals(Connection c, UUID orgId, DateRange range) throws SQLException {
        BigDecimal store = BigDecimal.ZERO;
        long orders = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(store_revenue), 0), "
                + "coalesce(sum(orders), 0) FROM org_daily_metrics WHERE organization_id = ? AND date BETWEEN ? AND ?")) {
            ps.setObject(1, orgId);
            ps.setObject(2, range.from());
            ps.setObject(3, range.to());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                store = rs.getBigDecimal(1);
                orders = rs.getLong(2);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(spend), 0), "
                + "coalesce(sum(conversion_value), 0), coalesce(sum(attributed_revenue), 0), "
                + "coalesce(sum(impressions), 0), coalesce(sum(clicks), 0), coalesce(sum(conversions), 0) "
                + "FROM daily_metrics WHERE organization_id = ? AND date BETWEEN ? AND ?")) {
            ps.setObject(1, orgId);
            ps.setObject(2, range.from());
            ps.setObject(3, range.to());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Totals(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3), store, orders,
                        rs.getLong(4), rs.getLong(5), rs.getBigDecimal(6));
            }
        }
    }

    private static List<ChannelTotal> topChannels(Connection c, UUID orgId, DateRange range) throws SQLException {
        List<ChannelTotal> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(c.name, d.channel_id::text), "
                + "coalesce(c.platform, ''), sum(d.spend) AS spend, sum(d.conversion_value) "
                + "FROM daily_metrics d LEFT JOIN channels c ON c.id = d.channel_id AND c.organization_id = ? "
                + "WHERE d.organization_id = ? AND d.date BETWEEN ? AND ? "
                + "GROUP BY 1, 2 ORDER BY spend DESC, 1 LIMIT 10")) {
            ps.setObject(1, orgId);
            ps.setObject(2, orgId);
            ps.setObject(3, range.from());
            ps.setObject(4, range.to());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal spend = rs.getBigDecimal(3);
                    BigDecimal value = rs.getBigDecimal(4);
                    out.add(new ChannelTotal(rs.getString(1), rs.getString(2), spend, value,
                            spend.signum() == 0 ? null : value.divide(spend, 2, java.math.RoundingMode.HALF_EVEN)));
                }
            }
        }
        return out;
    }

    /** A few lines from the latest brain state, when the brain has written one: its top actions and risks. */
    private static List<String> brainLines(Connection c, UUID orgId) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT computed_at, oracle_output::text, "
                + "curiosity_output::text FROM brain_states WHERE organization_id = ? "
                + "ORDER BY computed_at DESC LIMIT 1")) {
            ps.setObject(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return lines;
                }
                lines.add("Brain state of " + rs.getTimestamp(1).toInstant());
                JsonNode curiosity = parse(rs.getString(3));
                for (JsonNode a : curiosity.path("actions")) {
                    if (lines.size() > 6) {
                        break;
                    }
                    lines.add("Action: " + a.path("kind").asText("?") + " - " + a.path("rationale").asText(""));
                }
                JsonNode oracle = parse(rs.getString(2));
                for (JsonNode r : oracle.path("risks")) {
                    if (lines.size() > 10) {
                        break;
                    }
                    lines.add("Risk: " + (r.isTextual() ? r.asText() : r.path("description").asText(r.toString())));
                }
            }
        }
        return lines;
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return Json.mapper().createObjectNode();
        }
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }
}
