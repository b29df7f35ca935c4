package ai.omnify.bench.webhooks;

import ai.omnify.api.QueryApiServer;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.bench.Cleanup;
import ai.omnify.bench.Log;
import ai.omnify.bench.report.CpuMonitor;
import ai.omnify.bench.report.Figure;
import ai.omnify.bench.report.Report;
import ai.omnify.bench.report.Stats;
import ai.omnify.ingest.IngestServer;
import ai.omnify.ingest.config.IngestConfig;
import ai.omnify.ingest.sync.PlatformReaders;
import ai.omnify.ingest.sync.SyncConfig;
import ai.omnify.ingest.webhook.WebhookConfig;
import ai.omnify.ingest.webhook.WebhookSignatures;
import ai.omnify.jobs.metrics.KafkaMetricsSources;
import ai.omnify.jobs.metrics.MetricsDependencies;
import ai.omnify.jobs.metrics.MetricsJob;
import ai.omnify.jobs.metrics.MetricsJobConfig;
import ai.omnify.jobs.metrics.MetricsSinks;
import ai.omnify.model.Json;
import ai.omnify.model.Topics;
import ai.omnify.server.crypto.CredentialCipher;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Webhook intake: signed Shopify {@code orders/create} deliveries at a steady open-loop rate to the ingest service
 * (HMAC check, connection look-up, ledger, Kafka ack before the 200), and how long until each probe order is visible
 * through the query API. The ingest service, the MetricsJob (MiniCluster, production settings) and the query API run in
 * this JVM on a database and topics of their own, every port chosen free.
 *
 * <p>Load orders are created now; one delivery per second is a probe whose order is created on a past date that only
 * probes use (one of 30, in turn): it is visible when {@code GET /api/v1/metrics/org-daily} for that date counts every
 * probe sent to it so far.
 */
public final class WebhookBenchmark {
    static final String SECRET = "shpss_bench_secret";
    static final String SHOP = "bench-store.myshopify.com";
    static final int PROBE_DATES = 30;

    /** @param visibility also run the MetricsJob and the query API, and probe when orders become visible */
    public record Options(int perSecond, Duration warmup, Duration duration, Duration poll, Duration timeout, Path workDir,
                          boolean visibility) {}

