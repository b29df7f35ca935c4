package ai.omnify.jobs.brain;

import ai.omnify.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import ai.omnify.model.Json;
import ai.omnify.model.Parsed;
import ai.omnify.model.Platform;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.metrics.MetricsUpdate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Goals from {@code organizations} and {@code brain_settings}, cached for {@code refresh}; versions from
 * {@code brain_states}; stored day rows from the metrics tables (with names from {@code channels} and
 * {@code creatives}).
 */
public final class JdbcBrainStore implements BrainStore {
    private static final long serialVersionUID = 1L;

    private final DatabaseConfig db;
    private final long refreshMs;
    private transient Map<String, OrgGoals> goals;
    private transient Map<String, Long> loadedAt;

    public JdbcBrainStore(DatabaseConfig db, Duration refresh) {
        this.db = db;
        this.refreshMs = refresh.toMillis();
    }

    @Override
    public void open() {
        goals = new HashMap<>();
        loadedAt = new HashMap<>();
    }

    @Override
    public OrgGoals goals(String orgId) {
        long now = System.currentTimeMillis();
        Long at = loadedAt.get(orgId);
        if (at != null && now - at < refreshMs) {
            return goals.get(orgId);
        }
        OrgGoals g = query(orgId);
        goals.put(orgId, g);
        loadedAt.put(orgId, now);
        return g;
    }

