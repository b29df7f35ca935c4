package ai.omnify.bench.freshness;

import ai.omnify.api.QueryApiServer;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.bench.Log;
import ai.omnify.bench.report.CpuMonitor;
import ai.omnify.bench.report.Figure;
import ai.omnify.bench.report.Report;
import ai.omnify.bench.report.Stats;
import ai.omnify.ingest.IngestServer;
import ai.omnify.ingest.config.IngestConfig;
import ai.omnify.jobs.metrics.KafkaMetricsSources;
import ai.omnify.jobs.metrics.MetricsDependencies;
import ai.omnify.jobs.metrics.MetricsJob;
import ai.omnify.jobs.metrics.MetricsJobConfig;
import ai.omnify.jobs.metrics.MetricsSinks;
import ai.omnify.model.Topics;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Freshness: from an ingest POST returning to its row being visible through the query API, under a steady load. The
 * ingest service, the MetricsJob (MiniCluster, parallelism 2, production settings, Kafka source from committed
 * offsets) and the query API run in this JVM on a database and topics of their own; the query API runs once per
 * response-cache setting, one after the other, under the same load.
 */
public final class FreshnessBenchmark {

    /**
     * @param cacheTtls query-API cache settings to measure, each a value of QUERY_API_CACHE_TTL, or "default"
     */
    public record Options(int rowsPerSecond, int batch, Duration warmup, Duration duration, Duration poll,
            Duration timeout, List<String> cacheTtls, java.nio.file.Path workDir) {}

    private final Options o;
    private final Report report;
    /** The benchmark's database, dropped again at the end in case the first drop raced the job's connections. */
    private String databaseName;

    public FreshnessBenchmark(Options options, Report report) {
        this.o = options;
        this.report = report;
    }

    public void run() throws Exception {
        try {
            measure();
        } finally {
            if (databaseName != null) {
                ai.omnify.bench.Cleanup.dropDatabase(databaseName);
            }
        }
    }

