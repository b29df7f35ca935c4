package ai.omnify.api;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.api.auth.Authenticator;
import ai.omnify.api.channels.ChannelService;
import ai.omnify.api.http.PageCache;
import ai.omnify.api.metrics.MetricsService;
import ai.omnify.api.orgs.OrgSettingsService;
import ai.omnify.server.auth.ApiKeys;
import ai.omnify.server.auth.ApiPrincipal;
import ai.omnify.server.auth.Scope;
import ai.omnify.server.db.TenantDb;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Proxy;
import java.net.http.HttpRequest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP behaviour that needs no database: routing errors, authentication, validation, error mapping, health,
 * metrics. The database behind the app fails every call with a message that must never reach a client.
 */
class QueryApiAppTest {
    private static final String SECRET_SQL_MESSAGE = "relation secret_table does not exist";

    private final String readKey = ApiKeys.generate();
    private final String ingestKey = ApiKeys.generate();
    private final AtomicBoolean databaseUp = new AtomicBoolean(true);
    private Javalin app;
    private TestHttp http;

    @BeforeEach
    void start() {
        DataSource failing = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        throw new SQLException(SECRET_SQL_MESSAGE, "42P01");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        TenantDb db = new TenantDb(failing);
        UUID org = UUID.randomUUID();
        Map<String, ApiPrincipal> keys = Map.of(
                ApiKeys.hash(readKey), new ApiPrincipal(UUID.randomUUID(), org, EnumSet.of(Scope.READ)),
                ApiKeys.hash(ingestKey), new ApiPrincipal(UUID.randomUUID(), org, EnumSet.of(Scope.INGEST)));
        QueryApiApp.Dependencies deps = new QueryApiApp.Dependencies(
                Authenticator.apiKeys(key -> Optional.ofNullable(keys.get(ApiKeys.hash(key)))),
                new ChannelService(db), new MetricsService(db), new OrgSettingsService(db),
                new PageCache(Duration.ofSeconds(5)), databaseUp::get, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC(), 1024 * 1024);
        app = QueryApiApp.create(deps).start("127.0.0.1", 0);
        http = new TestHttp(app.port());
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void healthReportsTheDatabase() {
        TestHttp.Response up = http.get("/health");
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.body()).isEqualTo("{\"status\":\"ok\",\"checks\":{\"database\":\"ok\"}}");
        databaseUp.set(false);
        TestHttp.Response down = http.get("/health");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().path("checks").path("database").asText()).isEqualTo("unavailable");
    }

    @Test
    void unknownRoutesAndMethodsAreJsonErrors() {
        TestHttp.Response notFound = http.get("/api/v1/nothing-here", readKey);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.errorCode()).isEqualTo("not_found");
        assertThat(notFound.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(http.get("/favicon.ico").errorCode()).isEqualTo("not_found");

        TestHttp.Response wrongMethod = http.send("DELETE", "/api/v1/channels", readKey,
                HttpRequest.BodyPublishers.noBody());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errorCode()).isEqualTo("method_not_allowed");
        assertThat(http.send("POST", "/health", null, HttpRequest.BodyPublishers.ofString("{}")).status())
                .isEqualTo(405);
    }

    @Test
    void errorsJettyAnswersItselfAreJsonToo() {
        TestHttp.Response longUri = http.get("/api/v1/channels?q=" + "x".repeat(20_000), readKey);
        assertThat(longUri.status()).isEqualTo(414);
        assertThat(longUri.errorCode()).isEqualTo("uri_too_long");
        String bigHeader = http.raw("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(bigHeader).startsWith("HTTP/1.1 431").contains("{\"error\":{\"code\":\"headers_too_large\"");
        String malformed = http.raw("GET /%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(malformed).startsWith("HTTP/1.1 400").contains("application/json")
                .contains("{\"error\":{\"code\":\"bad_request\"");
        String badQuery = http.raw("GET /api/v1/channels?platform=%ZZ HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + readKey + "\r\nConnection: close\r\n\r\n");
        assertThat(badQuery).startsWith("HTTP/1.1 400").contains("{\"error\":{\"code\":");
    }

    @Test
    void oversizedBodiesAreRefused() {
        TestHttp.Response r = http.send("POST", "/api/v1/channels", readKey,
                HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024]));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("payload_too_large");
    }

    @Test
    void apiRoutesNeedAKeyWithTheReadScope() {
        TestHttp.Response none = http.get("/api/v1/channels");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.errorCode()).isEqualTo("unauthorized");
        assertThat(none.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

        assertThat(http.get("/api/v1/channels", "not-a-key").status()).isEqualTo(401);
        assertThat(http.get("/api/v1/channels", ApiKeys.generate()).status()).isEqualTo(401);
        assertThat(http.send("GET", "/api/v1/metrics/daily", null, HttpRequest.BodyPublishers.noBody()).status())
                .isEqualTo(401);

        TestHttp.Response noScope = http.get("/api/v1/metrics/daily?from=2026-11-01&to=2026-11-02", ingestKey);
        assertThat(noScope.status()).isEqualTo(403);
        assertThat(noScope.errorCode()).isEqualTo("forbidden");
        assertThat(noScope.errorMessage()).contains("'read'");
    }

    @Test
    void invalidParametersAreRejectedBeforeAnyQuery() {
        TestHttp.Response r = http.get("/api/v1/metrics/daily?from=2026-11-30&to=2026-11-01", readKey);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).isEqualTo(
                "{\"error\":{\"code\":\"invalid_parameter\",\"message\":\"from (2026-11-30) is after to (2026-11-01)\"}}");
        assertThat(http.get("/api/v1/metrics/hourly?from=2026-10-01&to=2026-11-30", readKey).errorCode())
                .isEqualTo("invalid_parameter");
        assertThat(http.get("/api/v1/channels?platform=myspace", readKey).errorMessage())
                .isEqualTo("platform (myspace) is not one of email, google, meta, shopify, tiktok");
        assertThat(http.get("/api/v1/creatives?channelId=nope", readKey).errorMessage())
                .isEqualTo("channelId (nope) is not a UUID");
        assertThat(http.get("/api/v1/channels?limit=0", readKey).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/channels?cursor=bm9wZQ", readKey).errorMessage()).startsWith("cursor is not valid");
    }

    @Test
    void unexpectedFailuresAreAGeneric500() {
        TestHttp.Response r = http.get("/api/v1/channels", readKey);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":\"internal_error\",\"message\":\"internal error\"}}");
        assertThat(r.body()).doesNotContain("secret_table");
    }

    @Test
    void prometheusShowsRequestsByRouteAndStatus() {
        http.get("/health");
        http.get("/api/v1/channels");
        http.get("/no/such/" + UUID.randomUUID());
        TestHttp.Response r = http.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(r.body())
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"} 1")
                .contains("route=\"/api/v1/channels\",status=\"401\"")
                .contains("route=\"unmatched\",status=\"404\"")
                .doesNotContain("/no/such/");
    }
}
