package ai.omnify.jobs.brain;

import ai.omnify.model.Topics;
import ai.omnify.config.DatabaseConfig;
import ai.omnify.config.Env;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration of the BrainJob from environment variables (each with a local default): KAFKA_BOOTSTRAP_SERVERS,
 * OMNIFY_TOPIC_SUFFIX, DATABASE_URL/USER/PASSWORD (default user omnify_pipeline), BRAIN_PARALLELISM,
 * BRAIN_CHECKPOINT_INTERVAL, OMNIFY_CHECKPOINT_DIR, BRAIN_WEB_UI_PORT, BRAIN_DEBOUNCE, BRAIN_GOALS_REFRESH,
 * BRAIN_JDBC_BATCH_INTERVAL, BRAIN_GROUP_ID.
 */
public record BrainJobConfig(
        String kafkaBootstrap,
        Topics topics,
        String groupId,
        DatabaseConfig database,
        int parallelism,
        Duration checkpointInterval,
        String checkpointDir,
        int webUiPort,
        Duration debounce,
        Duration goalsRefresh,
        Duration jdbcBatchInterval,
        BrainSettings settings) {

    public static BrainJobConfig fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        String dir = env.string("BRAIN_CHECKPOINT_DIR", null);
        return new BrainJobConfig(
                env.string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                Topics.fromEnv(vars),
                env.string("BRAIN_GROUP_ID", "omnify-brain"),
                DatabaseConfig.fromEnv(vars, "omnify_pipeline", "omnify_pipeline"),
                env.integer("BRAIN_PARALLELISM", 1, 1, 256),
                env.duration("BRAIN_CHECKPOINT_INTERVAL", Duration.ofSeconds(10)),
                dir,
                env.integer("BRAIN_WEB_UI_PORT", 8083, 0, 65535),
                env.duration("BRAIN_DEBOUNCE", Duration.ofSeconds(1)),
                env.duration("BRAIN_GOALS_REFRESH", Duration.ofSeconds(60)),
                env.duration("BRAIN_JDBC_BATCH_INTERVAL", Duration.ofMillis(200)),
                BrainSettings.defaults());
    }
}
