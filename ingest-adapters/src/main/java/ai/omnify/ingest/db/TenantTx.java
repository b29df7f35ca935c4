package ai.omnify.ingest.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Transactions of the ingest service's own tables. {@link #inOrg} sets {@code omnify.org_id} first, so row-level
 * security confines the application role to that organization (behind the {@code organization_id = ?} every
 * statement carries); {@link #withoutOrg} is for the SECURITY DEFINER look-ups that precede knowing the organization.
 * A database failure becomes {@link DatabaseUnavailableException}.
 */
public final class TenantTx {
    private static final String SET_ORG = "SELECT set_config('omnify.org_id', ?, true)";

    /** Work inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    public TenantTx(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public <T> T inOrg(UUID orgId, Work<T> work) {
        return run(Objects.requireNonNull(orgId, "orgId"), work);
    }

    public <T> T withoutOrg(Work<T> work) {
        return run(null, work);
    }

    private <T> T run(UUID orgId, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                if (orgId != null) {
                    try (PreparedStatement ps = c.prepareStatement(SET_ORG)) {
                        ps.setString(1, orgId.toString());
                        ps.executeQuery().close();
                    }
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("database error: " + e.getMessage(), e);
        }
    }
}