    private void measure() throws Exception {
        String bootstrap = TestStack.kafkaBootstrap();
        try (TestDatabase db = TestDatabase.create()) {
            databaseName = db.name();
            UUID org = db.createOrganization("Bench freshness", "USD", "UTC");
            String key = db.createApiKey(org, "ingest", "read");
            Topics topics = TestKafka.createTopics(4);
            String suffix = topics.suffix();
            JobClient job = null;
            String groupId = null;
            List<AutoCloseable> open = new ArrayList<>();
            try {
                Map<String, String> appEnv = new HashMap<>(db.env(db.appConfig()));
                appEnv.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
                appEnv.put("OMNIFY_TOPIC_SUFFIX", suffix);

                Map<String, String> ingestEnv = new HashMap<>(appEnv);
                ingestEnv.put("INGEST_PORT", "0");
                IngestServer ingest = IngestServer.start(IngestConfig.fromEnv(ingestEnv), Clock.systemUTC());
                open.add(ingest);

                Map<String, String> jobEnv = new HashMap<>(db.env(db.pipelineConfig()));
                jobEnv.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
                jobEnv.put("OMNIFY_TOPIC_SUFFIX", suffix);
                jobEnv.put("METRICS_GROUP_ID", "omnify-metrics-bench-" + suffix);
                MetricsJobConfig config = MetricsJobConfig.fromEnv(jobEnv);
                groupId = config.groupId();
                job = startJob(config);
                Log.info("freshness: MetricsJob running at p=%d (debounce %d ms, JDBC batch interval %d ms / %d rows, checkpoints every %d s)",
                        config.parallelism(), config.settings().debounce().toMillis(), config.jdbcBatchInterval().toMillis(),
                        config.jdbcBatchSize(), config.checkpointInterval().toSeconds());

                Connection owner = db.ownerConnection();
                open.add(owner);
                LoadShape shape = new LoadShape(org.toString(), Clock.systemUTC());
                Generator gen = new Generator(shape, "http://127.0.0.1:" + ingest.port(), key, o.rowsPerSecond(), o.batch(),
                        o.poll(), o.timeout(), owner);
                open.add(gen);
                gen.seed();

                QueryApiServer api = startApi(appEnv, o.cacheTtls().get(0));
                Log.info("freshness: load %d rows/s (%d requests/s x %d rows, %d probe channel-days); warm-up %d s",
                        o.rowsPerSecond(), o.rowsPerSecond() / o.batch(), o.batch(), shape.probeSlots(), o.warmup().toSeconds());
                gen.start("http://127.0.0.1:" + api.port());
                Thread.sleep(o.warmup().toMillis());
                for (int i = 0; i < o.cacheTtls().size(); i++) {
                    String ttl = o.cacheTtls().get(i);
                    if (i > 0) {
                        QueryApiServer next = startApi(appEnv, ttl);
                        gen.phase("settle-" + i, "http://127.0.0.1:" + next.port());
                        gen.awaitProbes(o.timeout().plusSeconds(1));
                        api.close();
                        api = next;
                        Thread.sleep(3000);
                    }
                    String phase = "cache-" + ttl;
                    gen.phase(phase, "http://127.0.0.1:" + api.port());
                    Log.info("freshness: measuring %d s with the query API cache %s", o.duration().toSeconds(), describe(ttl));
                    CpuMonitor cpu = new CpuMonitor().start();
                    long t0 = System.nanoTime();
                    long gets0 = gen.gets200.get() + gen.getsFailed.get();
                    Thread.sleep(o.duration().toMillis());
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    long gets = gen.gets200.get() + gen.getsFailed.get() - gets0;
                    CpuMonitor.Usage usage = cpu.stop();
                    gen.phase("after-" + i, "http://127.0.0.1:" + api.port());
                    gen.awaitProbes(o.timeout().plusSeconds(1));
                    summarise(gen, phase, ttl, seconds, gets, usage, config);
                }
                report.note(String.format("freshness path: POST returns after Kafka acks (ingest producer linger 5 ms, acks=all) -> "
                        + "MetricsJob Kafka source -> channel-day debounce %d ms -> JDBC sink batch interval %d ms (or %d rows) -> "
                        + "PostgreSQL -> query API (response cache per setting above) -> probe poll every %d ms; "
                        + "'in PostgreSQL' = the row's updated_at (writing transaction start) - POST return",
                        config.settings().debounce().toMillis(), config.jdbcBatchInterval().toMillis(), config.jdbcBatchSize(),
                        o.poll().toMillis()));
                gen.stopProbing();
                gen.stop(o.timeout());
                api.close();
                Log.info("freshness: probe GETs failed: %d; requests without a probe (no free probe slot): %d",
                        gen.getsFailed.get(), gen.probesSkipped.get());
            } finally {
                if (job != null) {
                    cancel(job);
                }
                for (int i = open.size() - 1; i >= 0; i--) {
                    try {
                        open.get(i).close();
                    } catch (Exception e) {
                        // best effort
                    }
                }
                TestKafka.deleteTopics(topics);
                if (groupId != null) {
                    ai.omnify.bench.Cleanup.deleteGroups(List.of(groupId));
                }
                ai.omnify.bench.Cleanup.deleteDirectory(o.workDir().resolve("checkpoints"));
            }
        }
    }

