package ai.omnify.api;

import ai.omnify.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Statements as the schema owner inside one organization ({@code omnify.org_id} set for the transaction), for tables
 * whose row-level security is FORCEd even for the owner (alert_subscriptions, alert_rules, brain_insights, ...).
 */
public final class TenantRows {
    private TenantRows() {}

    public static int execute(TestDatabase db, UUID org, String sql, Object... args) {
        return inOrg(db, org, sql, args, false).size();
    }

    public static List<Map<String, Object>> query(TestDatabase db, UUID org, String sql, Object... args) {
        return inOrg(db, org, sql, args, true);
    }

    private static List<Map<String, Object>> inOrg(TestDatabase db, UUID org, String sql, Object[] args,
            boolean query) {
        try (Connection c = db.ownerConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement set = c.prepareStatement("SELECT set_config('omnify.org_id', ?, true)")) {
                set.setString(1, org.toString());
                set.executeQuery().close();
            }
            List<Map<String, Object>> out;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                if (query) {
                    try (ResultSet rs = ps.executeQuery()) {
                        out = TestDatabase.rows(rs);
                    }
                } else {
                    out = java.util.Collections.nCopies(ps.executeUpdate(), Map.of());
                }
            }
            c.commit();
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
