package ai.omnify.bench.detection;

import ai.omnify.bench.Cleanup;
import ai.omnify.bench.Log;
import ai.omnify.bench.report.Figure;
import ai.omnify.bench.report.Report;
import ai.omnify.jobs.detection.DetectionJob;
import ai.omnify.jobs.detection.DetectionSettings;
import ai.omnify.jobs.detection.DetectionSinks;
import ai.omnify.jobs.detection.KafkaDetectionSources;
import ai.omnify.jobs.metrics.KafkaMetricsSources;
import ai.omnify.jobs.metrics.MetricsDependencies;
import ai.omnify.jobs.metrics.MetricsJob;
import ai.omnify.jobs.metrics.MetricsSettings;
import ai.omnify.jobs.metrics.MetricsSinks;
import ai.omnify.model.Ids;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.Topics;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.alert.DailyBudgets;
import ai.omnify.model.fx.FxTable;
import ai.omnify.simulator.brand.Campaign;
import ai.omnify.simulator.incident.Incident;
import ai.omnify.simulator.incident.NaturalFatigue;
import ai.omnify.simulator.stream.FeedLine;
import ai.omnify.simulator.stream.FeedSlice;
import ai.omnify.simulator.stream.FeedStream;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * Detection quality (issue 4): the simulator's brand over {@code days} days with its standard incidents (every kind,
 * ground truth known) goes through Kafka, the MetricsJob and the DetectionJob (production detection settings, a local
 * MiniCluster), day by day as the simulator sends its history; the alerts on {@code omnify.alerts} are scored against
 * the incidents with {@link DetectionScore}: precision and recall per kind, and the median delay from an incident's
 * start to the end of the window its alert opened on (data time). The pacing campaign's daily budget is put in the
 * organization's rules first (budget pacing only checks channels with a budget).
 */
public final class DetectionQualityBenchmark {
    /** @param partitions partitions of every topic (2 like the tests; 1 keeps the ad data in order) */
    public record Options(long seed, int days, Instant now, int partitions) {}

    private final Options o;
    private final Report report;

    public DetectionQualityBenchmark(Options options, Report report) {
        this.o = options;
        this.report = report;
    }

