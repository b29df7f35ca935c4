package ai.omnify.testing;

import ai.omnify.infra.Migrations;
import ai.omnify.infra.OrgAdmin;
import ai.omnify.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database with the whole schema, made for one test class on the real PostgreSQL and dropped on close.
 * Connections as the owner (sees every row), the application role (row-level security applies) or the pipeline role.
 */
public final class TestDatabase implements AutoCloseable {
    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    /** Creates {@code omnify_it_<random>} and migrates it. Fails with what to do when PostgreSQL is not reachable. */
    public static TestDatabase create() {
        String name = "omnify_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(TestStack.jdbcUrl("postgres"), TestStack.OWNER_USER, TestStack.OWNER_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL at " + TestStack.postgresHostPort()
                    + " as " + TestStack.OWNER_USER + " (" + e.getMessage()
                    + "); run the tests with 'infra/omnify test', or start the stack with 'infra/omnify up'", e);
        }
        TestDatabase db = new TestDatabase(name);
        Migrations.migrate(db.config(TestStack.OWNER_USER, TestStack.OWNER_PASSWORD),
                Migrations.DEFAULT_APP_ROLE, Migrations.DEFAULT_PIPELINE_ROLE);
        return db;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return TestStack.jdbcUrl(name);
    }

    public DatabaseConfig ownerConfig() {
        return config(TestStack.OWNER_USER, TestStack.OWNER_PASSWORD);
    }

    public DatabaseConfig appConfig() {
        return config(TestStack.APP_USER, TestStack.APP_PASSWORD);
    }

    public DatabaseConfig pipelineConfig() {
        return config(TestStack.PIPELINE_USER, TestStack.PIPELINE_PASSWORD);
    }

    private DatabaseConfig config(String user, String password) {
        return new DatabaseConfig(jdbcUrl(), user, password);
    }

    /** DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD for a program that runs as the given role. */
    public Map<String, String> env(DatabaseConfig role) {
        Map<String, String> m = new HashMap<>();
        m.put("DATABASE_URL", role.jdbcUrl());
        m.put("DATABASE_USER", role.user());
        m.put("DATABASE_PASSWORD", role.password());
        return m;
    }

    public Connection ownerConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), TestStack.OWNER_USER, TestStack.OWNER_PASSWORD);
    }

    public Connection appConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), TestStack.APP_USER, TestStack.APP_PASSWORD);
    }

    /** A new organization with the given reporting currency. */
    public UUID createOrganization(String orgName, String currency, String timeZone) {
        try (Connection c = ownerConnection()) {
            return OrgAdmin.createOrganization(c, orgName, currency, timeZone);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public UUID createOrganization(String orgName, String currency) {
        return createOrganization(orgName, currency, "UTC");
    }

    /** A new API key for the organization, returned in clear. */
    public String createApiKey(UUID orgId, String... scopes) {
        try (Connection c = ownerConnection()) {
            return OrgAdmin.createApiKey(c, orgId, "test", scopes.length == 0 ? List.of("read", "ingest", "act", "admin") : List.of(scopes));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement as the owner. */
    public int execute(String sql, Object... args) {
        try (Connection c = ownerConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs a query as the owner; each row a map from lower-case column name to value. */
    public List<Map<String, Object>> query(String sql, Object... args) {
        try (Connection c = ownerConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rows(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<Map<String, Object>> out = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
            }
            out.add(row);
        }
        return out;
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    /** Drops the database, unless OMNIFY_KEEP_TEST_DB=true (to look at it after a failure). */
    @Override
    public void close() {
        if ("true".equalsIgnoreCase(System.getenv("OMNIFY_KEEP_TEST_DB"))) {
            System.err.println("kept test database " + name + " (OMNIFY_KEEP_TEST_DB=true)");
            return;
        }
        try (Connection c = DriverManager.getConnection(TestStack.jdbcUrl("postgres"), TestStack.OWNER_USER, TestStack.OWNER_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // a leftover test database is harmless; the next 'infra/omnify test' run drops old ones
        }
    }
}
