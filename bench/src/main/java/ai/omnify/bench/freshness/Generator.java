package ai.omnify.bench.freshness;

import ai.omnify.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-loop load generator: a request of {@code batch} NDJSON rows every {@code 1/requestsPerSecond} s to the
 * ingest endpoint, platforms in turn, whatever the answers take (requests overlap when the service is slow). A
 * request may carry a probe row; once its POST has returned (t0), the probe polls the daily metrics of the probe's
 * channel-day through the query API until the spend equals the value the row implies (t1), and then reads when the
 * row was written to PostgreSQL ({@code updated_at}).
 */
final class Generator implements AutoCloseable {
    /** One probe's outcome; times in ms from the POST's return; {@code dbMs} NaN when unknown. */
    record ProbeResult(String phase, double freshnessMs, double dbMs, boolean timedOut, boolean wrongValue) {}

    /** One request: its phase, the POST's latency in ms, rows accepted (0 when it failed). */
    record PostResult(String phase, long sentAtNanos, double latencyMs, int accepted) {}

    private final LoadShape shape;
    private final String ingestUrl;
    private final String apiKey;
    private final int batch;
    private final long periodNanos;
    private final long pollNanos;
    private final long timeoutNanos;
    private final Connection owner;
    private final HttpClient posts = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient gets = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "bench-load"));
    private final ScheduledExecutorService polls = Executors.newScheduledThreadPool(2, r -> thread(r, "bench-probe"));
    private final ExecutorService dbReads = Executors.newSingleThreadExecutor(r -> thread(r, "bench-db-read"));

    final Queue<ProbeResult> probes = new ConcurrentLinkedQueue<>();
    final Queue<PostResult> postResults = new ConcurrentLinkedQueue<>();
    final AtomicLong gets200 = new AtomicLong();
    final AtomicLong getsFailed = new AtomicLong();
    final AtomicInteger probesSkipped = new AtomicInteger();
    private final AtomicInteger inFlightProbes = new AtomicInteger();
    private volatile String phase = "warmup";
    private volatile String apiUrl;
    private volatile boolean probing = true;
    private ScheduledFuture<?> loop;
    private long tick;

    Generator(LoadShape shape, String ingestUrl, String apiKey, int rowsPerSecond, int batch, Duration poll,
            Duration timeout, Connection owner) {
        this.shape = shape;
        this.ingestUrl = ingestUrl;
        this.apiKey = apiKey;
        this.batch = batch;
        this.periodNanos = Math.round(1e9 * batch / rowsPerSecond);
        this.pollNanos = poll.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.owner = owner;
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Sends the seed rows of every probe channel-day and waits for their answers. */
    void seed() throws Exception {
        for (LoadShape.Request r : shape.seedRequests()) {
            HttpResponse<String> res = posts.send(post(r), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200 || Json.mapper().readTree(res.body()).path("accepted").asInt() != r.rows()) {
                throw new IllegalStateException("ingest refused the seed rows: " + res.statusCode() + " " + res.body());
            }
        }
    }

    void start(String firstApiUrl) {
        this.apiUrl = firstApiUrl;
        loop = ticks.scheduleAtFixedRate(this::tick, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    void phase(String name, String api) {
        this.apiUrl = api;
        this.phase = name;
    }

    int inFlightProbes() {
        return inFlightProbes.get();
    }

    void stopProbing() {
        probing = false;
    }

    private void tick() {
        try {
            int platform = (int) (tick++ % LoadShape.PLATFORMS.length);
            LoadShape.Request r = shape.next(platform, batch, probing);
            if (probing && r.probe() == null) {
                probesSkipped.incrementAndGet();
            }
            String ph = phase;
            String api = apiUrl;
            long sent = System.nanoTime();
            posts.sendAsync(post(r), HttpResponse.BodyHandlers.ofString()).whenComplete((res, err) -> {
                long t0 = System.nanoTime();
                Instant t0Wall = Instant.now();
                int accepted = 0;
                if (err == null && res.statusCode() == 200) {
                    try {
                        accepted = Json.mapper().readTree(res.body()).path("accepted").asInt();
                    } catch (Exception e) {
                        accepted = 0;
                    }
                }
                postResults.add(new PostResult(ph, sent, (t0 - sent) / 1e6, accepted));
                if (r.probe() != null) {
                    if (accepted == r.rows()) {
                        inFlightProbes.incrementAndGet();
                        new Probe(ph, api, r.probe(), t0, t0Wall).poll();
                    } else {
                        r.probe().slot().busy.set(false);
                    }
                }
            });
        } catch (RuntimeException e) {
            System.err.println("bench: load tick failed: " + e);
        }
    }

    private HttpRequest post(LoadShape.Request r) {
        return HttpRequest.newBuilder(URI.create(ingestUrl + "/api/v1/ingest/" + r.platform().wire()))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(r.body()))
                .build();
    }

    /** Polls one channel-day until it shows the expected spend, the timeout passes, or it shows something else. */
    private final class Probe {
        private final String phase;
        private final String api;
        private final LoadShape.ProbeRow row;
        private final long t0;
        private final Instant t0Wall;
        private final HttpRequest get;

        Probe(String phase, String api, LoadShape.ProbeRow row, long t0, Instant t0Wall) {
            this.phase = phase;
            this.api = api;
            this.row = row;
            this.t0 = t0;
            this.t0Wall = t0Wall;
            LocalDate d = row.slot().date;
            this.get = HttpRequest.newBuilder(URI.create(api + "/api/v1/metrics/daily?channelId=" + row.slot().channelId
                            + "&from=" + d + "&to=" + d))
                    .header("Authorization", "Bearer " + apiKey).timeout(Duration.ofSeconds(10)).GET().build();
        }

        void poll() {
            long sent = System.nanoTime();
            gets.sendAsync(get, HttpResponse.BodyHandlers.ofString()).whenComplete((res, err) -> {
                long t1 = System.nanoTime();
                BigDecimal seen = null;
                if (err == null && res.statusCode() == 200) {
                    gets200.incrementAndGet();
                    seen = spend(res.body());
                } else {
                    getsFailed.incrementAndGet();
                }
                if (seen != null && seen.compareTo(row.expected()) == 0) {
                    double ms = (t1 - t0) / 1e6;
                    dbReads.execute(() -> finish(new ProbeResult(phase, ms, dbLagMs(), false, false)));
                } else if (seen != null && seen.compareTo(row.expected()) > 0) {
                    finish(new ProbeResult(phase, (t1 - t0) / 1e6, Double.NaN, false, true));
                } else if (t1 - t0 > timeoutNanos) {
                    finish(new ProbeResult(phase, (t1 - t0) / 1e6, Double.NaN, true, false));
                } else {
                    long wait = Math.max(0, sent + pollNanos - System.nanoTime());
                    polls.schedule(this::poll, wait, TimeUnit.NANOSECONDS);
                }
            });
        }

        private void finish(ProbeResult result) {
            probes.add(result);
            inFlightProbes.decrementAndGet();
            row.slot().busy.set(false);
        }

        /** When PostgreSQL got the row: its updated_at (the writing transaction's start) after t0, in ms. */
        private double dbLagMs() {
            try (PreparedStatement ps = owner.prepareStatement(
                    "SELECT updated_at FROM daily_metrics WHERE channel_id = ? AND date = ?")) {
                ps.setObject(1, UUID.fromString(row.slot().channelId));
                ps.setObject(2, row.slot().date);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        Timestamp ts = rs.getTimestamp(1);
                        Instant written = ts.toInstant();
                        return Duration.between(t0Wall, written).toNanos() / 1e6;
                    }
                }
            } catch (SQLException e) {
                return Double.NaN;
            }
            return Double.NaN;
        }
    }

    private static BigDecimal spend(String body) {
        try {
            JsonNode items = Json.mapper().readTree(body).path("items");
            if (items.isArray() && items.size() > 0) {
                return items.get(0).path("spend").decimalValue();
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }

    /** Stops sending; waits for the probes in flight (at most {@code wait}). */
    void stop(Duration wait) throws InterruptedException {
        if (loop != null) {
            loop.cancel(false);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (inFlightProbes.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Waits until the probes of earlier phases are done (at most {@code wait}). */
    void awaitProbes(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (inFlightProbes.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        polls.shutdownNow();
        dbReads.shutdownNow();
    }

    static List<ProbeResult> of(Queue<ProbeResult> q, String phase) {
        return q.stream().filter(p -> p.phase().equals(phase)).toList();
    }

}