    public void run() throws Exception {
        String bootstrap = TestStack.kafkaBootstrap();
        String dbName = null;
        try (TestDatabase db = TestDatabase.create()) {
            dbName = db.name();
            String org = db.createOrganization("Bench detection", "EUR", "Europe/Berlin").toString();
            Topics topics = TestKafka.createTopics(o.partitions());
            String suffix = topics.suffix();
            String metricsGroup = "bench-detection-metrics-" + suffix;
            String detectionGroup = "bench-detection-" + suffix;
            List<JobClient> jobs = new ArrayList<>();
            try (KafkaProducer<String, String> producer = TestKafka.producer();
                 KafkaConsumer<String, String> consumer = TestKafka.consumer()) {
                SimulationConfig config = SimulationConfig.of(o.seed(), o.days(), o.now(), org).withStandardIncidents();
                SyntheticBrand brand = SyntheticBrand.create(config);
                List<Incident> injected = config.incidents().all();
                List<DetectionScore.Truth> truth = IncidentTruth.injected(injected, brand.catalog(), org);
                // the simulator's own fatigue (young creatives): right when alerted, not counted in recall
                List<DetectionScore.Truth> natural = IncidentTruth.natural(brand.catalog(), org, o.now(), o.days());
                Log.info("detection: %d natural fatigue episodes (creatives whose true CTR fell %.0f%% within %d days)",
                        natural.size(), NaturalFatigue.DROP * 100, NaturalFatigue.SPAN_DAYS);

                // rules: the pacing campaign's daily budget, in EUR at the latest rate (as infra/omnify demo sets them)
                List<DailyBudgets.Budget> pacing = new ArrayList<>();
                for (Incident i : injected) {
                    if (i.kind().equals("budget_pacing")) {
                        Campaign c = brand.catalog().campaigns().stream()
                                .filter(x -> x.campaignId().equals(i.campaignId())).findFirst().orElseThrow();
                        pacing.add(new DailyBudgets.Budget(Ids.channelId(org, i.platform(), i.campaignId()).toString(),
                                c.account().currency(), c.dailyBudget()));
                    }
                }
                StringBuilder budgets = new StringBuilder();
                DailyBudgets.inCurrency(pacing, fx(db), "EUR", LocalDate.MAX).forEach((channel, eur) ->
                        budgets.append(budgets.isEmpty() ? "" : ",").append('"').append(channel).append("\":")
                                .append(eur.toPlainString()));
                producer.send(new ProducerRecord<>(topics.alertRules(), org, "{\"orgId\":\"" + org
                        + "\",\"dailyBudgets\":{" + budgets + "}}")).get();

                Configuration conf = new Configuration();
                conf.set(RestOptions.BIND_PORT, "0");
                conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
                StreamExecutionEnvironment metricsEnv = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
                MetricsJob.build(metricsEnv, new KafkaMetricsSources(bootstrap, topics.adInsights(), topics.orders(),
                                metricsGroup),
                        MetricsSinks.create(db.pipelineConfig(), bootstrap, topics, 500, 100),
                        MetricsSettings.defaults().withDebounce(Duration.ofMillis(200)),
                        MetricsDependencies.jdbc(db.pipelineConfig(), Duration.ofMinutes(5)));
                StreamExecutionEnvironment detectionEnv = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
                DetectionJob.build(detectionEnv, new KafkaDetectionSources(bootstrap, topics.channelMetrics(),
                                topics.alertRules(), detectionGroup),
                        DetectionSinks.create(db.pipelineConfig(), bootstrap, topics), DetectionSettings.defaults());
                jobs.add(metricsEnv.executeAsync("bench-detection-metrics"));
                jobs.add(detectionEnv.executeAsync("bench-detection"));

                long t0 = System.nanoTime();
                FeedStream stream = brand.stream();
                int slices = 0;
                while (stream.hasMoreHistory()) {
                    FeedSlice slice = stream.nextHistoryDay();
                    for (Platform platform : Platform.values()) {
                        for (FeedLine line : slice.lines(platform)) {
                            if (line.insight() != null) {
                                producer.send(new ProducerRecord<>(topics.adInsights(), line.insight().adId(),
                                        Json.write(line.insight())));
                            } else if (line.order() != null) {
                                producer.send(new ProducerRecord<>(topics.orders(), line.order().orderId(),
                                        Json.write(line.order())));
                            }
                        }
                    }
                    producer.flush();
                    Thread.sleep(400); // the simulator's pace: the changelog stays in day order
                    slices++;
                }
                Log.info("detection: %d days of history sent in %.0f s; waiting for the alerts to settle", slices,
                        (System.nanoTime() - t0) / 1e9);
                List<Alert> records = readUntilQuiet(consumer, topics.alerts(), Duration.ofSeconds(60),
                        Duration.ofMinutes(10));
                Map<String, Alert> first = new HashMap<>();
                for (Alert a : records) {
                    first.merge(a.id(), a, (x, y) -> x.revision() <= y.revision() ? x : y);
                }
                List<Alert> opened = first.values().stream().filter(a -> org.equals(a.orgId())).toList();
                Map<String, DetectionScore.KindScore> scores = DetectionScore.score(truth, opened, natural);
                for (DetectionScore.Truth t : truth) {
                    Log.info("detection: injected %s on %s from %s to %s", t.kind(), t.target(), t.start(), t.end());
                }
                opened.stream().sorted((x, y) -> x.windowStart().compareTo(y.windowStart())).forEach(a -> Log.info(
                        "detection: alert %-16s %s on %s %s: %s observed %s, expected %s (%s)", a.kind(),
                        truth.stream().anyMatch(t -> t.kind().equals(a.kind()) && DetectionScore.matches(t, a))
                                ? "right" : natural.stream().anyMatch(t -> t.kind().equals(a.kind())
                                && DetectionScore.matches(t, a)) ? "natural" : "false", a.creativeId() != null ? a.creativeId() : a.channelId(),
                        a.windowStart(), a.metric(), a.observed(), a.expected(), a.severity()));
                List<Double> allDelays = new ArrayList<>();
                int incidents = 0;
                int found = 0;
                int alerts = 0;
                int right = 0;
                for (DetectionScore.KindScore s : scores.values()) {
                    allDelays.addAll(s.delayHours());
                    incidents += s.incidents();
                    found += s.found();
                    alerts += s.alerts();
                    right += s.rightAlerts();
                    Log.info("detection: %-16s incidents %d, found %d, alerts %d (right %d): precision %s, recall %s,"
                            + " median delay %s h", s.kind(), s.incidents(), s.found(), s.alerts(), s.rightAlerts(),
                            f(s.precision()), f(s.recall()), f(DetectionScore.median(s.delayHours())));
                    report.add(Figure.of("detection", s.kind() + ": precision " + f(s.precision()) + ", recall "
                                    + f(s.recall()), String.format(Locale.ROOT, "%d incidents, %d alerts; median delay %s h",
                                    s.incidents(), s.alerts(), f(DetectionScore.median(s.delayHours()))))
                            .with("kind", s.kind()).with("incidents", s.incidents()).with("found", s.found())
                            .with("alerts", s.alerts()).with("rightAlerts", s.rightAlerts())
                            .with("precision", s.precision()).with("recall", s.recall())
                            .with("medianDelayHours", DetectionScore.median(s.delayHours())));
                }
                double precision = alerts == 0 ? Double.NaN : (double) right / alerts;
                double recall = incidents == 0 ? Double.NaN : (double) found / incidents;
                double delay = DetectionScore.median(allDelays);
                report.add(Figure.of("detection", "all kinds: precision " + f(precision) + ", recall " + f(recall)
                                + ", median delay " + f(delay) + " h",
                                String.format(Locale.ROOT, "%d incidents over %d days, %d alerts; seed %d; %d partitions",
                                        incidents, o.days(), alerts, o.seed(), o.partitions()))
                        .with("precision", precision).with("recall", recall).with("medianDelayHours", delay)
                        .with("incidents", incidents).with("alerts", alerts).with("days", o.days()).with("seed", o.seed())
                        .with("partitions", o.partitions()));
            } finally {
                for (JobClient j : jobs) {
                    try {
                        j.cancel().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // shuts down with the JVM at the latest
                    }
                }
                TestKafka.deleteTopics(topics);
                Cleanup.deleteGroups(List.of(metricsGroup, detectionGroup));
            }
        } finally {
            if (dbName != null) {
                Cleanup.dropDatabase(dbName);
            }
        }
    }

    /** Every alert record, read until none came for {@code quiet} (after at least one), at most {@code max}. */
    private static List<Alert> readUntilQuiet(KafkaConsumer<String, String> c, String topic, Duration quiet,
            Duration max) {
        List<TopicPartition> parts = c.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        c.assign(parts);
        c.seekToBeginning(parts);
        List<Alert> out = new ArrayList<>();
        long deadline = System.nanoTime() + max.toNanos();
        long lastAt = System.nanoTime();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                var parsed = Json.read(r.value(), Alert.class);
                if (parsed.isOk()) {
                    out.add(parsed.value());
                }
                lastAt = System.nanoTime();
            }
            if (System.nanoTime() - lastAt > quiet.toNanos()) {
                return out;
            }
        }
        Log.info("detection: alerts still coming after %s; scoring what came", max);
        return out;
    }

    private static FxTable fx(TestDatabase db) {
        return FxTable.of(db.query("SELECT base, quote, rate_date, rate FROM fx_rates").stream()
                .map(r -> new FxTable.Rate(r.get("base").toString().trim(), r.get("quote").toString().trim(),
                        LocalDate.parse(r.get("rate_date").toString()), (BigDecimal) r.get("rate"))).toList());
    }

    private static String f(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.2f", x);
    }
}
