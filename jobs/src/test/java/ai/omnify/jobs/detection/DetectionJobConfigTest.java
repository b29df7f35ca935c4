package ai.omnify.jobs.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.config.Env;
import ai.omnify.jobs.detection.window.UpstreamProgress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectionJobConfigTest {
    @Test
    void theMetricsJobsGroupIsItsOwnVariableOrTheMetricsJobsOrItsDefault() {
        DetectionJobConfig d = DetectionJobConfig.fromEnv(Map.of());
        assertThat(d.upstreamGroupId()).isEqualTo("omnify-metrics");
        assertThat(d.backfillMaxWait()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.upstreamProgress()).isEqualTo(new UpstreamProgress("127.0.0.1:9092", d.topics(), "omnify-metrics",
                "omnify-detection", d.database(), Duration.ofSeconds(30), Duration.ofMinutes(10)));
        assertThat(DetectionJobConfig.fromEnv(Map.of("METRICS_GROUP_ID", "m2")).upstreamGroupId()).isEqualTo("m2");
        assertThat(DetectionJobConfig.fromEnv(Map.of("METRICS_GROUP_ID", "m2", "DETECTION_UPSTREAM_GROUP_ID", "m3"))
                .upstreamGroupId()).isEqualTo("m3");
        assertThat(DetectionJobConfig.fromEnv(Map.of("DETECTION_UPSTREAM_GROUP_ID", "none")).upstreamGroupId())
                .isEmpty();
        assertThat(DetectionJobConfig.fromEnv(Map.of("DETECTION_BACKFILL_MAX_WAIT", "2m")).backfillMaxWait())
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void theDetectionJobsOwnGroupIsRefusedAsTheMetricsJobs() {
        assertThatThrownBy(() -> DetectionJobConfig.fromEnv(Map.of("DETECTION_UPSTREAM_GROUP_ID", "omnify-detection")))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("METRICS_GROUP_ID");
    }
}
