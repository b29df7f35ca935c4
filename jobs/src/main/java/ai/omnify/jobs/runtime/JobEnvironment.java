package ai.omnify.jobs.runtime;

import ai.omnify.config.DatabaseConfig;
import ai.omnify.config.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution environment of a job: the cluster's when submitted with {@code flink run}, else a local MiniCluster
 * with the web UI that restores from the newest retained checkpoint, so a restarted local job loses and duplicates
 * nothing.
 */
public final class JobEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(JobEnvironment.class);
    /** The database role of every job (BYPASSRLS). */
    public static final String PIPELINE_ROLE = "omnify_pipeline";

    /** Builds the job's graph from configuration; returns the environment to execute. */
    @FunctionalInterface
    public interface JobFactory {
        StreamExecutionEnvironment build(Map<String, String> vars) throws Exception;
    }

    private JobEnvironment() {}

    /**
     * Parses {@code --help} and KEY=VALUE arguments over the environment, refuses a public database password, builds
     * and executes the job. A configuration error is thrown (never {@code System.exit}: on a cluster this runs inside
     * the JobManager), naming the variable to set.
     */
    public static void run(String name, String[] args, Supplier<String> usage, JobFactory factory) throws Exception {
        Map<String, String> vars = new HashMap<>(System.getenv());
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                System.out.print(usage.get());
                return;
            }
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new Env.ConfigException("unexpected argument '" + a + "': use KEY=VALUE, or --help");
            }
            vars.put(a.substring(0, eq), a.substring(eq + 1));
        }
        // every job writes to PostgreSQL as the pipeline role, which bypasses row-level security
        DatabaseConfig.fromEnv(vars, PIPELINE_ROLE, PIPELINE_ROLE).requirePrivatePassword(vars);
        vars.computeIfPresent("DATABASE_URL", (k, url) -> JdbcTimeouts.addTo(url));
        vars.putIfAbsent("DATABASE_URL", JdbcTimeouts.addTo(DatabaseConfig.DEFAULT_URL));
        factory.build(vars).execute(name);
    }

    /** As {@link #create(int, Duration, String, int, FaultTolerance)} on the heap with the default fault tolerance. */
    public static StreamExecutionEnvironment create(int parallelism, Duration checkpointInterval, String checkpointDir,
            int webUiPort) {
        return create(parallelism, checkpointInterval, checkpointDir, webUiPort,
                FaultTolerance.fromEnv(Map.of(), FaultTolerance.StateBackend.HASHMAP));
    }

    /**
     * A cluster environment as submitted, or a local one with the web UI on {@code webUiPort}; either way with the
     * given state backend, checkpointing and restart settings, checkpoints retained on cancellation.
     */
    public static StreamExecutionEnvironment create(int parallelism, Duration checkpointInterval, String checkpointDir,
            int webUiPort, FaultTolerance faultTolerance) {
        Configuration conf = new Configuration();
        faultTolerance.applyTo(conf);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        if (checkpointDir != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (env instanceof LocalStreamEnvironment) {
            if (checkpointDir == null) {
                // never Flink's in-memory default (5 MB, lost on exit): a local run checkpoints to disk
                checkpointDir = Paths.get(System.getProperty("user.dir"), ".omnify", "checkpoints").toUri().toString();
                conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
                LOG.info("OMNIFY_CHECKPOINT_DIR not set: checkpoints go to {}", checkpointDir);
            }
            conf.set(RestOptions.PORT, webUiPort);
            conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            latestCheckpoint(checkpointDir).ifPresent(path -> {
                LOG.info("restoring from checkpoint {}", path);
                conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path);
                pruneOtherRuns(Paths.get(URI.create(path)).getParent());
            });
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
            env.setParallelism(parallelism);
        }
        env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        return env;
    }

    /** The newest completed checkpoint ({@code chk-N} with a {@code _metadata}) under a local directory. */
    public static Optional<String> latestCheckpoint(String checkpointDir) {
        if (checkpointDir == null || !(checkpointDir.startsWith("file:") || checkpointDir.startsWith("/"))) {
            return Optional.empty();
        }
        Path root = checkpointDir.startsWith("file:") ? Paths.get(URI.create(checkpointDir)) : Paths.get(checkpointDir);
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.find(root, 3, (p, a) -> p.getFileName().toString().equals("_metadata"))) {
            return files.map(Path::getParent)
                    .filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .max(Comparator.comparingLong(JobEnvironment::modified))
                    .map(p -> p.toUri().toString());
        } catch (IOException e) {
            LOG.warn("cannot look for checkpoints in {}: {}", root, e.toString());
            return Optional.empty();
        }
    }

    /** Earlier local runs' checkpoint directories are obsolete once the newest checkpoint is chosen. */
    private static void pruneOtherRuns(Path keepRun) {
        Path root = keepRun.getParent();
        try (Stream<Path> runs = Files.list(root)) {
            runs.filter(p -> Files.isDirectory(p) && !p.equals(keepRun)).forEach(run -> {
                try (Stream<Path> files = Files.walk(run)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    LOG.warn("cannot remove old checkpoints {}: {}", run, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", root, e.toString());
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

}
