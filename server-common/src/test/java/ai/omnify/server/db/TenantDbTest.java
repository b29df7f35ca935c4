package ai.omnify.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The transaction around request work, on a recording fake connection (the services' ITs run it on PostgreSQL). */
class TenantDbTest {
    final UUID org = UUID.randomUUID();
    final List<String> calls = new ArrayList<>();
    boolean autoCommit = true;

    @Test
    void inOrgSetsTheOrganizationFirstAndCommits() {
        TenantDb db = new TenantDb(dataSource(null));
        String result = db.inOrg(org, c -> {
            calls.add("work");
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(calls).containsExactly("setAutoCommit(false)",
                "prepare SELECT set_config('omnify.org_id', ?, true)", "set 1=" + org, "query", "work", "commit",
                "close");
    }

    @Test
    void withoutOrgSetsNoOrganization() {
        new TenantDb(dataSource(null)).withoutOrg(c -> calls.add("work"));
        assertThat(calls).containsExactly("setAutoCommit(false)", "work", "commit", "close");
    }

    @Test
    void aFailingStatementRollsBackAndSaysWhetherTheDatabaseWasReachable() {
        TenantDb db = new TenantDb(dataSource(null));
        assertThatThrownBy(() -> db.withoutOrg(c -> {
            throw new SQLException("duplicate key", "23505");
        })).isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(e.unavailable()).isFalse());
        assertThat(calls).contains("rollback").doesNotContain("commit");

        calls.clear();
        assertThatThrownBy(() -> db.withoutOrg(c -> {
            throw new SQLException("connection reset", "08006");
        })).isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(e.unavailable()).isTrue());
        assertThat(calls).contains("rollback");
    }

    @Test
    void aRuntimeFailureRollsBackAndPassesAsItIs() {
        TenantDb db = new TenantDb(dataSource(null));
        assertThatThrownBy(() -> db.inOrg(org, c -> {
            throw new IllegalStateException("a bug");
        })).isExactlyInstanceOf(IllegalStateException.class);
        assertThat(calls).contains("rollback", "close").doesNotContain("commit");
    }

    @Test
    void noConnectionIsUnavailable() {
        assertThatThrownBy(() -> new TenantDb(dataSource(new SQLTransientConnectionException("pool timeout")))
                .withoutOrg(c -> 1)).isInstanceOfSatisfying(DataAccessException.class,
                        e -> assertThat(e.unavailable()).isTrue());
        assertThatThrownBy(() -> new TenantDb(dataSource(new SQLException("refused", "08001"))).withoutOrg(c -> 1))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(e.unavailable()).isTrue());
        assertThatThrownBy(() -> new TenantDb(dataSource(new SQLException("no such role", "28000"))).withoutOrg(c -> 1))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(e.unavailable()).isFalse());
        assertThat(new TenantDb(dataSource(new SQLException("refused", "08001"))).ping(1)).isFalse();
    }

    private DataSource dataSource(SQLException refusal) {
        return proxy(DataSource.class, (name, args) -> {
            if (!name.equals("getConnection")) {
                throw new UnsupportedOperationException(name);
            }
            if (refusal != null) {
                throw refusal;
            }
            return connection();
        });
    }

    private Connection connection() {
        return proxy(Connection.class, (name, args) -> switch (name) {
            case "getAutoCommit" -> autoCommit;
            case "setAutoCommit" -> {
                autoCommit = (Boolean) args[0];
                calls.add("setAutoCommit(" + args[0] + ")");
                yield null;
            }
            case "prepareStatement" -> {
                calls.add("prepare " + args[0]);
                yield statement();
            }
            case "isValid" -> true;
            case "commit", "rollback", "close" -> {
                calls.add(name);
                yield null;
            }
            default -> throw new UnsupportedOperationException(name);
        });
    }

    private PreparedStatement statement() {
        return proxy(PreparedStatement.class, (name, args) -> switch (name) {
            case "setString" -> {
                calls.add("set " + args[0] + "=" + args[1]);
                yield null;
            }
            case "executeQuery" -> {
                calls.add("query");
                yield proxy(ResultSet.class, (n, a) -> null);
            }
            case "close" -> null;
            default -> throw new UnsupportedOperationException(name);
        });
    }

    @FunctionalInterface
    interface Calls {
        Object call(String method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Calls calls) {
        return (T) Proxy.newProxyInstance(TenantDbTest.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> calls.call(method.getName(), args));
    }
}
