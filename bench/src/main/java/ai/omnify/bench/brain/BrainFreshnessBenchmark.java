package ai.omnify.bench.brain;

import ai.omnify.bench.Log;
import ai.omnify.bench.report.Figure;
import ai.omnify.bench.report.Report;
import ai.omnify.bench.report.Stats;
import ai.omnify.jobs.brain.BrainJob;
import ai.omnify.jobs.brain.BrainJobConfig;
import ai.omnify.jobs.brain.BrainSinks;
import ai.omnify.jobs.brain.JdbcBrainStore;
import ai.omnify.jobs.brain.KafkaBrainSources;
import ai.omnify.jobs.brain.ai.LlmConfig;
import ai.omnify.model.Ids;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.Topics;
import ai.omnify.model.metrics.MetricsUpdate;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Brain freshness: from a changed day row acknowledged by Kafka on the metrics changelog to the next brain version on
 * {@code omnify.brain}. The BrainJob runs in this JVM (local MiniCluster, production settings: 1 s debounce) on a
 * database and topics of its own, seeded with the simulator brand's 90 days (channel and organization rows); each probe
 * changes the latest organization day and waits for the version it causes.
 */
public final class BrainFreshnessBenchmark {
    public record Options(int probes, Duration interval, Duration timeout) {}

    private final Options o;
    private final Report report;

    public BrainFreshnessBenchmark(Options options, Report report) {
        this.o = options;
        this.report = report;
    }