    /** Cancels the job and waits (at most 30 s) until it has stopped, so its connections are gone. */
    private static void cancel(JobClient job) {
        try {
            job.cancel().get(30, java.util.concurrent.TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!job.getJobStatus().get().isGloballyTerminalState() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } catch (Exception e) {
            // the job's cluster shuts down with the JVM at the latest
        }
    }

    private JobClient startJob(MetricsJobConfig config) throws Exception {
        Configuration conf = new Configuration();
        // as the launcher runs the job (OMNIFY_CHECKPOINT_DIR): checkpoints to files, not to the JobManager's memory
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, o.workDir().resolve("checkpoints").toAbsolutePath().toUri().toString());
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.parallelism(), conf);
        env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        MetricsJob.build(env,
                new KafkaMetricsSources(config.kafkaBootstrap(), config.topics().adInsights(), config.topics().orders(),
                        config.groupId()),
                MetricsSinks.create(config.database(), config.kafkaBootstrap(), config.topics(), config.jdbcBatchSize(),
                        config.jdbcBatchInterval().toMillis()),
                config.settings(),
                MetricsDependencies.jdbc(config.database(), config.referenceRefresh()));
        JobClient job = env.executeAsync("bench-metrics-freshness");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the MetricsJob did not start within 60 s: " + job.getJobStatus().get());
            }
            Thread.sleep(100);
        }
        return job;
    }

    private static QueryApiServer startApi(Map<String, String> appEnv, String ttl) {
        Map<String, String> env = new HashMap<>(appEnv);
        env.put("QUERY_API_PORT", "0");
        env.put("QUERY_API_HOST", "127.0.0.1");
        if (!"default".equals(ttl)) {
            env.put("QUERY_API_CACHE_TTL", ttl);
        }
        return QueryApiServer.start(QueryApiConfig.fromEnv(env));
    }

    private static String describe(String ttl) {
        if ("default".equals(ttl)) {
            return "at its default (QUERY_API_CACHE_TTL unset: " + QueryApiConfig.fromEnv(Map.of()).pageCacheTtl().toMillis() + " ms)";
        }
        return "QUERY_API_CACHE_TTL=" + ttl;
    }

    private void summarise(Generator gen, String phase, String ttl, double seconds, long gets, CpuMonitor.Usage usage,
            MetricsJobConfig config) {
        List<Generator.ProbeResult> all = Generator.of(gen.probes, phase);
        List<Generator.ProbeResult> ok = all.stream().filter(p -> !p.timedOut() && !p.wrongValue()).toList();
        long timedOut = all.stream().filter(Generator.ProbeResult::timedOut).count();
        long wrong = all.stream().filter(Generator.ProbeResult::wrongValue).count();
        Stats fresh = new Stats(ok.stream().mapToDouble(Generator.ProbeResult::freshnessMs).toArray());
        Stats db = new Stats(ok.stream().mapToDouble(Generator.ProbeResult::dbMs).filter(d -> !Double.isNaN(d)).toArray());
        List<Generator.PostResult> posts = gen.postResults.stream().filter(p -> p.phase().equals(phase)).toList();
        Stats postMs = new Stats(posts.stream().mapToDouble(Generator.PostResult::latencyMs).toArray());
        long rows = posts.stream().mapToLong(Generator.PostResult::accepted).sum();
        long failedPosts = posts.stream().filter(p -> p.accepted() == 0).count();
        double rate = rows / seconds;
        long cacheMs = "default".equals(ttl) ? QueryApiConfig.fromEnv(Map.of()).pageCacheTtl().toMillis()
                : QueryApiConfig.fromEnv(Map.of("QUERY_API_CACHE_TTL", ttl)).pageCacheTtl().toMillis();
        String name = String.format("Freshness ingest->API @%d rows/s, query-API cache %d ms%s", o.rowsPerSecond(), cacheMs,
                "default".equals(ttl) ? " (default)" : "");
        String figure = String.format("p50 %.2f s, p90 %.2f s, p99 %.2f s, max %.2f s (%d probes, %d timed out)",
                fresh.p(0.5) / 1000, fresh.p(0.9) / 1000, fresh.p(0.99) / 1000, fresh.max() / 1000, all.size(), timedOut);
        String aim = String.format("aim p99 < 2 s; in PostgreSQL p50 %.2f s, p99 %.2f s", db.p(0.5) / 1000, db.p(0.99) / 1000);
        Log.info("freshness [%s]: %s; %s", phase, figure, aim);
        Log.info("freshness [%s]: sent %,.0f rows/s (%d failed requests), POST p50 %.0f ms p99 %.0f ms; probe GETs %.0f/s; %d wrong values; %s",
                phase, rate, failedPosts, postMs.p(0.5), postMs.p(0.99), gets / seconds, wrong, usage.text());
        report.add(Figure.of(name, figure, aim)
                .with("cacheTtlMs", cacheMs).with("probes", all.size()).with("timedOut", timedOut).with("wrongValues", wrong)
                .with("p50Ms", round(fresh.p(0.5))).with("p90Ms", round(fresh.p(0.9))).with("p99Ms", round(fresh.p(0.99)))
                .with("maxMs", round(fresh.max())).with("minMs", round(fresh.min()))
                .with("postgresP50Ms", round(db.p(0.5))).with("postgresP90Ms", round(db.p(0.9)))
                .with("postgresP99Ms", round(db.p(0.99))).with("postgresMaxMs", round(db.max()))
                .with("rowsPerSecondSent", Math.round(rate)).with("failedRequests", failedPosts)
                .with("postP50Ms", round(postMs.p(0.5))).with("postP99Ms", round(postMs.p(0.99)))
                .with("probeGetsPerSecond", Math.round(gets / seconds)).with("pollMs", o.poll().toMillis())
                .with("debounceMs", config.settings().debounce().toMillis())
                .with("jdbcBatchIntervalMs", config.jdbcBatchInterval().toMillis())
                .with("checkpointIntervalMs", config.checkpointInterval().toMillis())
                .with("cpu", usage.text()));
    }

    private static double round(double ms) {
        return Double.isNaN(ms) ? Double.NaN : Math.round(ms * 10) / 10.0;
    }
}
