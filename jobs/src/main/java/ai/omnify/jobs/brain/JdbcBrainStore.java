package ai.omnify.jobs.brain;

import ai.omnify.model.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Goals from {@code organizations} and {@code brain_settings}, cached for {@code refresh}; versions from {@code brain_states}. */
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

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }
}