    private OrgGoals query(String orgId) {
        String sql = "SELECT o.currency, o.time_zone, s.target_roas, s.monthly_budget FROM organizations o "
                + "LEFT JOIN brain_settings s ON s.organization_id = o.id WHERE o.id = ?::uuid";
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return OrgGoals.defaults("USD");
                }
                double target = rs.getBigDecimal(3) == null ? OrgGoals.DEFAULT_TARGET_ROAS : rs.getBigDecimal(3).doubleValue();
                Double budget = rs.getBigDecimal(4) == null ? null : rs.getBigDecimal(4).doubleValue();
                return new OrgGoals(rs.getString(1).trim(), rs.getString(2), target, budget);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the goals of organization " + orgId + " from "
                    + db.safeDescription() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long lastVersion(String orgId) {
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT coalesce(max(version), 0) FROM brain_states WHERE organization_id = ?::uuid")) {
            ps.setString(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the last brain version of " + orgId + " from "
                    + db.safeDescription() + ": " + e.getMessage(), e);
        }
    }

    /** At most this many rows per organization are reloaded (about 100 days of 200 channels and 1,800 creatives). */
    static final int MAX_HISTORY_ROWS = 200_000;
    static final int HISTORY_QUERY_SECONDS = 60;

    private static final String CHANNEL_DAYS = """
            SELECT m.channel_id::text, c.platform, c.external_id, c.name, m.date, m.spend, m.impressions, m.clicks,
                   m.conversions, m.conversion_value, m.attributed_revenue, m.attributed_orders, m.roas, m.cpa, m.ctr,
                   m.cpc, m.cpm, m.currency, m.as_of
              FROM daily_metrics m LEFT JOIN channels c ON c.id = m.channel_id AND c.organization_id = m.organization_id
             WHERE m.organization_id = ?::uuid AND m.date >= ? ORDER BY m.date LIMIT ?""";
    private static final String CREATIVE_DAYS = """
            SELECT m.channel_id::text, m.creative_id::text, c.platform, k.external_id, k.name, m.date, m.spend,
                   m.impressions, m.clicks, m.conversions, m.conversion_value, m.attributed_revenue,
                   m.attributed_orders, m.reach, m.frequency, m.roas, m.cpa, m.ctr, m.cpc, m.cpm, m.day_source,
                   m.reported_at, m.currency, m.as_of
              FROM creative_daily_metrics m
              LEFT JOIN creatives k ON k.id = m.creative_id AND k.organization_id = m.organization_id
              LEFT JOIN channels c ON c.id = m.channel_id AND c.organization_id = m.organization_id
             WHERE m.organization_id = ?::uuid AND m.date >= ? ORDER BY m.date LIMIT ?""";
    private static final String ORG_DAYS = """
            SELECT date, spend, conversion_value, store_revenue, orders, attributed_revenue, mer, currency, as_of
              FROM org_daily_metrics WHERE organization_id = ?::uuid AND date >= ? ORDER BY date LIMIT ?""";

    /** The last {@code days} days before the organization's latest day in the metrics tables, every query by org. */
    @Override
    public List<MetricsUpdate> history(String orgId, int days) {
        List<MetricsUpdate> out = new ArrayList<>();
        try (Connection c = connect()) {
            LocalDate latest = latestDay(c, orgId);
            if (latest == null) {
                return out;
            }
            LocalDate from = latest.minusDays(days);
            try (PreparedStatement ps = prepare(c, CHANNEL_DAYS, orgId, from, MAX_HISTORY_ROWS);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int i = 1;
                    String channelId = rs.getString(i++);
                    Platform platform = Platform.parse(rs.getString(i++)).orElse(null);
                    String externalId = rs.getString(i++);
                    String name = rs.getString(i++);
                    LocalDate date = rs.getObject(i++, LocalDate.class);
                    out.add(new MetricsUpdate(orgId, MetricsUpdate.CHANNEL, MetricsUpdate.DAY, channelId, null, platform,
                            externalId, name, date, null, rs.getBigDecimal(i++), rs.getLong(i++), rs.getLong(i++),
                            rs.getBigDecimal(i++), rs.getBigDecimal(i++), rs.getBigDecimal(i++), rs.getLong(i++), null,
                            null, rs.getBigDecimal(i++), rs.getBigDecimal(i++), rs.getBigDecimal(i++),
                            rs.getBigDecimal(i++), rs.getBigDecimal(i++), null, null, null, null, null,
                            trim(rs.getString(i++)), instant(rs.getTimestamp(i))));
                }
            }
            try (PreparedStatement ps = prepare(c, CREATIVE_DAYS, orgId, from, MAX_HISTORY_ROWS);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int i = 1;
                    String channelId = rs.getString(i++);
                    String creativeId = rs.getString(i++);
                    Platform platform = Platform.parse(rs.getString(i++)).orElse(null);
                    String externalId = rs.getString(i++);
                    String name = rs.getString(i++);
                    LocalDate date = rs.getObject(i++, LocalDate.class);
                    BigDecimal spend = rs.getBigDecimal(i++);
                    long impressions = rs.getLong(i++);
                    long clicks = rs.getLong(i++);
                    BigDecimal conversions = rs.getBigDecimal(i++);
                    BigDecimal value = rs.getBigDecimal(i++);
                    BigDecimal attributed = rs.getBigDecimal(i++);
                    long orders = rs.getLong(i++);
                    long reach = rs.getLong(i++);
                    Long reachOrNull = rs.wasNull() ? null : reach;
                    out.add(new MetricsUpdate(orgId, MetricsUpdate.CREATIVE, MetricsUpdate.DAY, channelId, creativeId,
                            platform, externalId, name, date, null, spend, impressions, clicks, conversions, value,
                            attributed, orders, reachOrNull, rs.getBigDecimal(i++), rs.getBigDecimal(i++),
                            rs.getBigDecimal(i++), rs.getBigDecimal(i++), rs.getBigDecimal(i++), rs.getBigDecimal(i++),
                            null, null, null, rs.getString(i++), instant(rs.getTimestamp(i++)), trim(rs.getString(i++)),
                            instant(rs.getTimestamp(i))));
                }
            }
            try (PreparedStatement ps = prepare(c, ORG_DAYS, orgId, from, MAX_HISTORY_ROWS);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MetricsUpdate(orgId, MetricsUpdate.ORG, MetricsUpdate.DAY, null, null, null, null, null,
                            rs.getObject(1, LocalDate.class), null, rs.getBigDecimal(2), 0, 0, BigDecimal.ZERO,
                            rs.getBigDecimal(3), rs.getBigDecimal(6), 0, null, null, null, null, null, null, null,
                            rs.getBigDecimal(4), rs.getLong(5), rs.getBigDecimal(7), null, null, trim(rs.getString(8)),
                            instant(rs.getTimestamp(9))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the stored day rows of organization " + orgId + " from "
                    + db.safeDescription() + ": " + e.getMessage(), e);
        }
    }

    static final int MAX_ALERTS = 1_000;

    /** The alerts as the DetectionJob published them ({@code payload}), newest first, at most {@link #MAX_ALERTS}. */
    @Override
    public List<Alert> alerts(String orgId, int resolvedDays) {
        List<Alert> out = new ArrayList<>();
        String sql = "SELECT payload::text FROM alerts WHERE organization_id = ?::uuid AND payload IS NOT NULL "
                + "AND (status <> 'resolved' OR detected_at >= now() - make_interval(days => ?)) "
                + "ORDER BY detected_at DESC LIMIT ?";
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, orgId);
            ps.setInt(2, resolvedDays);
            ps.setInt(3, MAX_ALERTS);
            ps.setQueryTimeout(HISTORY_QUERY_SECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Parsed<Alert> a = Json.read(rs.getString(1), Alert.class);
                    if (a.isOk() && orgId.equals(a.value().orgId())) {
                        out.add(a.value());
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the stored alerts of organization " + orgId + " from "
                    + db.safeDescription() + ": " + e.getMessage(), e);
        }
    }

    private static LocalDate latestDay(Connection c, String orgId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT greatest((SELECT max(date) FROM daily_metrics WHERE "
                + "organization_id = ?::uuid), (SELECT max(date) FROM org_daily_metrics WHERE organization_id = ?::uuid))")) {
            ps.setString(1, orgId);
            ps.setString(2, orgId);
            ps.setQueryTimeout(HISTORY_QUERY_SECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, LocalDate.class) : null;
            }
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, String orgId, LocalDate from, int limit)
            throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setString(1, orgId);
        ps.setObject(2, from);
        ps.setInt(3, limit);
        ps.setQueryTimeout(HISTORY_QUERY_SECONDS);
        ps.setFetchSize(5000);
        return ps;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }
}
