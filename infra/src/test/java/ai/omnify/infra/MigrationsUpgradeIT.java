package ai.omnify.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An install made with the old migration numbers (V1, V2, V3, V15 ... V40, out-of-order mode) upgrades in place to the
 * one sequence: its history is renumbered, Flyway validates it without out-of-order mode, its data stays, and the
 * versions after it apply. A fresh database gets the sequence 1..N without gaps.
 */
class MigrationsUpgradeIT {
    private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__(.+)\\.sql");
    private static final Map<String, String> ROLES = Map.of("app_role", Migrations.DEFAULT_APP_ROLE,
            "pipeline_role", Migrations.DEFAULT_PIPELINE_ROLE);

    @TempDir
    Path legacy;
    @TempDir
    Path probe;
    @TempDir
    Path later;

    @Test
    void anInstallMadeWithTheOldNumbersUpgradesInPlaceAndTakesTheNextVersion() throws Exception {
        writeLegacyScripts(legacy);
        try (StackDatabase db = new StackDatabase()) {
            legacyFlyway(db, null).migrate();
            assertThat(versions(db)).containsExactly("1", "2", "3", "15", "16", "20", "21", "30", "31", "40");
            String org = createOrganization(db);

            int next = currentVersions().size() + 1;
            Files.writeString(probe.resolve("V" + next + "__upgrade_probe.sql"), "CREATE TABLE upgrade_probe (id int);\n");
            MigrateResult result = Migrations.migrate(db.owner(), Migrations.DEFAULT_APP_ROLE,
                    Migrations.DEFAULT_PIPELINE_ROLE, List.of("filesystem:" + probe));

            assertThat(result.success).isTrue();
            assertThat(result.migrationsExecuted).isEqualTo(next - LegacyVersions.RENUMBERED.size() - 3);
            assertThat(versions(db)).containsExactlyElementsOf(sequence(next));
            assertThat(Migrations.flyway(db.owner(), Migrations.DEFAULT_APP_ROLE, Migrations.DEFAULT_PIPELINE_ROLE,
                    List.of("filesystem:" + probe)).validateWithResult().validationSuccessful).isTrue();
            assertThat(count(db, "SELECT count(*) FROM organizations WHERE id = '" + org + "'")).isEqualTo(1);
            assertThat(count(db, "SELECT count(*) FROM upgrade_probe")).isZero();
        }
    }

    @Test
    void anInstallThatAppliedTheOldNumbersOutOfOrderUpgradesToo() throws Exception {
        writeLegacyScripts(legacy);
        try (StackDatabase db = new StackDatabase()) {
            // the brain's migrations landed after the accounts' on this install
            legacyFlyway(db, "21").migrate();
            for (String s : List.of("V30__brain.sql", "V31__brain_insights.sql")) {
                Files.move(legacy.resolve(s), later.resolve(s));
            }
            legacyFlyway(db, null).migrate();
            Flyway outOfOrder = Flyway.configure().dataSource(db.owner().jdbcUrl(), db.owner().user(), db.owner().password())
                    .locations("filesystem:" + legacy, "filesystem:" + later).outOfOrder(true).placeholders(ROLES).load();
            outOfOrder.migrate();
            assertThat(versions(db)).containsExactly("1", "2", "3", "15", "16", "20", "21", "40", "30", "31");

            MigrateResult result = Migrations.migrate(db.owner(), Migrations.DEFAULT_APP_ROLE, Migrations.DEFAULT_PIPELINE_ROLE);

            assertThat(result.success).isTrue();
            assertThat(Migrations.flyway(db.owner(), Migrations.DEFAULT_APP_ROLE, Migrations.DEFAULT_PIPELINE_ROLE, List.of())
                    .validateWithResult().validationSuccessful).isTrue();
            assertThat(versions(db)).containsExactlyInAnyOrderElementsOf(sequence(currentVersions().size()));
        }
    }

    @Test
    void aFreshDatabaseGetsOneSequenceWithoutGaps() throws Exception {
        try (StackDatabase db = new StackDatabase()) {
            Migrations.migrate(db.owner(), Migrations.DEFAULT_APP_ROLE, Migrations.DEFAULT_PIPELINE_ROLE);
            List<String> versions = versions(db);
            assertThat(versions).containsExactlyElementsOf(sequence(versions.size()));
            assertThat(versions).containsExactlyElementsOf(currentVersions());
        }
    }

    /** Today's first ten scripts under the numbers they had, contents unchanged. */
    private static void writeLegacyScripts(Path dir) throws IOException {
        Map<String, String> oldNumber = LegacyVersions.RENUMBERED.stream()
                .collect(Collectors.toMap(LegacyVersions.Renumbered::newVersion, LegacyVersions.Renumbered::oldVersion));
        try (Stream<Path> files = Files.list(migrationDir())) {
            for (Path f : files.toList()) {
                Matcher m = SCRIPT.matcher(f.getFileName().toString());
                if (m.matches() && Integer.parseInt(m.group(1)) <= 10) {
                    String version = oldNumber.getOrDefault(m.group(1), m.group(1));
                    Files.copy(f, dir.resolve("V" + version + "__" + m.group(2) + ".sql"));
                }
            }
        }
    }

    private Flyway legacyFlyway(StackDatabase db, String target) {
        var conf = Flyway.configure().dataSource(db.owner().jdbcUrl(), db.owner().user(), db.owner().password())
                .locations("filesystem:" + legacy).outOfOrder(true).placeholders(ROLES);
        return (target == null ? conf : conf.target(target)).load();
    }

    private static List<String> currentVersions() throws IOException {
        try (Stream<Path> files = Files.list(migrationDir())) {
            return files.map(f -> SCRIPT.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .sorted()
                    .map(String::valueOf)
                    .toList();
        }
    }

    /** The schema's scripts in the sources (failsafe runs against the packaged jar; Maven runs tests in the module). */
    private static Path migrationDir() {
        return Path.of("src/main/resources/db/migration");
    }

    private static List<String> sequence(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(String::valueOf).toList();
    }

    private static List<String> versions(StackDatabase db) throws SQLException {
        return query(db, "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank",
                rs -> {
                    try {
                        return rs.getString(1);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    private static String createOrganization(StackDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return OrgAdmin.createOrganization(c, "Installed Before", "EUR", "UTC").toString();
        }
    }

    private static long count(StackDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static <T> List<T> query(StackDatabase db, String sql, Function<ResultSet, T> row) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.apply(rs));
            }
            return out;
        }
    }
}
