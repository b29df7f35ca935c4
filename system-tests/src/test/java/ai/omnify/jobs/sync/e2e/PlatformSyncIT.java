package ai.omnify.jobs.sync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.api.QueryApiServer;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.ingest.IngestServer;
import ai.omnify.ingest.config.IngestConfig;
import ai.omnify.ingest.platform.PlatformClients;
import ai.omnify.jobs.metrics.KafkaMetricsSources;
import ai.omnify.jobs.metrics.MetricsDependencies;
import ai.omnify.jobs.metrics.MetricsJob;
import ai.omnify.jobs.metrics.MetricsSettings;
import ai.omnify.jobs.metrics.MetricsSinks;
import ai.omnify.model.Ids;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.Topics;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.simulator.fakes.FakePlatforms;
import ai.omnify.simulator.fakes.Faults;
import ai.omnify.simulator.fakes.google.FakeGoogleAds;
import ai.omnify.simulator.fakes.meta.FakeMeta;
import ai.omnify.simulator.fakes.shopify.FakeShopify;
import ai.omnify.simulator.fakes.tiktok.FakeTikTok;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import ai.omnify.testing.StackExtension;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestFlink;
import ai.omnify.testing.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Platform sync end to end, as a user runs it: the fake platforms on a loopback port serve a 21-day brand; an admin
 * connects Meta, Google Ads, TikTok and Shopify through the real {@code POST /api/v1/connections}; the ingest
 * service's scheduler backfills and polls through the REAL platform clients into Kafka; the MetricsJob on a
 * MiniCluster writes PostgreSQL. The stored daily metrics must equal the fakes' ground truth exactly. Then faults:
 * rate-limit bursts and 5xx during a re-backfill recover with every day read exactly once; an expired token marks
 * the connection {@code needs_reauth} with an alert; {@code GET /api/v1/sync} shows it all.
 */
class PlatformSyncIT {
    private static final int DAYS = 21;
    private static final ZoneId ORG_ZONE = ZoneId.of("Europe/Berlin");
    private static final BigDecimal USD_EUR = new BigDecimal("0.9200");
    private static final BigDecimal GBP_EUR = new BigDecimal("1.1500");

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestFlink.miniCluster(2);

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withTopics(2);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static TestDatabase db;
    private static Topics topics;
    private static UUID org;
    private static String admin;
    private static FakePlatforms fakes;
    private static QueryApiServer api;
    private static IngestServer ingest;
    private static JobClient job;

