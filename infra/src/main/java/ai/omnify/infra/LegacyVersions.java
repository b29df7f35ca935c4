package ai.omnify.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The schema's migrations before they became one sequence: V1, V2, V3, V15, V16, V20, V21, V30, V31, V40, applied
 * with Flyway's out-of-order mode. They are the same files, renumbered V1 to V10 with their contents (and so their
 * checksums) unchanged. An install that applied them under the old numbers gets its history rows renumbered before
 * Flyway validates it; a row whose description or checksum differs is left alone, and Flyway's validation names it.
 */
final class LegacyVersions {
    /** One renumbered migration: its old and new version, and what identifies the file (description, checksum). */
    record Renumbered(String oldVersion, String newVersion, String description, int checksum) {
        String script() {
            return "V" + newVersion + "__" + description.replace(' ', '_') + ".sql";
        }

        String oldScript() {
            return "V" + oldVersion + "__" + description.replace(' ', '_') + ".sql";
        }
    }

    static final List<Renumbered> RENUMBERED = List.of(
            new Renumbered("15", "4", "connections and sync", 1409252657),
            new Renumbered("16", "5", "ad entities", -1401532249),
            new Renumbered("20", "6", "alert rules and alert fields", 433341334),
            new Renumbered("21", "7", "alert subscriptions", -1554120280),
            new Renumbered("30", "8", "brain", -525906264),
            new Renumbered("31", "9", "brain insights", -1481771771),
            new Renumbered("40", "10", "accounts", 1435328529));

    private LegacyVersions() {}

    /** Renumbers an old install's history in one transaction; returns how many rows changed (0 when none is old). */
    static int renumber(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass('flyway_schema_history') IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return 0;
            }
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        int changed = 0;
        try (PreparedStatement ps = c.prepareStatement("UPDATE flyway_schema_history SET version = ?, script = ?"
                + " WHERE version = ? AND description = ? AND checksum = ? AND type = 'SQL'")) {
            for (Renumbered r : RENUMBERED) {
                ps.setString(1, r.newVersion());
                ps.setString(2, r.script());
                ps.setString(3, r.oldVersion());
                ps.setString(4, r.description());
                ps.setInt(5, r.checksum());
                changed += ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return changed;
    }
}
