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
    private static TestDatabase template;

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    /**
     * Creates {@code omnify_it_<random>} with the whole schema. It is a copy of this JVM's migrated template (made by
     * the first call, dropped when the JVM exits): PostgreSQL copies a database a few times faster than Flyway
     * migrates one. Fails with what to do when PostgreSQL is not reachable.
     */
    public static TestDatabase create() {
        TestDatabase source = template();
        try {
            return source.copy();
        } catch (IllegalStateException e) {
            return migrated(); // e.g. the template was dropped under this JVM
        }
    }

    private static synchronized TestDatabase template() {
        if (template == null) {
            template = migrated();
            Runtime.getRuntime().addShutdownHook(new Thread(template::close, "drop " + template.name));
        }
        return template;
    }

    /** A new database, migrated by Flyway. */
    private static TestDatabase migrated() {
        TestDatabase db = new TestDatabase(newName());
        db.createAs("CREATE DATABASE " + db.name);
        Migrations.migrate(db.config(TestStack.OWNER_USER, TestStack.OWNER_PASSWORD),
                Migrations.DEFAULT_APP_ROLE, Migrations.DEFAULT_PIPELINE_ROLE);
        return db;
    }

    /** A new database with this one's schema and rows, copied by PostgreSQL; nobody may be connected to this one. */
    private TestDatabase copy() {
        TestDatabase db = new TestDatabase(newName());
        db.createAs("CREATE DATABASE " + db.name + " TEMPLATE " + name);
        return db;
    }

    private static String newName() {
        return "omnify_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private void createAs(String statement) {
        try (Connection c = DriverManager.getConnection(TestStack.jdbcUrl("postgres"), TestStack.OWNER_USER, TestStack.OWNER_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on PostgreSQL at "
                    + TestStack.postgresHostPort() + " as " + TestStack.OWNER_USER + " (" + e.getMessage()
                    + "); run the tests with 'infra/omnify test', or start the stack with 'infra/omnify up'", e);
        }
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

    /** Whether OMNIFY_KEEP_TEST_DB=true asks to keep what the tests made (to look at it after a failure). */
    public static boolean keep() {
        return "true".equalsIgnoreCase(System.getenv("OMNIFY_KEEP_TEST_DB"));
    }

    /** Drops the database, unless OMNIFY_KEEP_TEST_DB=true (to look at it after a failure). */
    @Override
    public void close() {
        if (keep()) {
            System.err.println("kept test database " + name + " (OMNIFY_KEEP_TEST_DB=true)");
            return;
        }
        drop(name);
    }

    /**
     * Drops a database if it is there. A client of a just-cancelled job may reconnect while it is dropped: a few
     * tries, a second apart, then a line on stderr (a leftover is harmless: 'infra/omnify test' drops old ones).
     */
    public static void drop(String database) {
        for (int attempt = 0; attempt < 5; attempt++) {
            try (Connection c = DriverManager.getConnection(TestStack.jdbcUrl("postgres"), TestStack.OWNER_USER,
                    TestStack.OWNER_PASSWORD); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                return;
            } catch (SQLException e) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        System.err.println("could not drop test database " + database + "; drop it by hand");
    }
}