    @BeforeAll
    static void stack() throws Exception {
        db = STACK.db();
        org = db.createOrganization("Fieldhouse Outfitters", "EUR", ORG_ZONE.getId());
        admin = db.createApiKey(org, "read", "act", "admin");
        db.execute("INSERT INTO fx_rates (base, quote, rate_date, rate) VALUES ('USD','EUR','2020-01-01',?), "
                + "('GBP','EUR','2020-01-01',?)", USD_EUR, GBP_EUR);
        topics = STACK.topics();

        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        SyntheticBrand brand = SyntheticBrand.create(SimulationConfig.of(11, DAYS, now, org.toString()));
        fakes = FakePlatforms.start(brand, Clock.fixed(now, ZoneOffset.UTC), "127.0.0.1", 0);
        // Shopify's cost-based pacing is its client test's subject; here the store answers as fast as it can
        fakes.shopify().bucket(1e9, 1e9);

        Map<String, String> env = STACK.serviceEnv();
        env.putAll(fakes.clientEnv(fakes.baseUrl()));
        env.put("OMNIFY_CREDENTIALS_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        env.put("INGEST_PORT", "0");
        env.put("QUERY_API_HOST", "127.0.0.1");
        env.put("QUERY_API_PORT", "0");
        env.put("QUERY_API_DB_POOL_SIZE", "2");
        // the clients: short backoffs (the platforms' own waits are honoured as they come)
        env.put("PLATFORM_RETRY_INITIAL", "20ms");
        env.put("PLATFORM_RETRY_MAX", "500ms");
        env.put("PLATFORM_REQUEST_TIMEOUT", "5s");
        env.put("META_ASYNC_POLL_INITIAL", "20ms");
        env.put("META_ASYNC_POLL_MAX", "100ms");
        env.put("SHOPIFY_BULK_POLL_INITIAL", "20ms");
        env.put("GOOGLE_ADS_MAX_RPS", "200");
        env.put("TIKTOK_MAX_RPS", "200");
        env.put("TIKTOK_THROTTLE_PAUSE", "100ms");
        // the scheduler: a first backfill over the whole brand, polls every few seconds
        env.put("SYNC_INITIAL_BACKFILL_DAYS", String.valueOf(DAYS + 2));
        for (String p : List.of("META", "GOOGLE", "SHOPIFY")) {
            env.put("SYNC_POLL_INTERVAL_" + p, "5s");
        }
        // TikTok's poll stays scheduled far ahead: a reconnect must bring it forward (step 5)
        env.put("SYNC_POLL_INTERVAL_TIKTOK", "10m");
        env.put("SYNC_SCHEDULER_POLL", "200ms");
        env.put("SYNC_HEARTBEAT", "1s");
        env.put("SYNC_RECONCILE_INTERVAL", "1s");
        env.put("SYNC_BACKFILL_RETRY", "1s");

        api = QueryApiServer.start(QueryApiConfig.fromEnv(env), env);
        PlatformClients clients = PlatformClients.fromEnv(env);
        ingest = IngestServer.start(IngestConfig.fromEnv(env), IngestServer.Sync.fromEnv(env, clients::reader),
                Clock.systemUTC());

        StreamExecutionEnvironment flink = TestFlink.environment(2);
        flink.enableCheckpointing(1000, CheckpointingMode.EXACTLY_ONCE);
        MetricsJob.build(flink,
                new KafkaMetricsSources(TestStack.kafkaBootstrap(), topics.adInsights(), topics.orders(), "sync-e2e-" + org,
                        topics.adEntities()),
                MetricsSinks.create(db.pipelineConfig(), TestStack.kafkaBootstrap(), topics, 500, 100),
                MetricsSettings.defaults().withDebounce(Duration.ofMillis(200)).withLateSettle(Duration.ofSeconds(1)),
                MetricsDependencies.jdbc(db.pipelineConfig(), Duration.ofMinutes(5)));
        job = flink.executeAsync("platform-sync-e2e");
    }

    @AfterAll
    static void teardown() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
        if (ingest != null) {
            ingest.close();
        }
        if (api != null) {
            api.close();
        }
        if (fakes != null) {
            fakes.stop();
        }
    }

