package ai.omnify.bench.alerts;

import ai.omnify.api.QueryApiServer;
import ai.omnify.api.alerts.AlertsModule;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.bench.Cleanup;
import ai.omnify.bench.Log;
import ai.omnify.bench.report.CpuMonitor;
import ai.omnify.bench.report.Figure;
import ai.omnify.bench.report.Report;
import ai.omnify.bench.report.Stats;
import ai.omnify.jobs.detection.DetectionJob;
import ai.omnify.jobs.detection.DetectionJobConfig;
import ai.omnify.jobs.detection.DetectionSinks;
import ai.omnify.jobs.detection.KafkaDetectionSources;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.Topics;
import ai.omnify.model.metrics.MetricsUpdate;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Alert latency (issue 4): from the anomalous metrics row entering Kafka ({@code omnify.channel-metrics}, the
 * DetectionJob's input) to the alert arriving on SSE clients of {@code GET /api/v1/alerts/stream}, with
 * {@code subscribers} clients connected, spread evenly over {@code orgs} organizations (each gets only its own).
 *
 * <p>The DetectionJob runs in this JVM on a MiniCluster with its production settings (parallelism, checkpoints,
 * sinks), the query API in this JVM on port 0 (webhook and email delivery off: not measured here). Every probe has a
 * channel of its own: {@code historyDays} days of normal spend (weekly pattern plus noise, mature rows, sent day by
 * day) warm up its baseline; then, at a steady rate of one per {@code interval}, each probe's next day arrives with
 * four times its usual spend (a spend spike) and the send time is taken just before the produce. Arrival is taken
 * on every subscriber of the probe's organization when its {@code data:} line is read. Also measured: arrival on a
 * plain Kafka consumer of {@code omnify.alerts} (the job's share). The first {@code warmups} probes are left out
 * (a cold JIT).
 */
public final class AlertLatencyBenchmark {
    public record Options(int subscribers, int orgs, int probes, int warmups, Duration interval, int historyDays,
            Duration timeout) {}

    private final Options o;
    private final Report report;

    public AlertLatencyBenchmark(Options options, Report report) {
        this.o = options;
        this.report = report;
    }

    /** One anomalous row: its channel, organization, and when it was sent. */
    private static final class Probe {
        final int index;
        final String channelId;
        final int org;
        final AtomicLongArray arrivals; // nanoTime per subscriber of the organization, 0 until it came
        volatile long sentAt;
        volatile long ackedAt;
        volatile long onKafkaAt;

        Probe(int index, String channelId, int org, int subscribers) {
            this.index = index;
            this.channelId = channelId;
            this.org = org;
            this.arrivals = new AtomicLongArray(subscribers);
        }
    }

    public void run() throws Exception {
        if (o.subscribers() < o.orgs() || o.orgs() < 1 || o.probes() < 1) {
            throw new IllegalArgumentException("need at least one organization, one probe and a subscriber per "
                    + "organization (--alert-subscribers >= --alert-orgs)");
        }
        if (o.historyDays() < 21) {
            throw new IllegalArgumentException("--alert-history-days must be at least 21: a baseline needs the same "
                    + "weekday of 3 earlier weeks before it judges (DETECTION_WARMUP_WEEKS)");
        }
        String bootstrap = TestStack.kafkaBootstrap();
        String dbName = null;
        try (TestDatabase db = TestDatabase.create()) {
            dbName = db.name();
            List<String> orgs = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < o.orgs(); i++) {
                UUID org = db.createOrganization("Bench alerts " + i, "EUR", "UTC");
                orgs.add(org.toString());
                keys.add(db.createApiKey(org, "read"));
            }
            Topics topics = TestKafka.createTopics(2);
            String suffix = topics.suffix();
            String group = "bench-alert-latency-" + suffix;
            JobClient job = null;
            QueryApiServer api = null;
            ExecutorService clientPool = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "sse-clients");
                t.setDaemon(true);
                return t;
            });
            AlertsTap tap = null;
            try (KafkaProducer<String, String> producer = TestKafka.producer()) {
                // the DetectionJob, production settings
                Map<String, String> jobEnv = new HashMap<>(db.env(db.pipelineConfig()));
                jobEnv.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
                jobEnv.put("OMNIFY_TOPIC_SUFFIX", suffix);
                jobEnv.put("DETECTION_GROUP_ID", group);
                DetectionJobConfig config = DetectionJobConfig.fromEnv(jobEnv);
                Configuration conf = new Configuration();
                conf.set(RestOptions.BIND_PORT, "0");
                conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
                StreamExecutionEnvironment flink = StreamExecutionEnvironment.createLocalEnvironment(
                        config.parallelism(), conf);
                flink.enableCheckpointing(config.checkpointInterval().toMillis());
                DetectionJob.build(flink, new KafkaDetectionSources(bootstrap, topics.channelMetrics(),
                        topics.alertRules(), group), DetectionSinks.create(config.database(), bootstrap, topics),
                        config.settings());
                job = flink.executeAsync("bench-alert-latency");

                // the query API, its alerts module reading this run's topics
                Map<String, String> apiEnv = new HashMap<>(db.env(db.appConfig()));
                apiEnv.put("QUERY_API_PORT", "0");
                apiEnv.put("QUERY_API_HOST", "127.0.0.1");
                apiEnv.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
                apiEnv.put("OMNIFY_TOPIC_SUFFIX", suffix);
                apiEnv.put("ALERTS_DELIVERY", "false");
                api = QueryApiServer.start(QueryApiConfig.fromEnv(apiEnv), apiEnv);
                AlertsModule alerts = api.module(AlertsModule.class).orElseThrow();

                // probes: a channel each, round robin over the organizations
                int perOrg = o.subscribers() / o.orgs();
                int total = o.warmups() + o.probes();
                List<Probe> probes = new ArrayList<>();
                Map<String, Probe> byChannel = new ConcurrentHashMap<>();
                for (int i = 0; i < total; i++) {
                    Probe p = new Probe(i, UUID.randomUUID().toString(), i % o.orgs(), perOrg);
                    probes.add(p);
                    byChannel.put(p.channelId, p);
                }
                tap = new AlertsTap(bootstrap, topics.alerts(), byChannel).start();

                // history: every probe channel's normal days, day by day (a channel's days are keyed apart and
                // spread over both partitions; in date order so none arrives after a later day closed it)
                LocalDate probeDay = LocalDate.now(ZoneOffset.UTC).minusDays(1);
                Random random = new Random(20261126L);
                Map<String, Double> base = new HashMap<>();
                for (Probe p : probes) {
                    base.put(p.channelId, 200 + 300 * random.nextDouble());
                }
                long t0 = System.nanoTime();
                int rows = 0;
                for (int d = o.historyDays(); d >= 1; d--) {
                    LocalDate day = probeDay.minusDays(d);
                    for (Probe p : probes) {
                        double spend = base.get(p.channelId) * weekly(day) * (0.9 + 0.2 * random.nextDouble());
                        MetricsUpdate r = row(orgs.get(p.org), p.channelId, day, spend);
                        producer.send(new ProducerRecord<>(topics.channelMetrics(), r.key(), Json.write(r)));
                        rows++;
                    }
                    producer.flush();
                    Thread.sleep(150);
                }
                Log.info("alert latency: %d history rows (%d channels x %d days) sent in %.1f s", rows, total,
                        o.historyDays(), (System.nanoTime() - t0) / 1e9);

                // subscribers: perOrg per organization, one HTTP/1.1 connection each, read asynchronously
                List<HttpClient> clients = List.of(client(clientPool), client(clientPool));
                AtomicInteger wrongOrg = new AtomicInteger();
                AtomicInteger otherEvents = new AtomicInteger();
                AtomicInteger gone = new AtomicInteger();
                long tc = System.nanoTime();
                for (int s = 0; s < perOrg * o.orgs(); s++) {
                    int org = s % o.orgs();
                    int slot = s / o.orgs();
                    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                                    + "/api/v1/alerts/stream"))
                            .header("Authorization", "Bearer " + keys.get(org)).header("Accept", "text/event-stream")
                            .GET().build();
                    clients.get(s % clients.size()).sendAsync(req, HttpResponse.BodyHandlers.fromLineSubscriber(
                            new Lines(org, slot, byChannel, wrongOrg, otherEvents, gone)));
                    if (s % 100 == 99) {
                        awaitSubscribers(alerts, s + 1, Duration.ofSeconds(60));
                    }
                }
                awaitSubscribers(alerts, perOrg * o.orgs(), Duration.ofSeconds(60));
                Log.info("alert latency: %d SSE subscribers connected in %.1f s (%d organizations x %d)",
                        alerts.hub().subscriberCount(), (System.nanoTime() - tc) / 1e9, o.orgs(), perOrg);

                // the probes, at a steady rate; the first one also tells that the job has read the history
                CpuMonitor cpu = null;
                long start = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    if (i == o.warmups()) {
                        cpu = new CpuMonitor().start();
                        start = System.nanoTime();
                    }
                    long due = start + (i - (i >= o.warmups() ? o.warmups() : 0)) * o.interval().toNanos();
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    Probe p = probes.get(i);
                    double spend = 4 * base.get(p.channelId) * weekly(probeDay);
                    MetricsUpdate r = row(orgs.get(p.org), p.channelId, probeDay, spend);
                    String json = Json.write(r);
                    p.sentAt = System.nanoTime();
                    producer.send(new ProducerRecord<>(topics.channelMetrics(), r.key(), json),
                            (md, e) -> p.ackedAt = System.nanoTime());
                    if (i == 0) {
                        waitFor(() -> p.onKafkaAt != 0, Duration.ofSeconds(180),
                                "the first alert (the job reading the history) did not come within 180 s");
                        Log.info("alert latency: the job read the history; first alert %.2f s after its row",
                                (p.onKafkaAt - p.sentAt) / 1e9);
                        start = System.nanoTime();
                    }
                }
                Probe last = probes.get(total - 1);
                waitFor(() -> complete(last, perOrg), o.timeout(), null);
                Thread.sleep(1000);
                CpuMonitor.Usage usage = cpu == null ? null : cpu.stop();

                // figures, over the measured probes
                List<Probe> measured = probes.subList(o.warmups(), total);
                List<Double> first = new ArrayList<>();
                List<Double> all = new ArrayList<>();
                List<Double> lastSub = new ArrayList<>();
                List<Double> kafka = new ArrayList<>();
                List<Double> acked = new ArrayList<>();
                int missed = 0;
                int noAlert = 0;
                for (Probe p : measured) {
                    long min = Long.MAX_VALUE;
                    long max = Long.MIN_VALUE;
                    for (int s = 0; s < perOrg; s++) {
                        long at = p.arrivals.get(s);
                        if (at == 0) {
                            missed++;
                            continue;
                        }
                        all.add((at - p.sentAt) / 1e9);
                        min = Math.min(min, at);
                        max = Math.max(max, at);
                    }
                    if (min != Long.MAX_VALUE) {
                        first.add((min - p.sentAt) / 1e9);
                        lastSub.add((max - p.sentAt) / 1e9);
                    }
                    if (p.onKafkaAt != 0) {
                        kafka.add((p.onKafkaAt - p.sentAt) / 1e9);
                    } else {
                        noAlert++;
                    }
                    if (p.ackedAt != 0) {
                        acked.add((p.ackedAt - p.sentAt) / 1e9);
                    }
                }
                Stats sFirst = stats(first);
                Stats sAll = stats(all);
                Stats sLast = stats(lastSub);
                Stats sKafka = stats(kafka);
                Stats sAck = stats(acked);
                String setup = String.format(Locale.ROOT, "%d SSE subscribers (%d orgs x %d), %d probes, 1 per %.1f s;"
                        + " %d deliveries missed, %d events of another org, %d probes without an alert",
                        perOrg * o.orgs(), o.orgs(), perOrg, measured.size(), o.interval().toMillis() / 1000.0, missed,
                        wrongOrg.get(), noAlert);
                Log.info("alert latency: row produced -> alert on omnify.alerts: p50 %.3f s, p99 %.3f s, max %.3f s"
                        + " (produce ack p50 %.3f s)", sKafka.p(0.5), sKafka.p(0.99), sKafka.max(), sAck.p(0.5));
                Log.info("alert latency: -> first SSE subscriber: p50 %.3f s, p99 %.3f s, max %.3f s", sFirst.p(0.5),
                        sFirst.p(0.99), sFirst.max());
                Log.info("alert latency: -> every SSE subscriber (%d arrivals): p50 %.3f s, p99 %.3f s, max %.3f s",
                        sAll.count(), sAll.p(0.5), sAll.p(0.99), sAll.max());
                Log.info("alert latency: -> last subscriber of the probe's org: p50 %.3f s, p99 %.3f s", sLast.p(0.5),
                        sLast.p(0.99));
                Log.info("alert latency: %s; subscribers closed %d; %s", setup, gone.get(),
                        usage == null ? "" : usage.text());
                report.add(Figure.of("alert-latency", String.format(Locale.ROOT,
                                "all subscribers p50 %.2f s, p99 %.2f s; first subscriber p50 %.2f s, p99 %.2f s",
                                sAll.p(0.5), sAll.p(0.99), sFirst.p(0.5), sFirst.p(0.99)),
                        "p99 < 2 s; " + setup)
                        .with("allP50", sAll.p(0.5)).with("allP99", sAll.p(0.99)).with("allMax", sAll.max())
                        .with("firstP50", sFirst.p(0.5)).with("firstP99", sFirst.p(0.99)).with("firstMax", sFirst.max())
                        .with("lastP50", sLast.p(0.5)).with("lastP99", sLast.p(0.99))
                        .with("kafkaP50", sKafka.p(0.5)).with("kafkaP99", sKafka.p(0.99))
                        .with("produceAckP50", sAck.p(0.5)).with("arrivals", sAll.count()).with("missed", missed)
                        .with("wrongOrg", wrongOrg.get()).with("otherEvents", otherEvents.get())
                        .with("probes", measured.size()).with("warmups", o.warmups()).with("subscribers", perOrg * o.orgs())
                        .with("orgs", o.orgs()).with("intervalMs", o.interval().toMillis())
                        .with("historyDays", o.historyDays()).with("detectionParallelism", config.parallelism())
                        .with("cpu", usage == null ? null : usage.text()));
                report.add(Figure.of("alert-latency", String.format(Locale.ROOT,
                                "job only (row -> alert on omnify.alerts): p50 %.2f s, p99 %.2f s", sKafka.p(0.5),
                                sKafka.p(0.99)), "the DetectionJob's share, a plain consumer"));
            } finally {
                if (api != null) {
                    api.close();
                }
                if (tap != null) {
                    tap.close();
                }
                clientPool.shutdownNow();
                if (job != null) {
                    try {
                        job.cancel().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // shuts down with the JVM at the latest
                    }
                }
                TestKafka.deleteTopics(topics);
                Cleanup.deleteGroups(List.of(group, group + "-rules"));
            }
        } finally {
            if (dbName != null) {
                Cleanup.dropDatabase(dbName);
            }
        }
    }

    private static boolean complete(Probe p, int perOrg) {
        for (int s = 0; s < perOrg; s++) {
            if (p.arrivals.get(s) == 0) {
                return false;
            }
        }
        return true;
    }

    private static HttpClient client(ExecutorService pool) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static void awaitSubscribers(AlertsModule alerts, int n, Duration max) throws InterruptedException {
        waitFor(() -> alerts.hub().subscriberCount() >= n, max, "only " + alerts.hub().subscriberCount() + " of " + n
                + " SSE subscribers connected within " + max);
    }

    private static void waitFor(java.util.function.BooleanSupplier done, Duration max, String failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                if (failure != null) {
                    throw new IllegalStateException(failure);
                }
                return;
            }
            Thread.sleep(20);
        }
    }

    private static Stats stats(List<Double> v) {
        return new Stats(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A weekly pattern: weekends lower. */
    private static double weekly(LocalDate day) {
        return switch (day.getDayOfWeek()) {
            case SATURDAY -> 0.7;
            case SUNDAY -> 0.8;
            case MONDAY -> 1.1;
            default -> 1.0;
        };
    }

    /** A mature channel-day row (its ad data reported 9 h after the day): the job judges it at once. */
    private static MetricsUpdate row(String org, String channelId, LocalDate date, double spendValue) {
        BigDecimal spend = BigDecimal.valueOf(spendValue).setScale(2, RoundingMode.HALF_EVEN);
        BigDecimal revenue = spend.multiply(BigDecimal.valueOf(3));
        long orders = Math.round(spendValue / 40);
        Instant reported = date.plusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
        return new MetricsUpdate(org, MetricsUpdate.CHANNEL, MetricsUpdate.DAY, channelId, null, Platform.META,
                "bench-" + channelId.substring(0, 8), "Bench channel", date, null, spend, Math.round(spendValue * 100),
                Math.round(spendValue * 2), BigDecimal.valueOf(orders), revenue, revenue, orders, null, null, null, null,
                null, null, null, null, null, null, null, reported, "EUR", Instant.now());
    }

    /** The probe whose channel an alert's JSON names (a cheap search: 1,000 clients read every alert). */
    private static Probe probeOf(String json, Map<String, Probe> byChannel) {
        int at = json.indexOf(Lines.CHANNEL);
        int from = at + Lines.CHANNEL.length();
        return at < 0 || json.length() < from + 36 ? null : byChannel.get(json.substring(from, from + 36));
    }

    /** An SSE client's lines: the channel of each {@code data:} line's alert, its arrival time. */
    private static final class Lines implements Flow.Subscriber<String> {
        private static final String CHANNEL = "\"channelId\":\"";
        private final int org;
        private final int slot;
        private final Map<String, Probe> byChannel;
        private final AtomicInteger wrongOrg;
        private final AtomicInteger other;
        private final AtomicInteger gone;

        Lines(int org, int slot, Map<String, Probe> byChannel, AtomicInteger wrongOrg, AtomicInteger other,
                AtomicInteger gone) {
            this.org = org;
            this.slot = slot;
            this.byChannel = byChannel;
            this.wrongOrg = wrongOrg;
            this.other = other;
            this.gone = gone;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!line.startsWith("data:")) {
                return;
            }
            long now = System.nanoTime();
            Probe p = probeOf(line, byChannel);
            if (p == null) {
                other.incrementAndGet();
            } else if (p.org != org) {
                wrongOrg.incrementAndGet();
            } else {
                p.arrivals.compareAndSet(slot, 0, now);
            }
        }

        @Override
        public void onError(Throwable t) {
            gone.incrementAndGet();
        }

        @Override
        public void onComplete() {
            gone.incrementAndGet();
        }
    }

    /** A plain consumer of the alerts topic: when each probe's first alert record is readable there. */
    private static final class AlertsTap implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final String topic;
        private final Map<String, Probe> byChannel;
        private final Thread thread;
        private volatile boolean running = true;

        AlertsTap(String bootstrap, String topic, Map<String, Probe> byChannel) {
            java.util.Properties p = new java.util.Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    org.apache.kafka.common.serialization.StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    org.apache.kafka.common.serialization.StringDeserializer.class.getName());
            this.consumer = new KafkaConsumer<>(p);
            this.topic = topic;
            this.byChannel = byChannel;
            this.thread = new Thread(this::run, "alerts-tap");
            thread.setDaemon(true);
        }

        AlertsTap start() {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            thread.start();
            return this;
        }

        private void run() {
            try {
                while (running) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        Probe p = r.value() == null ? null : probeOf(r.value(), byChannel);
                        if (p != null && p.onKafkaAt == 0) {
                            p.onKafkaAt = now;
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                // closing
            } finally {
                consumer.close(Duration.ofSeconds(2));
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            consumer.wakeup();
            thread.join(3000);
        }
    }
}
