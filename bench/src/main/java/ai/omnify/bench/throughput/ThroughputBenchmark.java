package ai.omnify.bench.throughput;

import ai.omnify.bench.profile.JfrProfile;
import ai.omnify.bench.report.CpuMonitor;
import ai.omnify.bench.report.Figure;
import ai.omnify.bench.report.Report;
import ai.omnify.jobs.common.InsightEnvelope;
import ai.omnify.jobs.common.RecordParser;
import ai.omnify.jobs.metrics.MetricsDependencies;
import ai.omnify.jobs.metrics.MetricsJob;
import ai.omnify.jobs.metrics.MetricsJobConfig;
import ai.omnify.jobs.metrics.MetricsSinks;
import ai.omnify.model.Topics;
import ai.omnify.model.fx.FxTable;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * MetricsJob throughput from Kafka: a pre-filled ad-insights topic read by a plain consumer (the ceiling), then by
 * the MetricsJob on a MiniCluster at each parallelism, with bounded Kafka sources and the real sinks into a database
 * of its own; each run's stored totals are checked against the dataset's expected totals.
 */
public final class ThroughputBenchmark {

    public record Options(int campaigns, int adsPerCampaign, int days, int polls, int hourDays, List<Integer> parallelisms,
            int rawRuns, int jobWarmups, boolean profile, Path kafkaLib, Path workDir, Duration jobTimeout) {}

    private final Options o;
    private final Report report;
    private final String bootstrap = TestStack.kafkaBootstrap();

    public ThroughputBenchmark(Options options, Report report) {
        this.o = options;
        this.report = report;
    }

    public void run() throws Exception {
        String dbName = null;
        try (TestDatabase db = TestDatabase.create()) {
            dbName = db.name();
            String orgId = db.createOrganization("Bench throughput", "USD", "UTC").toString();
            Topics topics = TestKafka.createTopics(4);
            try {
                allowFutureTimestamps(topics);
                run(db, orgId, topics);
            } finally {
                TestKafka.deleteTopics(topics);
                ai.omnify.bench.Cleanup.deleteDirectory(o.workDir().resolve("checkpoints"));
            }
        } finally {
            if (dbName != null) {
                ai.omnify.bench.Cleanup.dropDatabase(dbName);
            }
        }
    }

