package ai.omnify.jobs.metrics;

import ai.omnify.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads a day's items back from the stored rows: for a channel-day, its creatives' day snapshots (where the day came
 * from one), hour snapshots and attributed orders; for an organization-day, its channels' day totals and all its
 * orders. The values are those the live path wrote, so merging a late item gives what the live path would have.
 */
public final class JdbcDayItemStore implements DayItemStore {
    private static final long serialVersionUID = 1L;

    public enum Level { CHANNEL_DAY, ORG_DAY }

    private static final String CREATIVE_DAYS = """
            SELECT m.creative_id, c.external_id, c.name, ch.external_id, ch.name, ch.platform, m.spend, m.impressions,
                   m.clicks, m.conversions, m.conversion_value, m.reach, m.reported_at, m.currency
              FROM creative_daily_metrics m
              LEFT JOIN creatives c ON c.id = m.creative_id
              LEFT JOIN channels ch ON ch.id = m.channel_id
             WHERE m.organization_id = ? AND m.channel_id = ? AND m.date = ? AND m.day_source = 'day'""";
    private static final String CREATIVE_HOURS = """
            SELECT m.creative_id, c.external_id, c.name, ch.external_id, ch.name, ch.platform, m.spend, m.impressions,
                   m.clicks, m.conversions, m.conversion_value, m.reach, m.reported_at, m.currency, m.hour
              FROM creative_hourly_metrics m
              LEFT JOIN creatives c ON c.id = m.creative_id
              LEFT JOIN channels ch ON ch.id = m.channel_id
             WHERE m.organization_id = ? AND m.channel_id = ? AND m.date = ?""";
    private static final String CHANNEL_ORDERS = """
            SELECT o.order_id, o.creative_id, o.platform, o.net_revenue, o.cancelled_at, o.updated_at,
                   o.reporting_currency, extract(hour FROM o.created_at AT TIME ZONE org.time_zone)::int
              FROM orders o JOIN organizations org ON org.id = o.organization_id
             WHERE o.organization_id = ? AND o.channel_id = ? AND o.order_date = ?""";
    private static final String CHANNEL_DAYS = """
            SELECT m.channel_id, ch.platform, ch.external_id, ch.name, m.spend, m.impressions, m.clicks, m.conversions,
                   m.conversion_value, m.attributed_revenue, m.attributed_orders, m.currency, m.as_of
              FROM daily_metrics m LEFT JOIN channels ch ON ch.id = m.channel_id
             WHERE m.organization_id = ? AND m.date = ?""";
    private static final String ORG_ORDERS = """
            SELECT o.order_id, o.creative_id, o.platform, o.net_revenue, o.cancelled_at, o.updated_at,
                   o.reporting_currency, extract(hour FROM o.created_at AT TIME ZONE org.time_zone)::int
              FROM orders o JOIN organizations org ON org.id = o.organization_id
             WHERE o.organization_id = ? AND o.order_date = ?""";

    private static final String STORED_RANGE_CHANNEL =
            "SELECT min(date), max(date) FROM daily_metrics WHERE organization_id = ?";
    private static final String STORED_RANGE_ORG =
            "SELECT min(date), max(date) FROM org_daily_metrics WHERE organization_id = ?";

    private final DatabaseConfig db;
    private final Level level;
    private transient Connection connection;
    /** Per organization, the dates it had stored rows for when this run first looked: [min, max], or null for none. */
    private transient java.util.Map<String, LocalDate[]> storedRanges;

    public JdbcDayItemStore(DatabaseConfig db, Level level) {
        this.db = db;
        this.level = level;
    }

    @Override
    public void open() {
        // connects on first use: most days are never late
    }

    @Override
    public List<Contribution> load(String dayKey) throws SQLException {
        String[] parts = dayKey.split("\\|");
        try {
            return level == Level.CHANNEL_DAY
                    ? loadChannelDay(parts[0], parts[1], LocalDate.parse(parts[2]))
                    : loadOrgDay(parts[0], LocalDate.parse(parts[1]));
        } catch (SQLException e) {
            closeQuietly();
            throw e;
        }
    }

