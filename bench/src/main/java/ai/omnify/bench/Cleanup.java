package ai.omnify.bench;

import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
     * Drops the database if it is still there: a first drop can race a client of a just-cancelled job reconnecting
     * ({@link TestDatabase#drop} tries a few times).
     */
    public static void dropDatabase(String name) {
        TestDatabase.drop(name);
    }
}