    private final Options o;
    private final Report report;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(16)).build();
    private final AtomicLong orderIds = new AtomicLong(1_000_000);
    private final List<double[]> answers = new CopyOnWriteArrayList<>(); // [phase 0/1, ms, status]
    private final List<Double> visible = new CopyOnWriteArrayList<>();
    private final AtomicInteger probesTimedOut = new AtomicInteger();
    private final Map<LocalDate, AtomicInteger> probesPerDate = new ConcurrentHashMap<>();
    private volatile boolean measuring;

    public WebhookBenchmark(Options options, Report report) {
        this.o = options;
        this.report = report;
    }

    public void run() throws Exception {
        String bootstrap = TestStack.kafkaBootstrap();
        String dbName = null;
        try (TestDatabase db = TestDatabase.create()) {
            dbName = db.name();
            UUID org = db.createOrganization("Bench webhooks", "EUR", "UTC");
            String key = db.createApiKey(org, "read");
            Topics topics = TestKafka.createTopics(4);
            String suffix = topics.suffix();
            List<AutoCloseable> open = new ArrayList<>();
            JobClient job = null;
            String groupId = null;
            try {
                Map<String, String> appEnv = new HashMap<>(db.env(db.appConfig()));
                appEnv.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
                appEnv.put("OMNIFY_TOPIC_SUFFIX", suffix);
                Map<String, String> ingestEnv = new HashMap<>(appEnv);
                ingestEnv.put("INGEST_PORT", "0");
                Map<String, String> brand = Map.of("SHOPIFY_STORE_URL", SHOP, "SHOPIFY_ACCESS_TOKEN", "shpat_bench",
                        "OMNIFY_ORG_ID", org.toString());
                IngestServer ingest = IngestServer.start(IngestConfig.fromEnv(ingestEnv), new IngestServer.Sync(
                        new WebhookConfig(SECRET, null, null, Duration.ofSeconds(4)), SyncConfig.defaults(),
                        CredentialCipher.of("bench", new byte[32], Map.of()), PlatformReaders.NONE, brand, "bench"),
                        Clock.systemUTC());
                open.add(ingest);

                Map<String, String> jobEnv = new HashMap<>(db.env(db.pipelineConfig()));
                jobEnv.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
                jobEnv.put("OMNIFY_TOPIC_SUFFIX", suffix);
                jobEnv.put("METRICS_GROUP_ID", "omnify-metrics-bench-" + suffix);
                MetricsJobConfig config = MetricsJobConfig.fromEnv(jobEnv);
                groupId = config.groupId();
                if (o.visibility()) {
                    job = startJob(config);
                }

                Map<String, String> apiEnv = new HashMap<>(appEnv);
                apiEnv.put("QUERY_API_PORT", "0");
                apiEnv.put("QUERY_API_HOST", "127.0.0.1");
                apiEnv.put("QUERY_API_CACHE_TTL", "0");
                QueryApiServer api = o.visibility() ? QueryApiServer.start(QueryApiConfig.fromEnv(apiEnv)) : null;
                if (api != null) {
                    open.add(api);
                }

                String webhookUrl = "http://127.0.0.1:" + ingest.port() + "/webhooks/shopify";
                String apiUrl = api == null ? null : "http://127.0.0.1:" + api.port();
                ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2);
                ExecutorService probes = Executors.newFixedThreadPool(16);
                long periodMicros = 1_000_000L / o.perSecond();
                AtomicLong tick = new AtomicLong();
                ticker.scheduleAtFixedRate(() -> {
                    long n = tick.incrementAndGet();
                    boolean probe = o.visibility() && n % o.perSecond() == 0;
                    send(webhookUrl, probe, apiUrl, key, probes);
                }, 0, periodMicros, TimeUnit.MICROSECONDS);
                Log.info("webhooks: %d orders/create per second (one probe per second); warm-up %d s", o.perSecond(),
                        o.warmup().toSeconds());
                Thread.sleep(o.warmup().toMillis());
                measuring = true;
                CpuMonitor cpu = new CpuMonitor().start();
                long t0 = System.nanoTime();
                Thread.sleep(o.duration().toMillis());
                measuring = false;
                double seconds = (System.nanoTime() - t0) / 1e9;
                CpuMonitor.Usage usage = cpu.stop();
                ticker.shutdown();
                ticker.awaitTermination(10, TimeUnit.SECONDS);
                probes.shutdown();
                probes.awaitTermination(o.timeout().toSeconds() + 5, TimeUnit.SECONDS);
                summarise(seconds, usage);
            } finally {
                if (job != null) {
                    try {
                        job.cancel().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // the cluster goes with the JVM
                    }
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
                    Cleanup.deleteGroups(List.of(groupId));
                }
                Cleanup.deleteDirectory(o.workDir().resolve("checkpoints-webhooks"));
            }
        } finally {
            if (dbName != null) {
                Cleanup.dropDatabase(dbName);
            }
        }
    }

    private void send(String url, boolean probe, String apiUrl, String key, ExecutorService probes) {
        long id = orderIds.incrementAndGet();
        LocalDate date = probe ? LocalDate.now(ZoneOffset.UTC).minusDays(2 + (id % PROBE_DATES)) : null;
        String created = probe ? date + "T12:00:00Z" : java.time.Instant.now().minusSeconds(1).toString();
        String body = "{\"id\":" + id + ",\"created_at\":\"" + created + "\",\"updated_at\":\"" + created + "\","
                + "\"currency\":\"EUR\",\"total_price\":\"49.90\",\"landing_site\":\"/?utm_source=facebook&utm_campaign=c"
                + (id % 20) + "\",\"customer\":{\"id\":" + (id % 5000) + "},\"refunds\":[]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Shop-Domain", SHOP).header("X-Shopify-Webhook-Id", "bench-" + id)
                .header("X-Shopify-Hmac-Sha256", WebhookSignatures.shopifySignature(body.getBytes(StandardCharsets.UTF_8), SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        boolean counted = measuring;
        long start = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            long answeredAt = System.nanoTime();
            int status = e == null ? r.statusCode() : -1;
            if (counted) {
                answers.add(new double[] {(answeredAt - start) / 1e6, status});
            }
            if (probe && status == 200) {
                int expected = probesPerDate.computeIfAbsent(date, d -> new AtomicInteger()).incrementAndGet();
                probes.submit(() -> awaitVisible(apiUrl, key, date, expected, answeredAt, counted));
            }
        });
    }

    private void awaitVisible(String apiUrl, String key, LocalDate date, int expected, long answeredAt, boolean counted) {
        long deadline = answeredAt + o.timeout().toNanos();
        HttpRequest get = HttpRequest.newBuilder(URI.create(apiUrl + "/api/v1/metrics/org-daily?from=" + date + "&to=" + date))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(5)).GET().build();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    JsonNode items = Json.mapper().readTree(r.body()).path("items");
                    if (items.size() > 0 && items.get(0).path("orders").asInt() >= expected) {
                        if (counted) {
                            visible.add((System.nanoTime() - answeredAt) / 1e6);
                        }
                        return;
                    }
                }
                Thread.sleep(o.poll().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // keep polling until the deadline
            }
        }
        if (counted) {
            probesTimedOut.incrementAndGet();
        }
    }

    private void summarise(double seconds, CpuMonitor.Usage usage) {
        Stats ok = new Stats(answers.stream().filter(a -> a[1] == 200).mapToDouble(a -> a[0]).toArray());
        long failed = answers.stream().filter(a -> a[1] != 200).count();
        Map<Integer, Long> byStatus = new java.util.TreeMap<>();
        answers.forEach(a -> byStatus.merge((int) a[1], 1L, Long::sum));
        double rate = answers.size() / seconds;
        Stats seen = new Stats(visible.stream().mapToDouble(Double::doubleValue).toArray());
        String answer = String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d webhooks at %.0f/s, %d not 200)",
                ok.p(0.5), ok.p(0.99), ok.max(), answers.size(), rate, failed);
        String fresh = String.format("p50 %.2f s, p99 %.2f s, max %.2f s (%d probes, %d timed out)", seen.p(0.5) / 1000,
                seen.p(0.99) / 1000, seen.max() / 1000, seen.count() + probesTimedOut.get(), probesTimedOut.get());
        Log.info("webhooks: answer %s; visible in the API %s; %s; answers by status (-1: no answer in 10 s) %s",
                answer, fresh, usage.text(), byStatus);
        String setup = o.visibility() ? "with MetricsJob + query API in the JVM" : "ingest service alone";
        report.add(Figure.of("Webhook intake @" + o.perSecond() + "/s (" + setup + "): time to answer (HMAC, look-up, ledger claim, Kafka ack)",
                answer, "Shopify wants 2xx within 5 s").with("p50Ms", ok.p(0.5)).with("p99Ms", ok.p(0.99))
                .with("maxMs", ok.max()).with("webhooks", answers.size()).with("notOk", failed)
                .with("perSecondSent", Math.round(rate)).with("byStatus", byStatus.toString()).with("cpu", usage.text()));
        if (!o.visibility()) {
            return;
        }
        report.add(Figure.of("Webhook -> order visible in the API (org-daily, cache off) @" + o.perSecond() + "/s", fresh,
                "poll every " + o.poll().toMillis() + " ms").with("p50Ms", seen.p(0.5)).with("p99Ms", seen.p(0.99))
                .with("maxMs", seen.max()).with("probes", seen.count()).with("timedOut", probesTimedOut.get()));
    }

    private JobClient startJob(MetricsJobConfig config) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                o.workDir().resolve("checkpoints-webhooks").toAbsolutePath().toUri().toString());
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
        JobClient job = env.executeAsync("bench-metrics-webhooks");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the MetricsJob did not start within 60 s: " + job.getJobStatus().get());
            }
            Thread.sleep(100);
        }
        return job;
    }
}