    @Override
    public boolean mayHaveStored(String dayKey) throws SQLException {
        String[] parts = dayKey.split("\\|");
        String org = parts[0];
        LocalDate date = LocalDate.parse(parts[parts.length - 1]);
        if (storedRanges == null) {
            storedRanges = new java.util.HashMap<>();
        }
        if (!storedRanges.containsKey(org)) {
            try (PreparedStatement ps = connection().prepareStatement(
                    level == Level.CHANNEL_DAY ? STORED_RANGE_CHANNEL : STORED_RANGE_ORG)) {
                ps.setObject(1, UUID.fromString(org));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    LocalDate min = rs.getObject(1, LocalDate.class);
                    storedRanges.put(org, min == null ? null : new LocalDate[] {min, rs.getObject(2, LocalDate.class)});
                }
            } catch (SQLException e) {
                closeQuietly();
                throw e;
            }
        }
        LocalDate[] range = storedRanges.get(org);
        return range != null && !date.isBefore(range[0]) && !date.isAfter(range[1]);
    }

    private List<Contribution> loadChannelDay(String org, String channel, LocalDate date) throws SQLException {
        List<Contribution> out = new ArrayList<>();
        Connection c = connection();
        try (PreparedStatement ps = c.prepareStatement(CREATIVE_DAYS)) {
            bind(ps, org, channel, date);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(adItem(rs, org, channel, date, null));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(CREATIVE_HOURS)) {
            bind(ps, org, channel, date);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(adItem(rs, org, channel, date, rs.getInt(15)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(CHANNEL_ORDERS)) {
            bind(ps, org, channel, date);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(orderItem(rs, org, channel, date));
                }
            }
        }
        return out;
    }

    private List<Contribution> loadOrgDay(String org, LocalDate date) throws SQLException {
        List<Contribution> out = new ArrayList<>();
        Connection c = connection();
        try (PreparedStatement ps = c.prepareStatement(CHANNEL_DAYS)) {
            ps.setObject(1, UUID.fromString(org));
            ps.setObject(2, date);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String channel = rs.getString(1);
                    out.add(new Contribution(org, Contribution.CHANNEL, channel, channel, null, rs.getString(2),
                            rs.getString(3), rs.getString(4), null, date, null, rs.getBigDecimal(5), rs.getLong(6),
                            rs.getLong(7), rs.getBigDecimal(8), rs.getBigDecimal(9), null, rs.getBigDecimal(10),
                            rs.getLong(11), rs.getString(12).trim(), instant(rs, 13)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(ORG_ORDERS)) {
            ps.setObject(1, UUID.fromString(org));
            ps.setObject(2, date);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(orderItem(rs, org, null, date));
                }
            }
        }
        return out;
    }

    private static Contribution adItem(ResultSet rs, String org, String channel, LocalDate date, Integer hour) throws SQLException {
        long reach = rs.getLong(12);
        Long reachOrNull = rs.wasNull() ? null : reach;
        return new Contribution(org, Contribution.AD, rs.getString(2), channel, rs.getString(1), rs.getString(6),
                rs.getString(4), rs.getString(5), rs.getString(3), date, hour, rs.getBigDecimal(7), rs.getLong(8),
                rs.getLong(9), rs.getBigDecimal(10), rs.getBigDecimal(11), reachOrNull, java.math.BigDecimal.ZERO, 0,
                rs.getString(14).trim(), instant(rs, 13));
    }

    private static Contribution orderItem(ResultSet rs, String org, String channel, LocalDate date) throws SQLException {
        boolean cancelled = rs.getObject(5) != null;
        return new Contribution(org, Contribution.ORDER, rs.getString(1), channel,
                channel == null ? null : rs.getString(2), rs.getString(3), null, null, null, date, rs.getInt(8),
                java.math.BigDecimal.ZERO, 0, 0, java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO, null,
                rs.getBigDecimal(4), cancelled ? 0 : 1, rs.getString(7).trim(), instant(rs, 6));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static void bind(PreparedStatement ps, String org, String channel, LocalDate date) throws SQLException {
        ps.setObject(1, UUID.fromString(org));
        ps.setObject(2, UUID.fromString(channel));
        ps.setObject(3, date);
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        }
        return connection;
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // reconnect on next use
        }
        connection = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
