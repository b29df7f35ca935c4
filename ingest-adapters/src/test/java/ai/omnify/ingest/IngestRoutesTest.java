package ai.omnify.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.ingest.auth.FakeAuthenticator;
import ai.omnify.ingest.config.IngestConfig;
import ai.omnify.ingest.sink.InMemoryRecordSink;
import ai.omnify.ingest.sink.RecordSink;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.server.auth.ApiKeyAuthenticator;
import ai.omnify.server.db.DataAccessException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP contract of the ingest service, on a real server on port 0 with an in-memory sink and fake keys. */
class IngestRoutesTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final UUID ORG = UUID.fromString("11111111-2222-3333-4444-555555555555");
    static final String KEY = "omk_" + "A".repeat(32);
    static final String READ_ONLY_KEY = "omk_" + "B".repeat(32);
    static final String UNKNOWN_KEY = "omk_" + "C".repeat(32);
    static final int MAX_BODY = 16 * 1024;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final FakeAuthenticator auth = new FakeAuthenticator()
            .add(KEY, ORG, "read", "ingest")
            .add(READ_ONLY_KEY, ORG, "read");
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    InMemoryRecordSink sink = InMemoryRecordSink.acking();
    Javalin app;

    IngestConfig config() {
        return IngestConfig.fromEnv(Map.of("INGEST_PORT", "0", "INGEST_MAX_BODY_BYTES", Integer.toString(MAX_BODY),
                "OMNIFY_TOPIC_SUFFIX", "rt"));
    }

    int start(RecordSink s) {
        app = IngestApp.create(new IngestApp.Deps(config(), auth, s, Clock.fixed(NOW, ZoneOffset.UTC), meters)).start();
        return app.port();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    URI uri(String path) {
        if (app == null) {
            start(sink);
        }
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    HttpResponse<String> post(String path, String key, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.mapper().readTree(r.body());
    }

    static void assertError(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        JsonNode body = json(r);
        assertThat(body.path("error").path("code").asText()).isEqualTo(code);
        assertThat(body.path("error").path("message").asText()).isNotBlank();
    }

    static String insightLine(String adId, String spend) {
        return "{\"accountId\":\"act_1\",\"campaignId\":\"c1\",\"adId\":\"" + adId + "\",\"date\":\"2026-11-24\","
                + "\"spend\":" + spend + ",\"impressions\":1000,\"clicks\":20,\"conversions\":2,"
                + "\"conversionValue\":80.50,\"currency\":\"EUR\"}";
    }

    @Test
    void mixedNdjsonBatchAnswersCountsAndSendsGoodRowsAndDeadLetters() throws Exception {
        String body = insightLine("ad1", "12.34") + "\n"
                + "\n"
                + insightLine("ad2", "-5") + "\n"
                + "not json\n"
                + insightLine("ad3", "7.00") + "\n";

        HttpResponse<String> r = post("/api/v1/ingest/meta", KEY, "application/x-ndjson", body);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode res = json(r);
        assertThat(res.path("received").asInt()).isEqualTo(4);
        assertThat(res.path("accepted").asInt()).isEqualTo(2);
        assertThat(res.path("rejected").asInt()).isEqualTo(2);
        assertThat(res.path("errorsTruncated").asBoolean()).isFalse();
        assertThat(res.path("errors")).hasSize(2);
        assertThat(res.path("errors").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(res.path("errors").get(0).path("reason").asText()).isEqualTo("spend is negative (-5)");
        assertThat(res.path("errors").get(1).path("line").asInt()).isEqualTo(4);
        assertThat(res.path("errors").get(1).path("reason").asText()).startsWith("not valid JSON");

        var insights = sink.sentTo("omnify.ad-insights.rt");
        assertThat(insights).extracting(InMemoryRecordSink.Sent::key)
                .containsExactly(ORG + ":meta:ad1:2026-11-24", ORG + ":meta:ad3:2026-11-24");
        AdInsight first = Json.read(insights.get(0).value(), AdInsight.class).value();
        assertThat(first.orgId()).isEqualTo(ORG.toString());
        assertThat(first.platform()).isEqualTo(Platform.META);
        assertThat(first.spend()).isEqualByComparingTo("12.34");
        assertThat(first.reportedAt()).isEqualTo(NOW);
        assertThat(first.source()).isEqualTo("ingest");

        var dead = sink.sentTo("omnify.dead-letter.rt");
        assertThat(dead).extracting(InMemoryRecordSink.Sent::key).containsOnly("ingest:meta");
        DeadLetter letter = Json.read(dead.get(0).value(), DeadLetter.class).value();
        assertThat(letter.payload()).isEqualTo(insightLine("ad2", "-5"));
        assertThat(letter.reason()).isEqualTo("spend is negative (-5)");
        assertThat(letter.orgId()).isEqualTo(ORG.toString());
        assertThat(letter.receivedAt()).isEqualTo(NOW);
        assertThat(Json.read(dead.get(1).value(), DeadLetter.class).value().payload()).isEqualTo("not json");
    }

    @Test
    void csvOrdersForShopifyGoToTheOrdersTopic() throws Exception {
        String body = "orderId,createdAt,totalPrice,currency,utm_source,utm_campaign,landingSite\r\n"
                + "1001,2026-11-24T10:00:00Z,59.90,EUR,facebook,c1,\"/?a=1,b=2\"\r\n"
                + "1002,2026-11-24T11:00:00Z,,EUR,,,\r\n";

        HttpResponse<String> r = post("/api/v1/ingest/shopify", KEY, "text/csv; charset=utf-8", body);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode res = json(r);
        assertThat(res.path("received").asInt()).isEqualTo(2);
        assertThat(res.path("accepted").asInt()).isEqualTo(1);
        assertThat(res.path("errors").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(res.path("errors").get(0).path("reason").asText()).isEqualTo("totalPrice is missing");
        var orders = sink.sentTo("omnify.orders.rt");
        assertThat(orders).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo(ORG + ":1001");
            OrderEvent o = Json.read(s.value(), OrderEvent.class).value();
            assertThat(o.orgId()).isEqualTo(ORG.toString());
            assertThat(o.totalPrice()).isEqualByComparingTo(new BigDecimal("59.90"));
            assertThat(o.utm().source()).isEqualTo("facebook");
            assertThat(o.landingSite()).isEqualTo("/?a=1,b=2");
        });
    }

    @Test
    void jsonArrayAndGzipBodiesAreAccepted() throws Exception {
        String array = "[\n" + insightLine("ad1", "1") + ",\n" + insightLine("ad2", "2") + "\n]";
        HttpResponse<String> r = post("/api/v1/ingest/google", KEY, "application/json", array);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("accepted").asInt()).isEqualTo(2);

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write((insightLine("ad9", "3") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> g = http.send(HttpRequest.newBuilder(uri("/api/v1/ingest/tiktok"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/x-ndjson")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(g.statusCode()).as(g.body()).isEqualTo(200);
        assertThat(json(g).path("accepted").asInt()).isEqualTo(1);
        assertThat(sink.sentTo("omnify.ad-insights.rt")).extracting(InMemoryRecordSink.Sent::key)
                .contains(ORG + ":tiktok:ad9:2026-11-24");
    }

    @Test
    void missingWrongAndMalformedKeysAre401() throws Exception {
        String body = insightLine("ad1", "1");
        HttpResponse<String> missing = post("/api/v1/ingest/meta", null, "application/x-ndjson", body);
        assertError(missing, 401, "unauthorized");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

        assertError(post("/api/v1/ingest/meta", UNKNOWN_KEY, "application/x-ndjson", body), 401, "unauthorized");
        assertError(post("/api/v1/ingest/meta", "not-a-key", "application/x-ndjson", body), 401, "unauthorized");

        HttpResponse<String> basic = http.send(HttpRequest.newBuilder(uri("/api/v1/ingest/meta"))
                .header("Authorization", "Basic dXNlcjpwYXNz").header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertError(basic, 401, "unauthorized");
        assertThat(basic.body()).doesNotContain("dXNlcjpwYXNz");
        assertThat(sink.attempts()).isZero();
    }

    @Test
    void keyWithoutIngestScopeIs403() throws Exception {
        HttpResponse<String> r = post("/api/v1/ingest/meta", READ_ONLY_KEY, "application/x-ndjson", insightLine("ad1", "1"));
        assertError(r, 403, "forbidden");
        assertThat(json(r).path("error").path("message").asText()).contains("ingest");
        assertThat(sink.attempts()).isZero();
    }

    @Test
    void unknownPlatformIs404NamingTheValidOnes() throws Exception {
        HttpResponse<String> r = post("/api/v1/ingest/snapchat", KEY, "application/x-ndjson", insightLine("ad1", "1"));
        assertError(r, 404, "not_found");
        assertThat(json(r).path("error").path("message").asText())
                .contains("snapchat").contains("meta").contains("google").contains("tiktok").contains("shopify");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405AsJson() throws Exception {
        assertError(http.send(HttpRequest.newBuilder(uri("/nope")).GET().build(), HttpResponse.BodyHandlers.ofString()),
                404, "not_found");
        assertError(http.send(HttpRequest.newBuilder(uri("/api/v1/ingest/meta")).GET().build(),
                HttpResponse.BodyHandlers.ofString()), 405, "method_not_allowed");
    }

    @Test
    void bodyOverTheLimitIs413ByContentLength() throws Exception {
        String big = (insightLine("ad1", "1") + "\n").repeat(MAX_BODY / 100 + 10);
        assertThat(big.length()).isGreaterThan(MAX_BODY);
        HttpResponse<String> r = post("/api/v1/ingest/meta", KEY, "application/x-ndjson", big);
        assertError(r, 413, "payload_too_large");
        assertThat(sink.attempts()).isZero();
    }

    @Test
    void bodyOverTheLimitIs413WhileStreamingWithoutContentLength() throws Exception {
        byte[] big = (insightLine("ad1", "1") + "\n").repeat(MAX_BODY / 100 + 10).getBytes(StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(uri("/api/v1/ingest/meta"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        assertError(r, 413, "payload_too_large");
        assertThat(r.body()).doesNotContain("accepted");
    }

    @Test
    void unsupportedOrMissingContentTypeIs415NamingTheSupportedOnes() throws Exception {
        HttpResponse<String> r = post("/api/v1/ingest/meta", KEY, "text/plain", insightLine("ad1", "1"));
        assertError(r, 415, "unsupported_media_type");
        assertThat(json(r).path("error").path("message").asText())
                .contains("application/x-ndjson").contains("text/csv");
        assertError(post("/api/v1/ingest/meta", KEY, null, insightLine("ad1", "1")), 415, "unsupported_media_type");
        assertError(post("/api/v1/ingest/meta", KEY, "application/json; charset=latin1", insightLine("ad1", "1")),
                415, "unsupported_media_type");
    }

    @Test
    void bodyWithoutRowsIs400() throws Exception {
        assertError(post("/api/v1/ingest/meta", KEY, "application/x-ndjson", ""), 400, "bad_request");
        assertError(post("/api/v1/ingest/meta", KEY, "application/x-ndjson", "\n  \r\n\n"), 400, "bad_request");
        assertError(post("/api/v1/ingest/meta", KEY, "text/csv", "adId,date,spend\r\n"), 400, "bad_request");
        assertError(post("/api/v1/ingest/meta", KEY, "text/csv", "adId,adId\nx,y\n"), 400, "bad_request");
    }

    @Test
    void failingSinkIs503AndNothingReportsSuccess() throws Exception {
        start(InMemoryRecordSink.failing());
        String body = insightLine("ad1", "1") + "\n" + insightLine("ad2", "2") + "\n" + "bad\n";

        HttpResponse<String> r = post("/api/v1/ingest/meta", KEY, "application/x-ndjson", body);

        assertError(r, 503, "kafka_unavailable");
        assertThat(json(r).path("error").path("message").asText()).contains("retry");
        assertThat(r.body()).doesNotContain("accepted");
        String metrics = scrape();
        assertThat(metrics).contains("omnify_ingest_rows_accepted_total{platform=\"meta\"} 0.0");
        assertThat(metrics).contains("omnify_ingest_kafka_send_failures_total 1.0");
        assertThat(metrics).contains("omnify_ingest_requests_seconds_count{platform=\"meta\",status=\"503\"} 1");
    }

    @Test
    void partlyFailingSinkIs503Too() throws Exception {
        start(InMemoryRecordSink.failingAfter(1));
        String body = insightLine("ad1", "1") + "\n" + insightLine("ad2", "2") + "\n";
        assertError(post("/api/v1/ingest/meta", KEY, "application/x-ndjson", body), 503, "kafka_unavailable");
    }

    @Test
    void healthReportsDependencies() throws Exception {
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri("/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).path("status").asText()).isEqualTo("ok");
        assertThat(json(ok).path("checks").path("kafka").asText()).isEqualTo("up");
        assertThat(json(ok).path("checks").path("database").asText()).isEqualTo("up");

        sink.setReachable(false);
        HttpResponse<String> down = http.send(HttpRequest.newBuilder(uri("/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(json(down).path("checks").path("kafka").asText()).isEqualTo("down");
        assertThat(json(down).path("checks").path("database").asText()).isEqualTo("up");
    }

    @Test
    void metricsCountRowsByPlatform() throws Exception {
        post("/api/v1/ingest/meta", KEY, "application/x-ndjson", insightLine("ad1", "1") + "\n" + insightLine("ad2", "-1"));
        post("/api/v1/ingest/meta", null, "application/x-ndjson", insightLine("ad1", "1"));

        String metrics = scrape();
        assertThat(metrics).contains("omnify_ingest_rows_accepted_total{platform=\"meta\"} 1.0");
        assertThat(metrics).contains("omnify_ingest_rows_rejected_total{platform=\"meta\"} 1.0");
        assertThat(metrics).contains("omnify_ingest_rows_accepted_total{platform=\"shopify\"} 0.0");
        assertThat(metrics).contains("omnify_ingest_requests_seconds_count{platform=\"meta\",status=\"200\"} 1");
        assertThat(metrics).contains("omnify_ingest_requests_seconds_count{platform=\"meta\",status=\"401\"} 1");
    }

    String scrape() throws Exception {
        HttpResponse<String> m = http.send(HttpRequest.newBuilder(uri("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        return m.body();
    }

    @Test
    void anUnreachableKeyStoreIs503AndABugIs500WithAGenericMessage() throws Exception {
        String row = insightLine("ad1", "1");
        ApiKeyAuthenticator down = apiKey -> {
            throw new DataAccessException("connection refused", null, true);
        };
        app = IngestApp.create(new IngestApp.Deps(config(), down, sink, Clock.fixed(NOW, ZoneOffset.UTC), meters)).start();
        assertError(post("/api/v1/ingest/meta", KEY, "application/x-ndjson", row), 503, "auth_unavailable");
        app.stop();

        ApiKeyAuthenticator buggy = apiKey -> {
            throw new IllegalStateException("secret internals");
        };
        app = IngestApp.create(new IngestApp.Deps(config(), buggy, sink, Clock.fixed(NOW, ZoneOffset.UTC), meters)).start();
        HttpResponse<String> r = post("/api/v1/ingest/meta", KEY, "application/x-ndjson", row);
        assertError(r, 500, "internal_error");
        assertThat(r.body()).doesNotContain("secret internals");
        assertThat(sink.attempts()).isZero();
    }

    @Test
    void futureDatesAreJudgedByTheInjectedClock() throws Exception {
        String tomorrowInKiritimati = insightLine("ad1", "1").replace("2026-11-24", LocalDate.of(2026, 11, 27).toString());
        HttpResponse<String> r = post("/api/v1/ingest/meta", KEY, "application/x-ndjson", tomorrowInKiritimati);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("errors").get(0).path("reason").asText()).isEqualTo("date 2026-11-27 is in the future");
    }
}
