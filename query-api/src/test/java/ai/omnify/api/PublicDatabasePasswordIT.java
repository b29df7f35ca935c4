package ai.omnify.api;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.testing.MainProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query API, started as an operator would with a public database password and no demo flag, refuses to start. */
class PublicDatabasePasswordIT {
    private static final String REFUSAL =
            "DATABASE_PASSWORD is not set, or is a public default, for the database role omnify_app";

    @Test
    void startedWithTheOldDefaultPasswordItRefusesToStartNamingTheVariable() {
        MainProcess.Result r = MainProcess.run(QueryApiMain.class, env("omnify_app"), Duration.ofSeconds(60));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output()).contains(REFUSAL).doesNotContain("listening");
    }

    @Test
    void startedWithoutAPasswordItRefusesToStartToo() {
        MainProcess.Result r = MainProcess.run(QueryApiMain.class, env(null), Duration.ofSeconds(60));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output()).contains(REFUSAL);
    }

    private static Map<String, String> env(String password) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_USER", null);
        env.put("DATABASE_PASSWORD", password);
        env.put("DATABASE_ALLOW_DEFAULT_PASSWORD", null);
        env.put("QUERY_API_PORT", "0");
        return env;
    }
}
