package ai.omnify.bench.platforms;

import ai.omnify.bench.Log;
import ai.omnify.bench.report.Figure;
import ai.omnify.bench.report.Report;
import ai.omnify.ingest.platform.PlatformClients;
import ai.omnify.ingest.platform.PlatformClientsConfig;
import ai.omnify.ingest.sync.PlatformException;
import ai.omnify.ingest.sync.SyncOutput;
import ai.omnify.ingest.sync.SyncRequest;
import ai.omnify.ingest.sync.SyncSummary;
import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.simulator.fakes.FakePlatforms;
import ai.omnify.simulator.fakes.google.FakeGoogleAds;
import ai.omnify.simulator.fakes.meta.FakeMeta;
import ai.omnify.simulator.fakes.shopify.FakeShopify;
import ai.omnify.simulator.fakes.tiktok.FakeTikTok;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Backfill of the demo brand's history across all four platforms: the real platform clients read the simulator's fake
 * Meta, Google Ads, TikTok and Shopify APIs over loopback HTTP (port 0), all four at once as the sync scheduler would.
 * The fakes enforce allowances (Meta calls per window with usage headers, Google and TikTok requests per second,
 * Shopify's cost bucket), so the run shows whether the clients slow down before being refused. Prints rows per
 * platform, rows/s, wall time, requests, and how many requests the fakes refused for going too fast.
 */
public final class PlatformBackfillBenchmark {
    /**
     * @param days history days of the brand
     * @param metaCallsPerWindow Meta's allowance per {@code metaWindowMs}
     * @param adRequestsPerSecond Google's and TikTok's allowance per second
     * @param shopifyBucket Shopify's cost bucket (points), restored at {@code shopifyRestore} points per second
     */
    public record Options(int days, int metaCallsPerWindow, long metaWindowMs, int adRequestsPerSecond,
            int shopifyBucket, int shopifyRestore, Map<String, String> clientEnv) {}

    private final Options options;
    private final Report report;

    public PlatformBackfillBenchmark(Options options, Report report) {
        this.options = options;
        this.report = report;
    }

    private record Result(Platform platform, long rows, SyncSummary summary, double seconds) {}

    public void run() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID org = UUID.randomUUID();
        Log.info("platforms: generating the demo brand (%d days, seed 42) and starting the fakes", options.days());
        SyntheticBrand brand = SyntheticBrand.create(SimulationConfig.of(42, options.days(), now, org.toString()));
        FakePlatforms fakes = FakePlatforms.start(brand, Clock.fixed(now, ZoneOffset.UTC), "127.0.0.1", 0);
        try {
            fakes.meta().limit(options.metaCallsPerWindow(), options.metaWindowMs());
            fakes.google().limit(options.adRequestsPerSecond(), 1000);
            fakes.tiktok().limit(options.adRequestsPerSecond(), 1000);
            fakes.shopify().bucket(options.shopifyBucket(), options.shopifyRestore());
            Map<String, String> env = new HashMap<>(fakes.clientEnv(fakes.baseUrl()));
            env.put("GOOGLE_ADS_CLIENT_ID", FakeGoogleAds.CLIENT_ID);
            env.put("GOOGLE_ADS_CLIENT_SECRET", FakeGoogleAds.CLIENT_SECRET);
            env.putAll(options.clientEnv());
            PlatformClients clients = new PlatformClients(PlatformClientsConfig.fromEnv(env), Clock.systemUTC());

            Map<Platform, SyncRequest> requests = new EnumMap<>(Platform.class);
            for (Platform p : List.of(Platform.META, Platform.GOOGLE, Platform.TIKTOK)) {
                requests.put(p, new SyncRequest(org, UUID.randomUUID(), p, fakes.truth().account(p).accountId(),
                        credentials(p), fakes.truth().firstDate(p), fakes.truth().today(p), null, null));
            }
            requests.put(Platform.SHOPIFY, new SyncRequest(org, UUID.randomUUID(), Platform.SHOPIFY,
                    brand.catalog().store().domain(), Map.of("access_token", FakeShopify.TOKEN), null, null, null,
                    null));

            ExecutorService pool = Executors.newFixedThreadPool(4);
            long start = System.nanoTime();
            Map<Platform, Future<Result>> running = new EnumMap<>(Platform.class);
            requests.forEach((p, r) -> running.put(p, pool.submit(() -> read(clients, r))));
            Map<Platform, Result> results = new EnumMap<>(Platform.class);
            for (var e : running.entrySet()) {
                results.put(e.getKey(), e.getValue().get());
            }
            double wall = (System.nanoTime() - start) / 1e9;
            pool.shutdown();

            long rows = 0;
            int refused = 0;
            int throttled = 0;
            int requestsMade = 0;
            for (Result r : results.values()) {
                int quota = fakes.fake(r.platform()).stats().quotaRefusals();
                rows += r.rows();
                refused += quota;
                throttled += r.summary().throttled();
                requestsMade += r.summary().requests();
                report.add(Figure.of("platforms/" + r.platform().wire(),
                        String.format("%,d rows in %.1f s (%,.0f rows/s), %d requests, %d pages, %d refused for rate",
                                r.rows(), r.seconds(), r.rows() / r.seconds(), r.summary().requests(),
                                r.summary().pages(), quota),
                        "aim: no refusal after the first slow-down signal")
                        .with("rows", r.rows()).with("seconds", r.seconds()).with("requests", r.summary().requests())
                        .with("pages", r.summary().pages()).with("refusedForRate", quota)
                        .with("clientThrottled", r.summary().throttled()));
                Log.info("platforms: %s %,d rows, %.1f s, %d requests, %d refused for rate", r.platform().wire(),
                        r.rows(), r.seconds(), r.summary().requests(), quota);
            }
            report.add(Figure.of("platforms/all four at once",
                    String.format("%,d rows in %.1f s wall (%,.0f rows/s), %d requests, %d answered 429 or the "
                            + "platform's throttling signal", rows, wall, rows / wall, requestsMade, refused),
                    "aim: none after the first slow-down signal")
                    .with("rows", rows).with("wallSeconds", wall).with("requests", requestsMade)
                    .with("refusedForRate", refused).with("clientThrottled", throttled));
            Map<String, Object> limits = new LinkedHashMap<>();
            limits.put("metaCallsPerWindow", options.metaCallsPerWindow());
            limits.put("metaWindowMs", options.metaWindowMs());
            limits.put("googleAndTikTokRequestsPerSecond", options.adRequestsPerSecond());
            limits.put("shopifyBucket", options.shopifyBucket());
            limits.put("shopifyRestorePerSecond", options.shopifyRestore());
            report.detail("platformLimits", limits);
            report.detail("platformClientEnv", options.clientEnv());
            report.note("platforms: the fakes and the clients share this JVM and its cores; rows are handed to a "
                    + "counting output (no Kafka): this measures reading, paging and pacing, not the pipeline");
        } finally {
            fakes.stop();
        }
    }

    private static Map<String, String> credentials(Platform p) {
        return switch (p) {
            case META -> Map.of("access_token", FakeMeta.TOKEN);
            case GOOGLE -> Map.of("refresh_token", FakeGoogleAds.REFRESH_TOKEN, "login_customer_id",
                    FakeGoogleAds.MANAGER_ID);
            case TIKTOK -> Map.of("access_token", FakeTikTok.TOKEN);
            default -> Map.of("access_token", FakeShopify.TOKEN);
        };
    }

    private static Result read(PlatformClients clients, SyncRequest r) throws PlatformException {
        AtomicLong rows = new AtomicLong();
        long start = System.nanoTime();
        SyncSummary s = clients.reader(r.platform()).read(r, new SyncOutput() {
            @Override
            public void insight(AdInsight snapshot) {
                rows.incrementAndGet();
            }

            @Override
            public void order(OrderEvent order) {
                rows.incrementAndGet();
            }

            @Override
            public void pageDone(String nextCursor, int pagesDone, Integer pagesTotal) {}
        });
        return new Result(r.platform(), rows.get(), s, (System.nanoTime() - start) / 1e9);
    }
}
