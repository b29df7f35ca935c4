package ai.omnify.jobs.reference;

import ai.omnify.config.DatabaseConfig;
import ai.omnify.model.fx.FxTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Organizations and exchange rates read from PostgreSQL, reloaded every {@code refresh}, and at once (at most every
 * few seconds) when an organization is asked for that was not there yet.
 */
public final class JdbcReferenceData implements ReferenceData {
    private static final long serialVersionUID = 1L;
    private static final long MISS_RELOAD_MS = 3000;

    private final DatabaseConfig db;
    private final long refreshMs;

    private transient volatile Map<String, OrgSettings> orgs;
    private transient volatile FxTable fx;
    private transient long loadedAt;
    private transient long lastMissReload;

    public JdbcReferenceData(DatabaseConfig db, Duration refresh) {
        this.db = db;
        this.refreshMs = refresh.toMillis();
    }

    @Override
    public void open() throws SQLException {
        load();
    }

    @Override
    public Optional<OrgSettings> org(String orgId) {
        refreshIfStale();
        OrgSettings s = orgs.get(orgId);
        long now = System.currentTimeMillis();
        if (s == null && now - lastMissReload > MISS_RELOAD_MS) {
            lastMissReload = now;
            reload();
            s = orgs.get(orgId);
        }
        return Optional.ofNullable(s);
    }

    @Override
    public FxTable fx() {
        refreshIfStale();
        return fx;
    }

    private void refreshIfStale() {
        if (System.currentTimeMillis() - loadedAt > refreshMs) {
            reload();
        }
    }

    private void reload() {
        try {
            load();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read organizations and fx_rates from " + db.safeDescription(), e);
        }
    }

    private synchronized void load() throws SQLException {
        Map<String, OrgSettings> o = new HashMap<>();
        List<FxTable.Rate> rates = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, currency, time_zone FROM organizations")) {
                while (rs.next()) {
                    o.put(rs.getString(1), new OrgSettings(rs.getString(2).trim(), rs.getString(3)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT base, quote, rate_date, rate FROM fx_rates")) {
                while (rs.next()) {
                    rates.add(new FxTable.Rate(rs.getString(1).trim(), rs.getString(2).trim(),
                            rs.getObject(3, java.time.LocalDate.class), rs.getBigDecimal(4)));
                }
            }
        }
        orgs = o;
        fx = FxTable.of(rates);
        loadedAt = System.currentTimeMillis();
    }
}
