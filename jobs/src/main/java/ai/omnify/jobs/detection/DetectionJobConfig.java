package ai.omnify.jobs.detection;

import ai.omnify.model.Topics;
import ai.omnify.config.DatabaseConfig;
import ai.omnify.config.Env;
import ai.omnify.jobs.detection.window.BackfillBarrier;
import ai.omnify.jobs.detection.window.UpstreamProgress;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration of the DetectionJob, from environment variables (each with a local default); see
 * {@link DetectionJob#usage()}.
 */
public record DetectionJobConfig(
        String kafkaBootstrap,
        Topics topics,
        String groupId,
        DatabaseConfig database,
        int parallelism,
        Duration checkpointInterval,
        String checkpointDir,
        int webUiPort,
        DetectionSettings settings,
        String upstreamGroupId,
        Duration backfillMaxWait) {

    public static DetectionJobConfig fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        DetectionSettings d = DetectionSettings.defaults();
        DetectorSettings dd = d.detectors();
        int minPoints = env.integer("DETECTION_WARMUP_WEEKS", dd.minPoints(), 1, 52);
        DetectorSettings detectors = new DetectorSettings(
                minPoints,
                env.integer("DETECTION_HISTORY_WEEKS", Math.max(dd.weeks(), minPoints), minPoints, 52),
                dd.minCount(),
                dd.minSpend(),
                env.integer("DETECTION_PACING_FROM_HOUR", dd.pacingFromHour(), 1, 24),
                env.integer("DETECTION_RESOLVE_AFTER", dd.resolveAfter(), 1, 100),
                env.duration("DETECTION_COOLDOWN", dd.cooldown()),
                env.integer("DETECTION_FATIGUE_WINDOWS", dd.fatigueWindows(), 2, 30),
                env.integer("DETECTION_FATIGUE_WARMUP", dd.fatigueWarmup(), 0, 365));
        DetectionSettings settings = new DetectionSettings(
                env.duration("DETECTION_OUT_OF_ORDERNESS", d.outOfOrderness()),
                env.duration("DETECTION_IDLENESS", d.idleness()),
                env.duration("DETECTION_SETTLE", d.settle()),
                d.windowStateTtl(),
                detectors,
                env.duration("DETECTION_FATIGUE_OUT_OF_ORDERNESS", d.fatigueOutOfOrderness()),
                env.duration("DETECTION_DAY_MATURITY", d.dayMaturity()),
                env.duration("DETECTION_HOUR_MATURITY", d.hourMaturity()),
                env.duration("DETECTION_BACKFILL_QUIET", d.backfillQuiet()));
        String dir = env.string("DETECTION_CHECKPOINT_DIR", null);
        if (dir == null) {
            String shared = env.string("OMNIFY_CHECKPOINT_DIR", null);
            // its own directory: the local restore picks the newest checkpoint under it and prunes the others
            dir = shared == null ? Paths.get(System.getProperty("user.dir"), ".omnify", "checkpoints-detection")
                    .toUri().toString() : shared.replaceAll("/+$", "") + "-detection";
        }
        String groupId = env.string("DETECTION_GROUP_ID", "omnify-detection");
        String upstreamGroupId = env.string("DETECTION_UPSTREAM_GROUP_ID", env.string("METRICS_GROUP_ID",
                "omnify-metrics"));
        if (upstreamGroupId.equalsIgnoreCase("none")) {
            upstreamGroupId = "";
        }
        if (upstreamGroupId.equals(groupId)) {
            throw new Env.ConfigException("DETECTION_UPSTREAM_GROUP_ID (" + upstreamGroupId + ") is the DetectionJob's"
                    + " own DETECTION_GROUP_ID: set it to the MetricsJob's METRICS_GROUP_ID, or to none to not check it");
        }
        return new DetectionJobConfig(
                env.string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                Topics.fromEnv(vars),
                groupId,
                DatabaseConfig.fromEnv(vars, "omnify_pipeline", "omnify_pipeline"),
                env.integer("DETECTION_PARALLELISM", 2, 1, 256),
                env.duration("DETECTION_CHECKPOINT_INTERVAL", Duration.ofSeconds(10)),
                dir,
                env.integer("DETECTION_WEB_UI_PORT", 8082, 0, 65535),
                settings,
                upstreamGroupId,
                env.duration("DETECTION_BACKFILL_MAX_WAIT", Duration.ofMinutes(10)));
    }

    /** Where the backfill barrier asks how far the organizations' backfills have come ({@link BackfillBarrier}). */
    public UpstreamProgress upstreamProgress() {
        return new UpstreamProgress(kafkaBootstrap, topics, upstreamGroupId, groupId, database,
                settings.backfillQuiet(), backfillMaxWait);
    }
}