    private void run(TestDatabase db, String orgId, Topics topics) throws Exception {
        LocalDate lastDay = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        SnapshotDataset data = new SnapshotDataset(orgId, o.campaigns(), o.adsPerCampaign(), o.days(), o.polls(),
                o.hourDays(), lastDay);
        log("throughput: filling %s with %,d snapshots (%d campaigns x %d ads x %d days x %d polls + hours of the last %d days)",
                topics.adInsights(), data.size(), o.campaigns(), o.adsPerCampaign(), o.days(), o.polls(), o.hourDays());
        TopicFill.Filled filled = TopicFill.fill(bootstrap, topics.adInsights(), data);
        log("throughput: wrote %,d records (avg %.0f B) in %.1f s: %,.0f records/s (idempotent, acks=all, lz4)",
                filled.records(), filled.avgValueBytes(), filled.seconds(), filled.recordsPerSecond());
        String dataset = String.format("N=%,d, %.0f B", filled.records(), filled.avgValueBytes());

        // the ceiling: a plain consumer, best of a few reads
        List<Double> rawRates = new ArrayList<>();
        CpuMonitor rawCpu = new CpuMonitor().start();
        for (int i = 0; i < o.rawRuns(); i++) {
            RawConsume.Read r = RawConsume.readAll(bootstrap, topics.adInsights());
            if (r.records() != filled.records()) {
                throw new IllegalStateException("raw consumer read " + r.records() + " of " + filled.records());
            }
            rawRates.add(r.recordsPerSecond());
            log("throughput: raw consumer read %,d records in %.2f s: %,.0f records/s", r.records(), r.seconds(), r.recordsPerSecond());
        }
        CpuMonitor.Usage rawUsage = rawCpu.stop();
        double ceiling = rawRates.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        report.add(Figure.of("Kafka raw consumer, ad-insights (" + dataset + ", 4 partitions, lz4)",
                        mrec(ceiling) + " rec/s", "ceiling (best of " + o.rawRuns() + ": " + list(rawRates) + ")")
                .with("recordsPerSecond", Math.round(ceiling)).with("runs", rawRates.stream().map(Math::round).toList())
                .with("records", filled.records()).with("avgValueBytes", Math.round(filled.avgValueBytes()))
                .with("cpu", rawUsage.text()));

        Optional<Double> perf = RawConsume.consumerPerformance(o.kafkaLib(), bootstrap, topics.adInsights(), filled.records());
        perf.ifPresent(rate -> {
            log("throughput: kafka ConsumerPerformance: %,.0f records/s (fetch.nMsg.sec)", rate);
            report.add(Figure.of("Kafka ConsumerPerformance tool, same topic (own JVM)", mrec(rate) + " rec/s",
                    pct(rate, ceiling) + " of the raw consumer").with("recordsPerSecond", Math.round(rate)));
        });

        // the job's own parsing in one thread, on top of the consumer: what the source does per record
        double parseRate = consumeAndParse(topics.adInsights(), filled.records());
        log("throughput: consumer + RecordParser.insight in one thread: %,.0f records/s", parseRate);
        report.add(Figure.of("Kafka consumer + the job's parse (RecordParser.insight), 1 thread", mrec(parseRate) + " rec/s",
                pct(parseRate, ceiling) + " of ceiling (reference: the source's share of work)")
                .with("recordsPerSecond", Math.round(parseRate)));

        FxTable fx = fxTable(db);
        MetricsJobConfig production = MetricsJobConfig.fromEnv(Map.of());

        SnapshotDataset.Expected expected = data.expected(fx);
        // warm-up: on two cores the JIT compiles Flink's and our code paths for the whole first run (~0.5 core for
        // ~50 s); the runs after it are steady. The first runs are reported apart, as the cold-JVM figure.
        List<String> warmRates = new ArrayList<>();
        for (int i = 0; i < o.jobWarmups(); i++) {
            int p = o.parallelisms().get(i % o.parallelisms().size());
            truncateOutputs(db);
            log("throughput: warm-up run %d of %d (cold JVM): MetricsJob p=%d ...", i + 1, o.jobWarmups(), p);
            // profiled like the measured runs: the JVM's first flight recording makes the JIT compile much again
            JfrProfile profile = o.profile() ? JfrProfile.start(o.workDir().resolve("metrics-job-warmup-" + (i + 1) + ".jfr")) : null;
            JobRun.Result r = runJob(db, topics, p, production);
            JfrProfile.Summary summary = profile == null ? null : profile.stop();
            String check = verify(db, orgId, topics, expected);
            double rate = filled.records() / r.netSeconds();
            log("throughput: warm-up run %d: %,.0f ev/s (net %.1f s); %s", i + 1, rate, r.netSeconds(), check);
            warmRates.add(String.format("p=%d %s ev/s (%.1f s%s)%s", p, mrec(rate), r.netSeconds(),
                    summary == null ? "" : String.format("; JIT %d compilations", summary.compilations()),
                    check.startsWith("correct") ? "" : " " + check));
        }
        if (!warmRates.isEmpty()) {
            report.note("MetricsJob warm-up runs on the same topic before the measured ones (cold JVM, JIT compiling): "
                    + String.join(", ", warmRates));
        }

        for (int p : o.parallelisms()) {
            truncateOutputs(db);
            JfrProfile profile = o.profile() ? JfrProfile.start(o.workDir().resolve("metrics-job-p" + p + ".jfr")) : null;
            CpuMonitor cpu = new CpuMonitor().start();
            log("throughput: MetricsJob p=%d running ...", p);
            JobRun.Result run = runJob(db, topics, p, production);
            double wall = run.wallSeconds();
            double net = run.netSeconds();
            CpuMonitor.Usage usage = cpu.stop();
            JfrProfile.Summary summary = profile == null ? null : profile.stop();
            double wallRate = filled.records() / wall;
            double netRate = filled.records() / net;
            double cpuMicros = usage.selfPct() / 100 * Runtime.getRuntime().availableProcessors() * usage.seconds()
                    / filled.records() * 1e6;
            String check = verify(db, orgId, topics, expected);
            log("throughput: MetricsJob p=%d: %.1f s wall (%,.0f ev/s), %.1f s net runtime (%,.0f ev/s); %s; %s",
                    p, wall, wallRate, net, netRate, check, usage.text());
            Figure f = Figure.of("MetricsJob p=" + p + " (bounded Kafka source, real JDBC/Kafka sinks)",
                            String.format("%s ev/s wall (%.1f s), %s ev/s net (%.1f s); %.0f us JVM CPU/event", mrec(wallRate),
                                    wall, mrec(netRate), net, cpuMicros),
                            pct(netRate, ceiling) + " of ceiling net, " + pct(wallRate, ceiling) + " wall (aim >= 50%); " + check)
                    .with("parallelism", p).with("wallSeconds", round2(wall)).with("netSeconds", round2(net))
                    .with("eventsPerSecondWall", Math.round(wallRate)).with("eventsPerSecondNet", Math.round(netRate))
                    .with("shareOfCeilingNet", round2(netRate / ceiling)).with("jvmCpuMicrosPerEvent", Math.round(cpuMicros))
                    .with("check", check).with("cpu", usage.text());
            List<String> tasks = taskLines(run, filled.records());
            f.with("tasks", tasks);
            report.note("MetricsJob p=" + p + " " + usage.text() + "; tasks (records in/out; busy, back-pressured, idle share of the job's runtime):\n    "
                    + String.join("\n    ", tasks));
            if (summary != null) {
                f.with("profile", summary.lines());
                report.note("profile of MetricsJob p=" + p + ":\n    " + String.join("\n    ", summary.lines()));
            }
            report.add(f);
        }
    }