    @Test
    void connectedPlatformsSyncIntoTheDailyMetricsExactlyAndSurviveFaults() throws Exception {
        // 1. an admin connects the four platforms, with the names and account forms a user copies from each UI
        Map<Platform, UUID> connections = new EnumMap<>(Platform.class);
        String metaDigits = fakes.truth().account(Platform.META).accountId().substring("act_".length());
        String google = fakes.truth().account(Platform.GOOGLE).accountId();
        connections.put(Platform.META, connect("meta", metaDigits, Map.of("access_token", FakeMeta.TOKEN)));
        connections.put(Platform.GOOGLE, connect("google", google.substring(0, 3) + "-" + google.substring(3, 6) + "-"
                + google.substring(6), Map.of("refresh_token", FakeGoogleAds.REFRESH_TOKEN,
                "client_id", FakeGoogleAds.CLIENT_ID, "client_secret", FakeGoogleAds.CLIENT_SECRET,
                "login_customer_id", "987-654-3210")));
        connections.put(Platform.TIKTOK, connect("tiktok", fakes.truth().account(Platform.TIKTOK).accountId(),
                Map.of("access_token", FakeTikTok.TOKEN)));
        connections.put(Platform.SHOPIFY, connect("shopify", "https://Fieldhouse-Outfitters.myshopify.com/admin",
                Map.of("access_token", FakeShopify.TOKEN)));
        assertThat(FakeGoogleAds.MANAGER_ID).isEqualTo("9876543210");

        // 2. the first backfill and the polls bring every channel-day and every order day in exactly
        awaitTruth("first backfill and polls", Duration.ofSeconds(120));
        log("truth reached");
        JsonNode status = get("/api/v1/sync");
        for (JsonNode item : status.path("items")) {
            assertThat(item.path("connectionStatus").asText()).as(item.toString()).isEqualTo("active");
            assertThat(item.path("lastSuccessAt").isNull()).as(item.toString()).isFalse();
        }
        assertThat(status.path("items")).hasSize(4);
        await("the first backfill of each connection succeeded", Duration.ofSeconds(30), () -> ((Number) db.query(
                "SELECT count(DISTINCT connection_id) AS n FROM sync_runs WHERE organization_id = ? AND kind = 'backfill'"
                + " AND state = 'succeeded'", org).get(0).get("n")).intValue() == 4);
        log("first backfill done");

        // 2b. Meta's ads as Meta describes them: status, copy and launch date in the creatives, and in the API
        Map<String, List<Object>> adTruth = metaAdTruth();
        await("every Meta ad's status, copy and launch date stored", Duration.ofSeconds(60),
                () -> metaAdsStored().equals(adTruth));
        JsonNode creatives = get("/api/v1/creatives?limit=500");
        int checked = 0;
        for (JsonNode c : creatives.path("items")) {
            List<Object> expected = adTruth.get(c.path("externalId").asText());
            if (expected != null) {
                assertThat(List.of(c.path("status").asText(), c.path("headline").asText(), c.path("body").asText(),
                        c.path("launchDate").asText())).as(c.toString()).isEqualTo(expected.subList(1, 5)
                        .stream().map(String::valueOf).toList());
                checked++;
            }
        }
        assertThat(checked).as("Meta ads in GET /api/v1/creatives").isEqualTo(adTruth.size());
        // and each Meta campaign's status in its channel
        LocalDate metaToday = fakes.truth().today(Platform.META);
        Map<Object, Object> campaignTruth = new TreeMap<>();
        java.util.Set<String> withData = new java.util.HashSet<>();
        fakes.truth().insights(Platform.META, fakes.truth().firstDate(Platform.META), metaToday)
                .forEach(in -> withData.add(in.campaignId()));
        for (var c : fakes.truth().brand().catalog().campaignsOf(fakes.truth().account(Platform.META))) {
            if (!withData.contains(c.campaignId())) {
                continue; // a campaign becomes a channel with its first data
            }
            campaignTruth.put(Ids.channelId(org.toString(), Platform.META, c.campaignId()).toString(),
                    c.isPausedOn(metaToday) ? "paused" : "active");
        }
        await("every Meta campaign's status stored", Duration.ofSeconds(30), () -> {
            Map<Object, Object> stored = new TreeMap<>();
            db.query("SELECT id, status FROM channels WHERE organization_id = ? AND platform = 'meta'", org)
                    .forEach(r -> stored.put(r.get("id").toString(), r.get("status")));
            return stored.equals(campaignTruth);
        });

        // 3. faults during a re-backfill of every ad platform: rate-limit bursts and 5xx; every day read once
        fakes.meta().faults().arm(new Faults.Fault(Faults.Mode.THROTTLE, 1, 3, 0));
        fakes.google().faults().arm(new Faults.Fault(Faults.Mode.ERROR_5XX, 1, 3, 0));
        fakes.tiktok().faults().arm(new Faults.Fault(Faults.Mode.THROTTLE, 0, 2, 0));
        fakes.shopify().faults().arm(new Faults.Fault(Faults.Mode.ERROR_5XX, 0, 2, 0));
        Map<Platform, Faults.Mode> armed = Map.of(Platform.META, Faults.Mode.THROTTLE, Platform.GOOGLE,
                Faults.Mode.ERROR_5XX, Platform.TIKTOK, Faults.Mode.THROTTLE);
        Map<Platform, String> runs = new EnumMap<>(Platform.class);
        for (Platform p : List.of(Platform.META, Platform.GOOGLE, Platform.TIKTOK)) {
            runs.put(p, backfill(connections.get(p), fakes.truth().firstDate(p), fakes.truth().today(p)));
        }
        for (Map.Entry<Platform, String> e : runs.entrySet()) {
            Platform p = e.getKey();
            await(p + " re-backfill succeeded", Duration.ofSeconds(90),
                    () -> "succeeded".equals(run(e.getValue()).path("state").asText()));
            int truthRows = fakes.truth().insights(p, fakes.truth().firstDate(p), fakes.truth().today(p)).size();
            assertThat(run(e.getValue()).path("rows").asLong()).as(p + ": rows read once each, none lost")
                    .isEqualTo(truthRows);
            assertThat(fakes.fake(p).faults().fired(armed.get(p))).as(p + " faults served").isGreaterThan(0);
        }
        await("shopify poll through its 5xx", Duration.ofSeconds(60),
                () -> fakes.shopify().faults().fired(Faults.Mode.ERROR_5XX) >= 2 && shopifyPolledAfterFault());
        awaitTruth("after 429 bursts and 5xx", Duration.ofSeconds(60));
        assertThat(db.query("SELECT status FROM api_credentials WHERE organization_id = ?", org))
                .allSatisfy(r -> assertThat(r).containsEntry("status", "active"));

        // 4. an expired token: needs_reauth, one alert, no more polling; the other connections go on
        fakes.tiktok().faults().arm(new Faults.Fault(Faults.Mode.EXPIRED_TOKEN, 0, -1, 0));
        Platform tt = Platform.TIKTOK;
        backfill(connections.get(tt), fakes.truth().today(tt).minusDays(1), fakes.truth().today(tt));
        await("the TikTok connection needs re-authorization", Duration.ofSeconds(60), () -> "needs_reauth".equals(
                db.query("SELECT status FROM api_credentials WHERE id = ?", connections.get(tt)).get(0).get("status")));
        List<Map<String, Object>> alerts = db.query("SELECT kind, severity, alert_key FROM alerts WHERE organization_id = ?", org);
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a)
                .containsEntry("kind", "connection_needs_reauth").containsEntry("severity", "critical")
                .containsEntry("alert_key", "connection_needs_reauth:connection:" + connections.get(tt)));
        int refusedBefore = fakes.tiktok().stats().authFailures();
        Thread.sleep(6000); // more than a poll interval: no further TikTok call
        assertThat(fakes.tiktok().stats().authFailures()).isEqualTo(refusedBefore);
        JsonNode after = get("/api/v1/sync");
        for (JsonNode item : after.path("items")) {
            String expected = item.path("platform").asText().equals("tiktok") ? "needs_reauth" : "active";
            assertThat(item.path("connectionStatus").asText()).as(item.toString()).isEqualTo(expected);
            assertThat(item.path("rows").asLong()).as(item.toString()).isGreaterThanOrEqualTo(0);
        }
        assertThat(after.toString()).doesNotContain(FakeTikTok.TOKEN).doesNotContain(FakeMeta.TOKEN);
        // and the numbers already stored stay exact
        awaitTruth("after the expired token", Duration.ofSeconds(30));

        // 5. the user reconnects TikTok: its next poll runs now, not at its next interval (10 minutes away)
        fakes.tiktok().faults().clear();
        Instant reconnected = Instant.now();
        assertThat(send("POST", "/api/v1/connections", Json.write(Map.of("platform", "tiktok", "account",
                fakes.truth().account(tt).accountId(), "credentials", Map.of("access_token", FakeTikTok.TOKEN))))
                .statusCode()).isEqualTo(200);
        await("a TikTok poll right after the reconnect", Duration.ofSeconds(20), () -> !db.query("SELECT 1 FROM sync_runs"
                + " WHERE connection_id = ? AND kind = 'poll' AND state = 'succeeded' AND started_at >= ?",
                connections.get(tt), java.sql.Timestamp.from(reconnected)).isEmpty());
        assertThat(db.query("SELECT status FROM api_credentials WHERE id = ?", connections.get(tt)).get(0))
                .containsEntry("status", "active");
    }

    /** adId -> campaignId, status, headline, body, launch date of every Meta ad the fake serves today. */
    private static Map<String, List<Object>> metaAdTruth() {
        Map<String, List<Object>> m = new TreeMap<>();
        LocalDate today = fakes.truth().today(Platform.META);
        var catalog = fakes.truth().brand().catalog();
        for (var c : catalog.campaignsOf(fakes.truth().account(Platform.META))) {
            for (var a : catalog.adsOf(c)) {
                if (a.launchDate().isAfter(today)) {
                    continue;
                }
                String headline = a.name().split(" \\| ")[0];
                m.put(a.adId(), List.of(Ids.channelId(org.toString(), Platform.META, c.campaignId()),
                        c.isPausedOn(today) || "PAUSED".equals(a.status(today)) ? "paused" : "active", headline,
                        "Fieldhouse Outfitters: " + headline + " (" + a.format() + ")", a.launchDate()));
            }
        }
        return m;
    }

    private static Map<String, List<Object>> metaAdsStored() {
        Map<String, List<Object>> m = new TreeMap<>();
        for (Map<String, Object> r : db.query("SELECT external_id, channel_id, status, headline, body, launch_date"
                + " FROM creatives WHERE organization_id = ? AND channel_id IN (SELECT id FROM channels WHERE platform ="
                + " 'meta' AND organization_id = ?)", org, org)) {
            Object launch = r.get("launch_date");
            m.put((String) r.get("external_id"), java.util.Arrays.asList(r.get("channel_id"), r.get("status"),
                    r.get("headline"), r.get("body"), launch == null ? null : LocalDate.parse(launch.toString())));
        }
        return m;
    }

    private static final Instant STARTED = Instant.now();

    private static void log(String stage) {
        System.out.println("PlatformSyncIT +" + Duration.between(STARTED, Instant.now()).toMillis() + " ms: " + stage
                + "\n" + db.query("SELECT c.platform, r.kind, r.state, r.rows, r.pages_done, r.pages_total, r.error,"
                + " r.started_at, r.finished_at FROM sync_runs r JOIN api_credentials c ON c.id = r.connection_id"
                + " WHERE r.organization_id = ? ORDER BY r.requested_at", org).stream().map(Object::toString)
                .collect(java.util.stream.Collectors.joining("\n")));
    }

    private static boolean shopifyPolledAfterFault() {
        return !db.query("SELECT 1 FROM sync_runs r JOIN api_credentials c ON c.id = r.connection_id WHERE"
                + " c.platform = 'shopify' AND r.state = 'succeeded' AND r.finished_at > now() - interval '20 seconds'")
                .isEmpty();
    }

    // --- the truth -----------------------------------------------------------------------------------------

    private record Figures(BigDecimal spend, long impressions, long clicks) {
        Figures plus(Figures o) {
            return new Figures(spend.add(o.spend), impressions + o.impressions, clicks + o.clicks);
        }
    }

    private static BigDecimal eur(BigDecimal amount, String currency) {
        BigDecimal rate = switch (currency) {
            case "EUR" -> BigDecimal.ONE;
            case "USD" -> USD_EUR;
            case "GBP" -> GBP_EUR;
            default -> throw new IllegalArgumentException("no test rate for " + currency);
        };
        return amount.multiply(rate).setScale(4, RoundingMode.HALF_EVEN);
    }

    /** channelId|date -> spend (EUR), impressions, clicks of the fakes' ad rows; day|orders -> count and revenue. */
    private static Map<String, Object> truth() {
        Map<String, Object> t = new TreeMap<>();
        Map<String, Figures> channels = new TreeMap<>();
        for (Platform p : List.of(Platform.META, Platform.GOOGLE, Platform.TIKTOK)) {
            for (AdInsight in : fakes.truth().insights(p, fakes.truth().firstDate(p), fakes.truth().today(p))) {
                channels.merge(Ids.channelId(org.toString(), p, in.campaignId()) + "|" + in.date(),
                        new Figures(eur(in.spend(), in.currency()), in.impressions(), in.clicks()), Figures::plus);
            }
        }
        channels.forEach(t::put);
        Map<String, long[]> orderCounts = new TreeMap<>();
        Map<String, BigDecimal> revenue = new TreeMap<>();
        for (OrderEvent o : fakes.truth().orders()) {
            String day = o.createdAt().atZone(ORG_ZONE).toLocalDate().toString();
            boolean cancelled = o.cancelledAt() != null;
            orderCounts.computeIfAbsent(day, d -> new long[1])[0] += cancelled ? 0 : 1;
            revenue.merge(day, cancelled ? BigDecimal.ZERO : eur(o.totalPrice().subtract(o.refunded()), o.currency()),
                    BigDecimal::add);
        }
        orderCounts.forEach((d, n) -> t.put("orders|" + d, n[0] + " orders, " + revenue.get(d).setScale(4, RoundingMode.UNNECESSARY)));
        return t;
    }

    private static Map<String, Object> stored(Map<String, Object> truth) {
        Map<String, Object> s = new TreeMap<>();
        for (Map<String, Object> r : db.query("SELECT channel_id, date, spend, impressions, clicks FROM daily_metrics"
                + " WHERE organization_id = ?", org)) {
            String key = r.get("channel_id") + "|" + r.get("date");
            Figures f = new Figures(((BigDecimal) r.get("spend")).setScale(4, RoundingMode.UNNECESSARY),
                    ((Number) r.get("impressions")).longValue(), ((Number) r.get("clicks")).longValue());
            // a channel-day with attributed orders only (no ad row) has no spend, impressions or clicks
            if (truth.containsKey(key) || f.spend().signum() != 0 || f.impressions() != 0 || f.clicks() != 0) {
                s.put(key, f);
            }
        }
        for (Map<String, Object> r : db.query("SELECT date, orders, store_revenue FROM org_daily_metrics"
                + " WHERE organization_id = ?", org)) {
            long n = ((Number) r.get("orders")).longValue();
            BigDecimal rev = ((BigDecimal) r.get("store_revenue")).setScale(4, RoundingMode.UNNECESSARY);
            if (n != 0 || rev.signum() != 0 || truth.containsKey("orders|" + r.get("date"))) {
                s.put("orders|" + r.get("date"), n + " orders, " + rev);
            }
        }
        return s;
    }

    private static void awaitTruth(String stage, Duration timeout) throws InterruptedException {
        Map<String, Object> truth = truth();
        assertThat(truth.keySet()).as("the truth covers every ad platform and the store")
                .anyMatch(k -> k.startsWith("orders|")).hasSizeGreaterThan(DAYS * 3);
        Instant deadline = Instant.now().plus(timeout);
        List<String> diff;
        do {
            Map<String, Object> stored = stored(truth);
            diff = new ArrayList<>();
            for (String k : truth.keySet()) {
                if (!truth.get(k).equals(stored.get(k))) {
                    diff.add(k + ": truth " + truth.get(k) + ", stored " + stored.get(k));
                }
            }
            for (String k : stored.keySet()) {
                if (!truth.containsKey(k)) {
                    diff.add(k + ": not in the truth, stored " + stored.get(k));
                }
            }
            if (diff.isEmpty()) {
                return;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        log("truth not reached: " + stage);
        throw new AssertionError(stage + ": " + diff.size() + " of " + truth.size() + " rows differ from the fakes'"
                + " ground truth, e.g.\n" + String.join("\n", diff.subList(0, Math.min(15, diff.size())))
                + "\nsync: " + db.query("SELECT platform, status, last_error FROM api_credentials WHERE organization_id = ?", org));
    }

    // --- the API -----------------------------------------------------------------------------------------

    private static UUID connect(String platform, String account, Map<String, String> credentials) throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/connections", Json.write(Map.of("platform", platform,
                "account", account, "credentials", credentials)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return UUID.fromString(Json.mapper().readTree(r.body()).path("id").asText());
    }

    private static String backfill(UUID connection, LocalDate from, LocalDate to) throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/sync/backfills", Json.write(Map.of("connectionId",
                connection.toString(), "from", from.toString(), "to", to.toString())));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Json.mapper().readTree(r.body()).path("id").asText();
    }

    private static JsonNode run(String id) {
        try {
            return get("/api/v1/sync/runs/" + id);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .header("Authorization", "Bearer " + admin).timeout(Duration.ofSeconds(10));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                log("timed out: " + what);
                throw new AssertionError("not within " + timeout + ": " + what + "\nsync: "
                        + db.query("SELECT platform, status, last_error FROM api_credentials WHERE organization_id = ?", org));
            }
            Thread.sleep(200);
        }
    }
}
