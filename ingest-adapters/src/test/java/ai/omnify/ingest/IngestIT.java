package ai.omnify.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.ingest.config.IngestConfig;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.Topics;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.testing.StackExtension;
import ai.omnify.server.auth.ApiKeys;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ingest service on the real local Kafka and PostgreSQL: API keys from the database, records in the topics. */
class IngestIT {
    @RegisterExtension
    static final StackExtension STACK = StackExtension.withTopics(4);

    static final Duration WAIT = Duration.ofSeconds(30);
    static TestDatabase db;
    static Topics topics;
    static IngestServer server;
    static UUID org;
    static String key;
    static String readOnlyKey;
    static String revokedKey;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startStack() {
        db = STACK.db();
        org = db.createOrganization("Ingest IT", "EUR");
        key = db.createApiKey(org, "read", "ingest");
        readOnlyKey = db.createApiKey(org, "read");
        revokedKey = db.createApiKey(org, "ingest");
        db.execute("UPDATE api_keys SET revoked_at = now() WHERE key_hash = ?", ApiKeys.hash(revokedKey));
        topics = STACK.topics();
        server = IngestServer.start(config(TestStack.kafkaBootstrap(), Duration.ofSeconds(30), Duration.ofSeconds(5)),
                Clock.systemUTC());
    }

    @AfterAll
    static void stopStack() {
        if (server != null) {
            server.close();
        }
    }

    static IngestConfig config(String kafka, Duration delivery, Duration maxBlock) {
        return new IngestConfig(0, kafka, topics, db.appConfig(), 1024 * 1024, delivery, maxBlock, Duration.ofSeconds(30));
    }

    HttpResponse<String> post(int port, String platform, String apiKey, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ingest/" + platform))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    static String insight(String adId, String date, String spend, String extra) {
        return "{\"accountId\":\"act_9\",\"campaignId\":\"camp1\",\"campaignName\":\"Winter\",\"adId\":\"" + adId
                + "\",\"adName\":\"Ad " + adId + "\",\"date\":\"" + date + "\",\"spend\":" + spend
                + ",\"impressions\":2000,\"clicks\":40,\"conversions\":3,\"conversionValue\":150.00,\"currency\":\"EUR\""
                + extra + "}";
    }

    @Test
    void mixedNdjsonAndCsvBatchesLandInTheirTopicsWithTheKeysOrganization() throws Exception {
        String day = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        String otherOrg = UUID.randomUUID().toString();
        String ndjson = insight("ad1", day, "10.25", "") + "\n"
                + insight("ad2", day, "5", ",\"orgId\":\"" + org + "\",\"hour\":9") + "\n"
                + "\n"
                + insight("ad3", day, "-1", "") + "\n"
                + insight("ad4", day, "1", ",\"orgId\":\"" + otherOrg + "\"") + "\n"
                + "{oops\n"
                + insight("ad5", day, "0.10", "") + "\n";

        HttpResponse<String> r = post(server.port(), "meta", key, "application/x-ndjson", ndjson);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode res = json(r);
        assertThat(res.path("received").asInt()).isEqualTo(6);
        assertThat(res.path("accepted").asInt()).isEqualTo(3);
        assertThat(res.path("rejected").asInt()).isEqualTo(3);
        assertThat(res.path("errors").findValuesAsText("line")).containsExactly("4", "5", "6");

        String csv = "orderId,createdAt,totalPrice,currency,refunded,utm_source,utm_medium,utm_campaign,utm_content\r\n"
                + "A-1," + day + "T10:00:00Z,120.00,EUR,,facebook,paid,camp1,ad1\r\n"
                + "A-2," + day + "T11:30:00Z,\"80.5\",EUR,10,google,cpc,\"g, camp\",\r\n"
                + "A-3," + day + "T12:00:00Z,30,EUR,40,,,,\r\n";
        HttpResponse<String> c = post(server.port(), "shopify", key, "text/csv", csv);

        assertThat(c.statusCode()).as(c.body()).isEqualTo(200);
        JsonNode cres = json(c);
        assertThat(cres.path("received").asInt()).isEqualTo(3);
        assertThat(cres.path("accepted").asInt()).isEqualTo(2);
        assertThat(cres.path("errors").get(0).path("line").asInt()).isEqualTo(4);
        assertThat(cres.path("errors").get(0).path("reason").asText()).isEqualTo("refunded (40) exceeds totalPrice (30)");

        // accepted snapshots: keyed org:platform:adId:date[:hour], orgId from the key
        // (other tests of this class post google rows to the same topic: look at meta only)
        String metaPrefix = org + ":meta:";
        Map<String, AdInsight> insights = byKey(TestKafka.awaitRecords(topics.adInsights(),
                        l -> l.stream().filter(rec -> rec.key().startsWith(metaPrefix)).count() >= 3, WAIT).stream()
                        .filter(rec -> rec.key().startsWith(metaPrefix)).toList(),
                v -> Json.read(v, AdInsight.class).value());
        assertThat(insights).containsOnlyKeys(org + ":meta:ad1:" + day, org + ":meta:ad2:" + day + ":9",
                org + ":meta:ad5:" + day);
        AdInsight ad1 = insights.get(org + ":meta:ad1:" + day);
        assertThat(ad1.orgId()).isEqualTo(org.toString());
        assertThat(ad1.platform()).isEqualTo(Platform.META);
        assertThat(ad1.spend()).isEqualByComparingTo("10.25");
        assertThat(ad1.conversionValue()).isEqualByComparingTo("150.00");
        assertThat(ad1.source()).isEqualTo("ingest");
        assertThat(ad1.reportedAt()).isBefore(Instant.now().plusSeconds(1));
        assertThat(insights.get(org + ":meta:ad5:" + day).spend()).isEqualByComparingTo("0.10");

        Map<String, OrderEvent> orders = byKey(TestKafka.awaitRecords(topics.orders(), l -> l.size() >= 2, WAIT),
                v -> Json.read(v, OrderEvent.class).value());
        assertThat(orders).containsOnlyKeys(org + ":A-1", org + ":A-2");
        assertThat(orders.get(org + ":A-1").utm().content()).isEqualTo("ad1");
        assertThat(orders.get(org + ":A-2").utm().campaign()).isEqualTo("g, camp");
        assertThat(orders.get(org + ":A-2").refunded()).isEqualByComparingTo("10");
        assertThat(orders.values()).allSatisfy(o -> assertThat(o.orgId()).isEqualTo(org.toString()));

        // rejected rows: dead letters keyed by source, with the raw row and the reason
        List<ConsumerRecord<String, String>> dead = TestKafka.awaitRecords(topics.deadLetter(), l -> l.size() >= 4, WAIT);
        assertThat(dead).hasSize(4);
        Map<String, DeadLetter> letters = dead.stream().collect(Collectors.toMap(
                rec -> Json.read(rec.value(), DeadLetter.class).value().payload(),
                rec -> Json.read(rec.value(), DeadLetter.class).value()));
        assertThat(dead).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("ingest:meta", "ingest:meta", "ingest:meta", "ingest:shopify");
        assertThat(letters.get(insight("ad3", day, "-1", "")).reason()).isEqualTo("spend is negative (-1)");
        assertThat(letters.get(insight("ad4", day, "1", ",\"orgId\":\"" + otherOrg + "\"")).reason())
                .isEqualTo("orgId " + otherOrg + " does not match the API key's organization");
        assertThat(letters.get("{oops").reason()).startsWith("not valid JSON");
        assertThat(letters.get("A-3," + day + "T12:00:00Z,30,EUR,40,,,,").reason())
                .isEqualTo("refunded (40) exceeds totalPrice (30)");
        assertThat(letters.values()).allSatisfy(l -> {
            assertThat(l.orgId()).isEqualTo(org.toString());
            assertThat(l.receivedAt()).isNotNull();
        });
    }