    /** The MetricsJob as production wires it, on a bounded read of the topics, to its end. */
    private JobRun.Result runJob(TestDatabase db, Topics topics, int p, MetricsJobConfig production) throws Exception {
        Configuration conf = jobConfiguration(o.workDir().resolve("checkpoints"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(p);
        env.enableCheckpointing(production.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        MetricsJob.build(env, new BoundedKafkaSources(bootstrap, topics.adInsights(), topics.orders()),
                MetricsSinks.create(db.pipelineConfig(), bootstrap, topics, production.jdbcBatchSize(),
                        production.jdbcBatchInterval().toMillis()),
                production.settings(), MetricsDependencies.jdbc(db.pipelineConfig(), production.referenceRefresh()));
        return JobRun.run(env, conf, p, "bench-metrics-throughput-p" + p, o.jobTimeout());
    }

    /**
     * Work-around, benchmark only: at the end of a bounded input the watermark jumps to the end of time and every
     * channel-day's cleanup timer fires (day end + allowed lateness, weeks ahead of now); the rows those timers emit
     * carry the timer's timestamp, {@code JsonRecordSerializer} passes it on as the Kafka record timestamp, and the
     * broker refuses timestamps more than {@code log.message.timestamp.after.max.ms} (1 h) ahead: the changelog sink
     * fails and the MiniCluster's task manager dies. Production topics never see it while the job runs live, but a
     * {@code stop --drain} would. Here the job's output topics accept any timestamp.
     */
    private static void allowFutureTimestamps(Topics topics) throws Exception {
        try (Admin admin = TestKafka.admin()) {
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> ops = new HashMap<>();
            for (String t : List.of(topics.channelMetrics(), topics.deadLetter())) {
                ops.put(new ConfigResource(ConfigResource.Type.TOPIC, t), List.of(new AlterConfigOp(
                        new ConfigEntry("message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE)), AlterConfigOp.OpType.SET)));
            }
            admin.incrementalAlterConfigs(ops).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The job's cluster: checkpoints to files as the launcher runs it, no restarts (a failure must show). */
    private static Configuration jobConfiguration(Path checkpoints) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toAbsolutePath().toUri().toString());
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return conf;
    }

    /** One thread: consume every record and run the job's deserializer on it. */
    private double consumeAndParse(String topic, long expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-parse-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        long ok = 0;
        long n = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long t0 = System.nanoTime();
            while (n < expected) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    InsightEnvelope e = RecordParser.insight(new String(r.value(), StandardCharsets.UTF_8),
                            Instant.ofEpochMilli(r.timestamp()));
                    n++;
                    if (e.isOk()) {
                        ok++;
                    }
                }
            }
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            if (ok != n) {
                throw new IllegalStateException((n - ok) + " of " + n + " generated records do not parse as valid snapshots");
            }
            return rate;
        }
    }

    private static List<String> taskLines(JobRun.Result run, long events) {
        List<String> out = new ArrayList<>();
        long exchanged = 0;
        long received = 0;
        for (JobRun.Task t : run.tasks()) {
            if (!t.name().startsWith("Source:")) {
                received += t.recordsIn();
            }
            double budget = run.netSeconds() * 1000 * t.parallelism();
            out.add(String.format("%-70.70s in %,11d  out %,11d  busy %3.0f%%  back-pressured %3.0f%%  idle %3.0f%%",
                    t.name(), t.recordsIn(), t.recordsOut(), 100 * t.busyMs() / budget, 100 * t.backPressuredMs() / budget,
                    100 * t.idleMs() / budget));
            exchanged += t.recordsOut();
        }
        out.add(String.format("records emitted by tasks: %,d = %.1f per input event; received (each deserialized) by downstream "
                + "tasks: %,d = %.1f per input event", exchanged, (double) exchanged / events, received, (double) received / events));
        return out;
    }

    private static FxTable fxTable(TestDatabase db) {
        List<FxTable.Rate> rates = new ArrayList<>();
        for (Map<String, Object> r : db.query("SELECT base, quote, rate_date, rate FROM fx_rates")) {
            rates.add(new FxTable.Rate(r.get("base").toString().trim(), r.get("quote").toString().trim(),
                    ((java.sql.Date) r.get("rate_date")).toLocalDate(), (BigDecimal) r.get("rate")));
        }
        return FxTable.of(rates);
    }

    private static void truncateOutputs(TestDatabase db) {
        db.execute("TRUNCATE daily_metrics, hourly_metrics, creative_daily_metrics, creative_hourly_metrics, "
                + "org_daily_metrics, channels, creatives, orders");
    }

    /** Compares the stored rows with the dataset's expected totals; a short verdict. */
    private String verify(TestDatabase db, String orgId, Topics topics, SnapshotDataset.Expected exp) {
        UUID org = UUID.fromString(orgId);
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> days = new HashMap<>();
        for (Map<String, Object> r : db.query("SELECT channel_id, date, spend, impressions, clicks FROM daily_metrics "
                + "WHERE organization_id = ?", org)) {
            days.put(r.get("channel_id") + "|" + ((java.sql.Date) r.get("date")).toLocalDate(), r);
        }
        int wrong = 0;
        BigDecimal total = BigDecimal.ZERO;
        for (var e : exp.daySpend().entrySet()) {
            Map<String, Object> row = days.get(e.getKey());
            long[] ic = exp.dayImpressionsClicks().get(e.getKey());
            if (row == null || ((BigDecimal) row.get("spend")).compareTo(e.getValue()) != 0
                    || ((Number) row.get("impressions")).longValue() != ic[0] || ((Number) row.get("clicks")).longValue() != ic[1]) {
                if (wrong++ < 2) {
                    problems.add("daily " + e.getKey() + " expected spend " + e.getValue() + ", got " + (row == null ? "no row" : row.get("spend")));
                }
            }
        }
        for (Map<String, Object> row : days.values()) {
            total = total.add((BigDecimal) row.get("spend"));
        }
        if (days.size() != exp.daySpend().size()) {
            problems.add("daily rows " + days.size() + ", expected " + exp.daySpend().size());
        }
        if (wrong > 0) {
            problems.add(wrong + " channel-days differ");
        }
        Map<String, BigDecimal> hours = new HashMap<>();
        for (Map<String, Object> r : db.query("SELECT channel_id, date, hour, spend FROM hourly_metrics WHERE organization_id = ?", org)) {
            hours.put(r.get("channel_id") + "|" + ((java.sql.Date) r.get("date")).toLocalDate() + "|" + r.get("hour"),
                    (BigDecimal) r.get("spend"));
        }
        int wrongHours = 0;
        for (var e : exp.hourSpend().entrySet()) {
            BigDecimal got = hours.get(e.getKey());
            if (got == null || got.compareTo(e.getValue()) != 0) {
                wrongHours++;
            }
        }
        if (wrongHours > 0 || hours.size() != exp.hourSpend().size()) {
            problems.add(wrongHours + " channel-hours differ (" + hours.size() + " rows, expected " + exp.hourSpend().size() + ")");
        }
        long creativeDays = ((Number) db.query("SELECT count(*) AS n FROM creative_daily_metrics WHERE organization_id = ?", org)
                .get(0).get("n")).longValue();
        if (creativeDays != exp.creativeDays()) {
            problems.add("creative-days " + creativeDays + ", expected " + exp.creativeDays());
        }
        long deadLetters = endOffsets(topics.deadLetter());
        if (deadLetters > 0) {
            problems.add(deadLetters + " dead letters");
        }
        if (!problems.isEmpty()) {
            return "WRONG: " + String.join("; ", problems);
        }
        return String.format("correct: %,d channel-days, %,d channel-hours, %,d creative-days exact; total spend %s USD",
                days.size(), hours.size(), creativeDays, total.toPlainString());
    }

    private long endOffsets(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static String mrec(double perSecond) {
        return perSecond >= 1e6 ? String.format("%.2f M", perSecond / 1e6) : String.format("%.0f k", perSecond / 1e3);
    }

    static String pct(double a, double b) {
        return String.format("%.0f%%", 100 * a / b);
    }

    private static String list(List<Double> rates) {
        return String.join(", ", rates.stream().map(ThroughputBenchmark::mrec).toList());
    }

    private static double round2(double d) {
        return Math.round(d * 100) / 100.0;
    }

    private static void log(String fmt, Object... args) {
        ai.omnify.bench.Log.info(fmt, args);
    }
}
