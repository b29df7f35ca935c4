package ai.omnify.jobs.metrics;

import ai.omnify.model.Topics;
import ai.omnify.config.DatabaseConfig;
import ai.omnify.config.Env;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration of the MetricsJob, from environment variables (each with a local default):
 * KAFKA_BOOTSTRAP_SERVERS, OMNIFY_TOPIC_SUFFIX, DATABASE_URL/USER/PASSWORD (default user omnify_pipeline),
 * METRICS_PARALLELISM, METRICS_CHECKPOINT_INTERVAL, OMNIFY_CHECKPOINT_DIR, FLINK_WEB_UI_PORT,
 * METRICS_OUT_OF_ORDERNESS, METRICS_IDLENESS, METRICS_DEBOUNCE, METRICS_ALLOWED_LATENESS, METRICS_LATE_SETTLE,
 * METRICS_ORDER_STATE_TTL, METRICS_JDBC_BATCH_SIZE, METRICS_JDBC_BATCH_INTERVAL, METRICS_REFERENCE_REFRESH.
 */
public record MetricsJobConfig(
        String kafkaBootstrap,
        Topics topics,
        String groupId,
        DatabaseConfig database,
        int parallelism,
        Duration checkpointInterval,
        String checkpointDir,
        int webUiPort,
        MetricsSettings settings,
        int jdbcBatchSize,
        Duration jdbcBatchInterval,
        Duration referenceRefresh) {

    public MetricsJobConfig {
        if (settings.lateSettle().compareTo(jdbcBatchInterval) <= 0) {
            throw new Env.ConfigException("METRICS_LATE_SETTLE (" + settings.lateSettle()
                    + ") must be longer than METRICS_JDBC_BATCH_INTERVAL (" + jdbcBatchInterval
                    + "): a late correction reads the rows the live path wrote");
        }
    }

    public static MetricsJobConfig fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        MetricsSettings d = MetricsSettings.defaults();
        MetricsSettings settings = new MetricsSettings(
                env.duration("METRICS_OUT_OF_ORDERNESS", d.outOfOrderness()),
                env.duration("METRICS_IDLENESS", d.idleness()),
                env.duration("METRICS_DEBOUNCE", d.debounce()),
                env.duration("METRICS_ALLOWED_LATENESS", d.allowedLateness()),
                env.duration("METRICS_LATE_SETTLE", d.lateSettle()),
                d.lateKeep(),
                env.duration("METRICS_ORDER_STATE_TTL", d.orderStateTtl()),
                d.dimensionStateTtl());
        String dir = env.string("OMNIFY_CHECKPOINT_DIR", null);
        return new MetricsJobConfig(
                env.string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                Topics.fromEnv(vars),
                env.string("METRICS_GROUP_ID", "omnify-metrics"),
                DatabaseConfig.fromEnv(vars, "omnify_pipeline", "omnify_pipeline"),
                env.integer("METRICS_PARALLELISM", 2, 1, 256),
                env.duration("METRICS_CHECKPOINT_INTERVAL", Duration.ofSeconds(10)),
                dir,
                env.integer("FLINK_WEB_UI_PORT", 8081, 0, 65535),
                settings,
                env.integer("METRICS_JDBC_BATCH_SIZE", 1000, 1, 100_000),
                env.duration("METRICS_JDBC_BATCH_INTERVAL", Duration.ofMillis(200)),
                env.duration("METRICS_REFERENCE_REFRESH", Duration.ofSeconds(60)));
    }
}