    public void run() throws Exception {
        String bootstrap = TestStack.kafkaBootstrap();
        String dbName = null;
        try (TestDatabase db = TestDatabase.create()) {
            dbName = db.name();
            String org = db.createOrganization("Bench brain", "EUR", "UTC").toString();
            Topics topics = TestKafka.createTopics(2);
            String suffix = topics.suffix();
            JobClient job = null;
            try (KafkaProducer<String, String> producer = TestKafka.producer();
                 KafkaConsumer<String, String> consumer = TestKafka.consumer()) {
                Map<String, String> env = new HashMap<>(db.env(db.pipelineConfig()));
                env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
                env.put("OMNIFY_TOPIC_SUFFIX", suffix);
                env.put("BRAIN_GROUP_ID", "omnify-brain-bench-" + suffix);
                BrainJobConfig config = BrainJobConfig.fromEnv(env);
                Configuration conf = new Configuration();
                conf.set(RestOptions.BIND_PORT, "0");
                conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
                StreamExecutionEnvironment flink = StreamExecutionEnvironment.createLocalEnvironment(config.parallelism(), conf);
                flink.enableCheckpointing(config.checkpointInterval().toMillis());
                BrainJob.build(flink, new KafkaBrainSources(bootstrap, topics.channelMetrics(), topics.alerts(), config.groupId()),
                        BrainSinks.create(config.database(), bootstrap, topics, config.jdbcBatchInterval().toMillis()),
                        config.settings(), new JdbcBrainStore(config.database(), config.goalsRefresh()), config.debounce(),
                        LlmConfig.none());
                job = flink.executeAsync("bench-brain-freshness");

                var brand = SimulatorSeries.brand(20261125L, 90);
                List<MetricsUpdate> seed = seedRows(org, SimulatorSeries.of(brand));
                MetricsUpdate lastOrg = null;
                for (MetricsUpdate r : seed) {
                    producer.send(new ProducerRecord<>(topics.channelMetrics(), r.key(), Json.write(r)));
                    if (r.level().equals(MetricsUpdate.ORG)) {
                        lastOrg = r;
                    }
                }
                producer.flush();
                TopicPartition p0 = new TopicPartition(topics.brain(), 0);
                TopicPartition p1 = new TopicPartition(topics.brain(), 1);
                consumer.assign(List.of(p0, p1));
                consumer.seekToBeginning(List.of(p0, p1));
                long version = awaitQuiet(consumer, Duration.ofSeconds(90), Duration.ofSeconds(4));
                Log.info("brain freshness: seeded %d rows; version %d; probing %d times", seed.size(), version, o.probes());

                double[] seconds = new double[o.probes()];
                int missed = 0;
                for (int i = 0; i < o.probes(); i++) {
                    MetricsUpdate probe = withSpend(lastOrg, lastOrg.spend().add(BigDecimal.valueOf(i + 1)));
                    producer.send(new ProducerRecord<>(topics.channelMetrics(), probe.key(), Json.write(probe))).get();
                    long t0 = System.nanoTime();
                    long next = awaitVersionAfter(consumer, version, o.timeout());
                    if (next < 0) {
                        missed++;
                        seconds[i] = o.timeout().toMillis() / 1000.0;
                    } else {
                        seconds[i] = (System.nanoTime() - t0) / 1e9;
                        version = next;
                    }
                    Thread.sleep(o.interval().toMillis());
                }
                Stats s = new Stats(seconds);
                Log.info("brain freshness: p50 %.2f s, p99 %.2f s, max %.2f s (%d probes, %d without a version)", s.p(0.5),
                        s.p(0.99), s.max(), seconds.length, missed);
                report.add(Figure.of("brain-freshness", String.format("p99 %.2f s", s.p(0.99)),
                        String.format("p50 %.2f s; debounce %d ms; %d probes, %d missed", s.p(0.5),
                                config.debounce().toMillis(), seconds.length, missed))
                        .with("p50", s.p(0.5)).with("p99", s.p(0.99)).with("max", s.max()).with("probes", seconds.length)
                        .with("missed", missed).with("debounceMs", config.debounce().toMillis())
                        .with("channels", SimulatorSeries.of(brand).size()).with("days", 90));
            } finally {
                if (job != null) {
                    try {
                        job.cancel().get(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // shuts down with the JVM at the latest
                    }
                }
                TestKafka.deleteTopics(topics);
                ai.omnify.bench.Cleanup.deleteGroups(List.of("omnify-brain-bench-" + suffix));
            }
        } finally {
            if (dbName != null) {
                ai.omnify.bench.Cleanup.dropDatabase(dbName);
            }
        }
    }

    /** Reads versions until none came for {@code quiet}; the last version seen. */
    private static long awaitQuiet(KafkaConsumer<String, String> c, Duration max, Duration quiet) {
        long deadline = System.nanoTime() + max.toNanos();
        long last = -1;
        long lastAt = System.nanoTime();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
                last = Math.max(last, version(r.value()));
                lastAt = System.nanoTime();
            }
            if (last > 0 && System.nanoTime() - lastAt > quiet.toNanos()) {
                return last;
            }
        }
        throw new IllegalStateException("no brain version settled within " + max);
    }

    private static long awaitVersionAfter(KafkaConsumer<String, String> c, long version, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(5))) {
                long v = version(r.value());
                if (v > version) {
                    return v;
                }
            }
        }
        return -1;
    }

    private static long version(String json) {
        try {
            return Json.mapper().readTree(json).path("version").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    private static List<MetricsUpdate> seedRows(String org, List<SimulatorSeries.Series> series) {
        List<MetricsUpdate> out = new ArrayList<>();
        int n = series.get(0).spend().length;
        LocalDate first = series.get(0).first();
        for (int d = 0; d < n; d++) {
            LocalDate date = first.plusDays(d);
            BigDecimal spend = BigDecimal.ZERO;
            BigDecimal value = BigDecimal.ZERO;
            for (var s : series) {
                if (s.spend()[d] == 0 && s.revenue()[d] == 0) {
                    continue;
                }
                Platform p = s.campaign().account().platform();
                BigDecimal sp = money(s.spend()[d]);
                BigDecimal v = money(s.revenue()[d]);
                out.add(row(org, MetricsUpdate.CHANNEL, Ids.channelId(org, p, s.campaign().campaignId()).toString(), p,
                        s.campaign().name(), date, sp, v));
                spend = spend.add(sp);
                value = value.add(v);
            }
            out.add(row(org, MetricsUpdate.ORG, null, null, null, date, spend, value));
        }
        return out;
    }

    private static MetricsUpdate row(String org, String level, String channelId, Platform p, String name, LocalDate date,
            BigDecimal spend, BigDecimal value) {
        return new MetricsUpdate(org, level, MetricsUpdate.DAY, channelId, null, p, null, name, date, null, spend,
                spend.longValue() * 100, spend.longValue() * 2, value.divide(BigDecimal.valueOf(60), 6, RoundingMode.HALF_EVEN),
                value, value.multiply(new BigDecimal("0.7")), 0, null, null, null, null, null, null, null,
                level.equals(MetricsUpdate.ORG) ? value : null, null, null, null, null, "EUR",
                date.plusDays(1).atTime(6, 0).toInstant(ZoneOffset.UTC));
    }

    private static MetricsUpdate withSpend(MetricsUpdate r, BigDecimal spend) {
        return new MetricsUpdate(r.orgId(), r.level(), r.grain(), r.channelId(), r.creativeId(), r.platform(),
                r.externalId(), r.name(), r.date(), r.hour(), spend, r.impressions(), r.clicks(), r.conversions(),
                r.conversionValue(), r.attributedRevenue(), r.attributedOrders(), r.reach(), r.frequency(), r.roas(),
                r.cpa(), r.ctr(), r.cpc(), r.cpm(), r.storeRevenue(), r.storeOrders(), r.mer(), r.daySource(),
                r.reportedAt(), r.currency(), r.asOf().plusSeconds(1));
    }

    private static BigDecimal money(double v) {
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN);
    }
}
