package ai.omnify.simulator.fakes;

import ai.omnify.testing.SettableClock;
import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.simulator.Datasets;
import ai.omnify.simulator.fakes.meta.FakeMeta;
import ai.omnify.simulator.fakes.shopify.FakeShopify;
import ai.omnify.simulator.fakes.tiktok.FakeTikTok;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fakes' controls and shapes, over HTTP (the platform clients' own tests cover reading them in full). */
class FakePlatformsTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final SettableClock clock = new SettableClock(Datasets.NOW);
    private FakePlatforms fakes;

    @BeforeEach
    void start() {
        SyntheticBrand brand = SyntheticBrand.create(SimulationConfig.of(7, 20, Datasets.NOW, Datasets.ORG));
        fakes = FakePlatforms.start(brand, clock, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        fakes.stop();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> metaAccount(String token) throws Exception {
        String act = fakes.truth().account(Platform.META).accountId();
        return send(HttpRequest.newBuilder(URI.create(fakes.baseUrl() + "/meta/v25.0/" + act + "?access_token=" + token)));
    }

    @Test
    void aFaultArmedOverHttpSpoilsExactlyTheRequestsAskedFor() throws Exception {
        HttpResponse<String> armed = send(HttpRequest.newBuilder(URI.create(fakes.baseUrl() + "/fake/meta/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"throttle\",\"after\":1,\"count\":2}")));
        assertThat(armed.statusCode()).isEqualTo(204);

        assertThat(metaAccount(FakeMeta.TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = metaAccount(FakeMeta.TOKEN);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(refused.body()).at("/error/code").asInt()).isEqualTo(17);
        assertThat(metaAccount(FakeMeta.TOKEN).statusCode()).isEqualTo(400);
        assertThat(metaAccount(FakeMeta.TOKEN).statusCode()).isEqualTo(200);

        JsonNode stats = Json.mapper().readTree(send(HttpRequest.newBuilder(
                URI.create(fakes.baseUrl() + "/fake/meta/stats"))).body());
        assertThat(stats.get("requests").asInt()).isEqualTo(4);
        assertThat(stats.get("faultRefusals").asInt()).isEqualTo(2);
    }

    @Test
    void aBadFaultModeIsRefusedWithTheValidOnes() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(fakes.baseUrl() + "/fake/tiktok/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"meteor\"}")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("expired_token");
    }

    @Test
    void everyAnswerCarriesTheUsageHeadersAndAWrongTokenIs190() throws Exception {
        HttpResponse<String> ok = metaAccount(FakeMeta.TOKEN);
        assertThat(ok.headers().firstValue("X-Business-Use-Case-Usage")).isPresent();
        assertThat(ok.headers().firstValue("X-Ad-Account-Usage")).hasValueSatisfying(v -> assertThat(v)
                .contains("acc_id_util_pct"));
        HttpResponse<String> bad = metaAccount("nope");
        assertThat(Json.mapper().readTree(bad.body()).at("/error/code").asInt()).isEqualTo(190);
    }

    @Test
    void tikTokRefusesABearerPrefixWith40105InAnHttp200() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(fakes.baseUrl()
                + "/tiktok/open_api/v1.3/advertiser/info/?advertiser_ids=%5B%221%22%5D"))
                .header("Access-Token", "Bearer " + FakeTikTok.TOKEN));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(r.body()).get("code").asInt()).isEqualTo(40105);
    }

    @Test
    void recentDaysAreRestatedAsTimeGoesOn() {
        LocalDate today = fakes.truth().today(Platform.META);
        var before = fakes.truth().insights(Platform.META, today.minusDays(2), today.minusDays(2));
        clock.set(Datasets.NOW.plusSeconds(20 * 3600));
        var after = fakes.truth().insights(Platform.META, today.minusDays(2), today.minusDays(2));
        assertThat(after).hasSameSizeAs(before);
        var sumBefore = before.stream().map(i -> i.conversions()).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        var sumAfter = after.stream().map(i -> i.conversions()).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        assertThat(sumAfter).isGreaterThan(sumBefore); // late conversions arrived for a day already reported
    }

    @Test
    void shopifyAnswersWithTheCostExtension() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(fakes.baseUrl()
                        + "/shopify/admin/api/2025-10/graphql.json"))
                .header("X-Shopify-Access-Token", FakeShopify.TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"query($first:Int!){ orders(first:$first)"
                        + "{ edges { node { id } } } }\",\"variables\":{\"first\":5}}")));
        JsonNode body = Json.mapper().readTree(r.body());
        assertThat(body.at("/data/orders/edges").size()).isEqualTo(5);
        assertThat(body.at("/extensions/cost/requestedQueryCost").asInt()).isEqualTo(12);
        assertThat(body.at("/extensions/cost/throttleStatus/restoreRate").asDouble()).isPositive();
    }

    /** A clock tests move forward. */
}
