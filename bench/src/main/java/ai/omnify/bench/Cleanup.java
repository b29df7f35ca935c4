package ai.omnify.bench;

import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/** Removing what a benchmark made: directories, consumer groups, and its database when a first drop raced. */
public final class Cleanup {
    private Cleanup() {}

    /** Deletes a directory and everything in it; quietly does nothing when it is not there. */
    public static void deleteDirectory(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }

    /** Deletes consumer groups (their committed offsets); best effort. */
    public static void deleteGroups(List<String> groups) {
        try (Admin admin = TestKafka.admin()) {
            admin.deleteConsumerGroups(groups).all().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            // a leftover group is harmless
        }
    }

    /**
     * Drops the database if it is still there: {@code TestDatabase.close()} gives up quietly when a client of a
     * just-cancelled job reconnects during its drop. A few tries, a second apart.
     */
    public static void dropDatabase(String name) {
        for (int attempt = 0; attempt < 5; attempt++) {
            try (Connection c = DriverManager.getConnection(TestStack.jdbcUrl("postgres"), TestStack.OWNER_USER,
                    TestStack.OWNER_PASSWORD); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                return;
            } catch (SQLException e) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        System.err.println("bench: could not drop database " + name + "; drop it by hand");
    }
}
