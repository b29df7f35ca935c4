package ai.omnify.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The one way request work reaches PostgreSQL. {@link #inOrg} runs the work in a transaction that first sets
 * {@code omnify.org_id} (transaction-local), so row-level security confines the application role to that organization,
 * behind the {@code organization_id = ?} every statement also carries; {@link #withoutOrg} is for the SECURITY DEFINER
 * look-ups that precede knowing the organization. Each call commits on success and rolls back on any failure; a
 * database failure becomes a {@link DataAccessException} that says whether the database was unreachable.
 */
public final class TenantDb {
    private static final String SET_ORG = "SELECT set_config('omnify.org_id', ?, true)";

    private final DataSource dataSource;

    public TenantDb(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Runs {@code work} as the given organization. */
    public <T> T inOrg(UUID orgId, SqlWork<T> work) {
        Objects.requireNonNull(orgId, "orgId");
        return transaction(orgId, work);
    }

    /**
     * Runs {@code work} with no organization set: row-level security then shows no tenant rows at all. Only for what
     * precedes knowing the organization, such as finding an API key through its SECURITY DEFINER function.
     */
    public <T> T withoutOrg(SqlWork<T> work) {
        return transaction(null, work);
    }

    /** True when a connection can be had and answers within the timeout. */
    public boolean ping(int timeoutSeconds) {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(timeoutSeconds);
        } catch (SQLException e) {
            return false;
        }
    }

    private <T> T transaction(UUID orgId, SqlWork<T> work) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new DataAccessException("no database connection: " + e.getMessage(), e,
                    e instanceof SQLTransientConnectionException || isConnectionFailure(e));
        }
        // the pool puts auto-commit back as it was when the connection returns
        try (c) {
            if (c.getAutoCommit()) {
                c.setAutoCommit(false);
            }
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
            } catch (Throwable t) {
                rollbackQuietly(c, t);
                throw t;
            }
        } catch (SQLException e) {
            throw new DataAccessException("database error: " + e.getMessage(), e, isConnectionFailure(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** SQLState class 08 is "connection exception". */
    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }
}
