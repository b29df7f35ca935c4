package ai.omnify.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.testing.MainProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ingest service started with a public database password outside the demo refuses to start. */
class PublicDatabasePasswordIT {
    @Test
    void startedWithTheOldDefaultPasswordItRefusesToStartNamingTheVariable() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_USER", "omnify_app");
        env.put("DATABASE_PASSWORD", "omnify_app");
        env.put("DATABASE_ALLOW_DEFAULT_PASSWORD", null);
        env.put("INGEST_PORT", "0");
        MainProcess.Result r = MainProcess.run(IngestMain.class, env, Duration.ofSeconds(60));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output())
                .contains("DATABASE_PASSWORD is not set, or is a public default, for the database role omnify_app")
                .doesNotContain("ingest listening");
    }
}
