package ai.omnify.jobs.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.metrics.MetricsJob;
import ai.omnify.testing.MainProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job (the MetricsJob's main, as a local run or a cluster submission calls it) refuses a public database password. */
class PublicDatabasePasswordIT {
    @Test
    void submittedWithThePipelineRolesOldDefaultItRefusesToBuildTheJob() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_USER", null);
        env.put("DATABASE_PASSWORD", "omnify_pipeline");
        env.put("DATABASE_ALLOW_DEFAULT_PASSWORD", null);
        env.put("FLINK_WEB_UI_PORT", "0");
        MainProcess.Result r = MainProcess.run(MetricsJob.class, env, Duration.ofSeconds(60));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output())
                .contains("DATABASE_PASSWORD is not set, or is a public default, for the database role omnify_pipeline")
                .doesNotContain("restoring from checkpoint");
    }
}
