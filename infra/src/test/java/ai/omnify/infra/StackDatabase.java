package ai.omnify.infra;

import ai.omnify.config.DatabaseConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * An empty database on the running local stack (OMNIFY_TEST_PG), owned by omnify_owner, dropped on close. The
 * infra module cannot use test-support (which depends on it), so it makes its own.
 */
final class StackDatabase implements AutoCloseable {
    private static final String HOST_PORT = env("OMNIFY_TEST_PG", "127.0.0.1:5432");
    // a stack made by an older launcher still has the role's name as its password
    private static final String OWNER_PASSWORD = LocalStack.password("owner", System.getenv(), Path.of(""))
            .orElse("omnify_owner");

    final String name = "omnify_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    StackDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), "omnify_owner", OWNER_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    DatabaseConfig owner() {
        return new DatabaseConfig(url(name), "omnify_owner", OWNER_PASSWORD);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(name), "omnify_owner", OWNER_PASSWORD);
    }

    private static String url(String database) {
        return "jdbc:postgresql://" + HOST_PORT + "/" + database;
    }

    private static String env(String name, String fallback) {
        Map<String, String> e = System.getenv();
        String v = e.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), "omnify_owner", OWNER_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
