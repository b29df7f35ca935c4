package ai.omnify.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The launcher's database roles on a private PostgreSQL (its own state folder and port), through the launcher's own
 * shell functions: random per-install passwords kept 0600, never reset on a restart or when the operator set one,
 * and the public default of older launchers replaced once. Needs root and PostgreSQL 15, as {@code infra/omnify}
 * does (CI runs as root; {@code infra/omnify test} installs PostgreSQL first).
 */
class LauncherPasswordsIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final List<String> ROLES = List.of("owner", "app", "pipeline");
    private static Path state;
    private static int port;

    @BeforeAll
    static void startAPrivateCluster() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name"))
                        && Files.isExecutable(Path.of("/usr/lib/postgresql/15/bin/pg_ctl")),
                "needs root and PostgreSQL 15 (infra/omnify test provides both)");
        state = Files.createTempDirectory("omnify-launcher-it");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        launcher("pg_up", Map.of()).assertOk();
    }

    @AfterAll
    static void stopIt() throws Exception {
        if (state != null) {
            launcher("pg_down", Map.of());
            launcher("rm -rf \"$STATE\"", Map.of());
        }
    }

    @Test
    void aNewInstallGetsARandomPasswordPerRoleKeptReadableByItsOwnerAlone() throws Exception {
        Path file = state.resolve(LocalStack.PASSWORDS_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        Map<String, String> kept = kept();
        assertThat(kept.values()).doesNotHaveDuplicates().allMatch(p -> p.matches("[0-9a-f]{48}"));
        for (String role : ROLES) {
            assertThat(logsIn("omnify_" + role, kept.get(role))).isTrue();
            assertThat(logsIn("omnify_" + role, "omnify_" + role)).as("the old public default").isFalse();
        }
    }

    @Test
    void aRestartKeepsEveryPassword() throws Exception {
        Map<String, String> before = kept();
        launcher("pg_down && pg_up", Map.of()).assertOk();
        assertThat(kept()).isEqualTo(before);
        for (String role : ROLES) {
            assertThat(logsIn("omnify_" + role, before.get(role))).isTrue();
        }
    }

    @Test
    void aPasswordTheOperatorSetIsNeverReset() throws Exception {
        String generated = kept().get("pipeline");
        String chosen = "chosen-by-the-operator-" + port;
        launcher("db_set_password omnify_pipeline '" + chosen + "'", Map.of()).assertOk();
        try {
            launcher("pg_up", Map.of("OMNIFY_PIPELINE_PASSWORD", chosen)).assertOk();
            assertThat(logsIn("omnify_pipeline", chosen)).isTrue();

            // without it the launcher stops and says what to set, rather than resetting the role
            Run refused = launcher("pg_up", Map.of());
            assertThat(refused.status()).isNotZero();
            assertThat(refused.output()).contains("omnify_pipeline does not log in with the password from")
                    .contains("never resets an existing password");
            assertThat(logsIn("omnify_pipeline", chosen)).isTrue();
            assertThat(kept().get("pipeline")).isEqualTo(generated);
        } finally {
            launcher("db_set_password omnify_pipeline '" + generated + "'", Map.of()).assertOk();
        }
    }

    @Test
    void aRoleLeftWithTheOldPublicDefaultGetsARandomPasswordOnce() throws Exception {
        // what an install made by an older launcher has: the role's name as its password, and no file entry
        launcher("db_set_password omnify_app omnify_app && sed -i '/^OMNIFY_APP_PASSWORD=/d' \"$DB_PASSWORDS_FILE\"",
                Map.of()).assertOk();
        assertThat(kept()).doesNotContainKey("app");

        Run up = launcher("pg_up", Map.of());
        up.assertOk();
        assertThat(up.output()).contains("replaced the public default password of omnify_app");
        String replaced = kept().get("app");
        assertThat(replaced).matches("[0-9a-f]{48}");
        assertThat(logsIn("omnify_app", "omnify_app")).isFalse();
        assertThat(logsIn("omnify_app", replaced)).isTrue();

        launcher("pg_up", Map.of()).assertOk();
        assertThat(kept().get("app")).isEqualTo(replaced);
    }

    private static Map<String, String> kept() throws IOException {
        Map<String, String> m = new HashMap<>();
        for (String line : Files.readAllLines(state.resolve(LocalStack.PASSWORDS_FILE), StandardCharsets.UTF_8)) {
            for (String role : ROLES) {
                String prefix = LocalStack.passwordVariable(role) + "=";
                if (line.startsWith(prefix)) {
                    m.put(role, line.substring(prefix.length()));
                }
            }
        }
        return m;
    }

    private static boolean logsIn(String role, String password) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", role, password)) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    record Run(int status, String output) {
        void assertOk() {
            assertThat(status).as(output).isZero();
        }
    }

    /** Runs shell code with the launcher's libraries sourced, on the private state folder and port. */
    private static Run launcher(String code, Map<String, String> env) throws Exception {
        String script = "set -euo pipefail\nROOT='" + ROOT + "'\nCMD=test\n"
                + "for lib in common packages postgres; do source \"$ROOT/infra/lib/$lib.sh\"; done\n"
                + "prepare_dirs\n" + code + "\n";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        Map<String, String> e = pb.environment();
        for (String role : ROLES) {
            e.remove(LocalStack.passwordVariable(role));
        }
        e.put("OMNIFY_STATE_DIR", state.toString());
        e.put("OMNIFY_PG_PORT", Integer.toString(port));
        e.putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }
}