    static <T> Map<String, T> byKey(List<ConsumerRecord<String, String>> records, Function<String, T> read) {
        return records.stream().collect(Collectors.toMap(ConsumerRecord::key, r -> read.apply(r.value())));
    }

    @Test
    void keysAreCheckedAgainstTheDatabase() throws Exception {
        String row = insight("x", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString(), "1", "");
        assertThat(post(server.port(), "meta", ApiKeys.generate(), "application/x-ndjson", row).statusCode()).isEqualTo(401);
        assertThat(post(server.port(), "meta", revokedKey, "application/x-ndjson", row).statusCode()).isEqualTo(401);
        HttpResponse<String> forbidden = post(server.port(), "meta", readOnlyKey, "application/x-ndjson", row);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(json(forbidden).path("error").path("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void aUsedKeyGetsItsLastUsedTime() throws Exception {
        String row = insight("used", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString(), "1", "");
        assertThat(post(server.port(), "google", key, "application/x-ndjson", row).statusCode()).isEqualTo(200);
        Instant deadline = Instant.now().plusSeconds(10);
        Object lastUsed = null;
        while (lastUsed == null && Instant.now().isBefore(deadline)) {
            lastUsed = db.query("SELECT last_used_at FROM api_keys WHERE key_hash = ?", ApiKeys.hash(key))
                    .get(0).get("last_used_at");
            Thread.sleep(100);
        }
        assertThat(lastUsed).isNotNull();
    }

    @Test
    void healthSeesKafkaAndTheDatabase() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("checks").path("kafka").asText()).isEqualTo("up");
        assertThat(json(r).path("checks").path("database").asText()).isEqualTo("up");
    }

    @Test
    void unreachableKafkaIs503NeverSuccess() throws Exception {
        try (IngestServer broken = IngestServer.start(config("127.0.0.1:1", Duration.ofSeconds(2), Duration.ofSeconds(1)),
                Clock.systemUTC())) {
            String day = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
            String body = insight("k1", day, "1", "") + "\n" + insight("k2", day, "2", "") + "\n";

            long start = System.nanoTime();
            HttpResponse<String> r = post(broken.port(), "tiktok", key, "application/x-ndjson", body);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(json(r).path("error").path("code").asText()).isEqualTo("kafka_unavailable");
            assertThat(json(r).path("error").path("message").asText()).contains("nothing was lost on our side; retry");
            assertThat(r.body()).doesNotContain("accepted");
            assertThat(took).isLessThan(Duration.ofSeconds(20));

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + broken.port() + "/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(json(health).path("checks").path("kafka").asText()).isEqualTo("down");
            assertThat(json(health).path("checks").path("database").asText()).isEqualTo("up");
        }
    }
}
