package ai.omnify.jobs.runtime;

import ai.omnify.config.Env;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;

/**
 * How a job keeps and recovers its state, the same locally and on a cluster: the state backend (heap, or RocksDB
 * with incremental checkpoints), checkpoint timeout, pause and tolerated failures, and a restart strategy that never
 * gives up (exponential delay with jitter up to a cap), so that a PostgreSQL or Kafka outage costs time, not the job.
 *
 * @param stateBackend {@code FLINK_STATE_BACKEND}: {@code hashmap} or {@code rocksdb} (default: the job's own)
 * @param checkpointTimeout {@code FLINK_CHECKPOINT_TIMEOUT}, default 10 min
 * @param minPause {@code FLINK_CHECKPOINT_MIN_PAUSE} between the end of one checkpoint and the next, default 5 s
 * @param tolerableFailures {@code FLINK_TOLERABLE_CHECKPOINT_FAILURES} before the job fails over, default 5
 * @param restartInitialBackoff {@code FLINK_RESTART_INITIAL_BACKOFF}, default 1 s
 * @param restartMaxBackoff {@code FLINK_RESTART_MAX_BACKOFF}, default 1 min
 */
public record FaultTolerance(StateBackend stateBackend, Duration checkpointTimeout, Duration minPause,
        int tolerableFailures, Duration restartInitialBackoff, Duration restartMaxBackoff) {

    /** Where keyed state lives between checkpoints. */
    public enum StateBackend {
        /** On the JVM heap, full snapshots: fastest per record, bounded by the heap. */
        HASHMAP,
        /** In RocksDB on local disk, incremental checkpoints: state larger than memory, small checkpoints. */
        ROCKSDB
    }

    public FaultTolerance {
        if (restartMaxBackoff.compareTo(restartInitialBackoff) < 0) {
            throw new Env.ConfigException("FLINK_RESTART_MAX_BACKOFF=" + restartMaxBackoff
                    + " is shorter than FLINK_RESTART_INITIAL_BACKOFF=" + restartInitialBackoff);
        }
    }

    public static FaultTolerance fromEnv(Map<String, String> vars, StateBackend jobDefault) {
        Env env = new Env(vars);
        String backend = env.string("FLINK_STATE_BACKEND", jobDefault.name()).toUpperCase(Locale.ROOT);
        StateBackend stateBackend;
        try {
            stateBackend = StateBackend.valueOf(backend);
        } catch (IllegalArgumentException e) {
            throw new Env.ConfigException("FLINK_STATE_BACKEND=" + vars.get("FLINK_STATE_BACKEND")
                    + " is not a state backend: use hashmap or rocksdb");
        }
        return new FaultTolerance(stateBackend,
                env.duration("FLINK_CHECKPOINT_TIMEOUT", Duration.ofMinutes(10)),
                env.duration("FLINK_CHECKPOINT_MIN_PAUSE", Duration.ofSeconds(5)),
                env.integer("FLINK_TOLERABLE_CHECKPOINT_FAILURES", 5, 0, 1000),
                env.duration("FLINK_RESTART_INITIAL_BACKOFF", Duration.ofSeconds(1)),
                env.duration("FLINK_RESTART_MAX_BACKOFF", Duration.ofMinutes(1)));
    }

    /** Writes these settings into a job's configuration. */
    public void applyTo(Configuration conf) {
        conf.set(StateBackendOptions.STATE_BACKEND, stateBackend.name().toLowerCase(Locale.ROOT));
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, stateBackend == StateBackend.ROCKSDB);
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, checkpointTimeout);
        conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, minPause);
        conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, tolerableFailures);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, restartInitialBackoff);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, restartMaxBackoff);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, 0.1);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
    }
}
