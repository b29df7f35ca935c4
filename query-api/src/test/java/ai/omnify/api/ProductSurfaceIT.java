package ai.omnify.api;

import static ai.omnify.api.RouteMatrix.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.api.TestAccounts.Account;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.model.Ids;
import ai.omnify.model.Platform;
import ai.omnify.testing.StackExtension;
import ai.omnify.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reports (CSV, PDF), the OpenAPI document, the API browser and the dashboard's files, on the real database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductSurfaceIT {
    @RegisterExtension
    static final StackExtension STACK = StackExtension.database();

    static final LocalDate DAY1 = LocalDate.of(2025, 5, 1);

    TestDatabase db;
    QueryApiServer server;
    TestHttp http;
    Account adminA;
    Account viewerA;
    Account adminB;
    UUID channelA1;
    UUID channelA2;

    @BeforeAll
    void start() {
        db = STACK.db();
        Map<String, String> env = STACK.serviceEnv();
        env.put("QUERY_API_PORT", "0");
        env.put("QUERY_API_HOST", "127.0.0.1");
        env.put("QUERY_API_DB_POOL_SIZE", "2");
        server = QueryApiServer.start(QueryApiConfig.fromEnv(env), env);
        http = new TestHttp(server.port());
        TestAccounts accounts = new TestAccounts(http);
        adminA = accounts.signupAdmin("ada@a.example", "Brand A");
        viewerA = accounts.invited(adminA, "vic@a.example", "viewer");
        adminB = accounts.signupAdmin("bea@b.example", "Brand B");

        channelA1 = channel(adminA.orgId(), "cmp-1", "Prospecting, EU");
        channelA2 = channel(adminA.orgId(), "cmp-2", "=HYPERLINK(\"http://evil\")");
        UUID channelB = channel(adminB.orgId(), "cmp-b", "Secret B Campaign");
        for (int d = 0; d < 5; d++) {
            daily(adminA.orgId(), channelA1, DAY1.plusDays(d), new BigDecimal("100.50"), "EUR");
            daily(adminA.orgId(), channelA2, DAY1.plusDays(d), new BigDecimal("20"), "EUR");
            daily(adminB.orgId(), channelB, DAY1.plusDays(d), new BigDecimal("999"), "EUR");
            db.execute("INSERT INTO org_daily_metrics (organization_id, date, spend, conversion_value, store_revenue, "
                    + "orders, attributed_revenue, mer, currency) VALUES (?, ?, 120.5, 361.5, 500, 4, 200, 4.1494, "
                    + "'EUR')", adminA.orgId(), DAY1.plusDays(d));
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    UUID channel(UUID org, String campaign, String name) {
        UUID id = Ids.channelId(org.toString(), Platform.META, campaign);
        db.execute("INSERT INTO channels (id, organization_id, name, platform, external_id) VALUES (?, ?, ?, 'meta', ?)",
                id, org, name, campaign);
        return id;
    }

    void daily(UUID org, UUID channel, LocalDate date, BigDecimal spend, String currency) {
        db.execute("INSERT INTO daily_metrics (organization_id, channel_id, date, spend, impressions, clicks, "
                + "conversions, conversion_value, attributed_revenue, roas, currency) VALUES (?, ?, ?, ?, 1000, 10, "
                + "2, ?, 0, 3, ?)", org, channel, date, spend, spend.multiply(BigDecimal.valueOf(3)), currency);
    }

    byte[] bytes(Caller caller, String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        caller.headers("GET").forEach(b::header);
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        return r.body();
    }

    @Test
    void csvHasTheOrganizationsRowsOnlyWithFormulasDefused() {
        TestHttp.Response r = viewerA.caller().get(http, "/api/v1/reports/metrics.csv?from=2025-05-01&to=2025-05-05");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
        assertThat(r.headers().firstValue("content-disposition").orElse("")).contains("attachment");
        String[] lines = r.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("date,channelId,channel,platform,spend,impressions,clicks,conversions,"
                + "conversionValue,attributedRevenue,attributedOrders,roas,cpa,ctr,cpc,cpm,currency");
        assertThat(lines).hasSize(11);
        assertThat(lines[1]).startsWith("2025-05-01," + channelA2 + ",\"'=HYPERLINK(\"\"http://evil\"\")\",meta,20.0000,");
        assertThat(lines[2]).startsWith("2025-05-01," + channelA1 + ",\"Prospecting, EU\",meta,100.5000,1000,10,");
        assertThat(r.body()).doesNotContain("Secret B").doesNotContain("999");
        TestHttp.Response one = viewerA.caller().get(http, "/api/v1/reports/metrics.csv?from=2025-05-01&to=2025-05-05"
                + "&channelId=" + channelA1);
        assertThat(one.body().split("\r\n")).hasSize(6);
        assertJsonError(viewerA.caller().get(http, "/api/v1/reports/metrics.csv?from=2025-05-05&to=2025-05-01"), 400,
                "invalid_parameter");
        assertJsonError(viewerA.caller().get(http, "/api/v1/reports/metrics.csv?from=2024-01-01&to=2025-05-01"), 400,
                "invalid_parameter");
        assertJsonError(viewerA.caller().get(http, "/api/v1/reports/metrics.csv?channelId=nope"), 400,
                "invalid_parameter");
        assertJsonError(Caller.ANONYMOUS.get(http, "/api/v1/reports/metrics.csv"), 401, "unauthorized");
    }

    @Test
    void pdfSummaryHasKpisChannelsAndTheBrain() throws Exception {
        db.execute("INSERT INTO brain_states (organization_id, version, curiosity_output, oracle_output) VALUES (?, 1, "
                + "'{\"actions\":[{\"kind\":\"shift_budget\",\"rationale\":\"Prospecting returns more\"}]}'::jsonb, "
                + "'{\"risks\":[\"creative fatigue on Prospecting\"]}'::jsonb)", adminA.orgId());
        byte[] pdf = bytes(viewerA.caller(), "/api/v1/reports/summary.pdf?from=2025-05-01&to=2025-05-05");
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        PdfReader reader = new PdfReader(pdf);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        reader.close();
        assertThat(text).contains("Omnify summary: Brand A", "2025-05-01 to 2025-05-05", "EUR")
                .contains("602.5 EUR") // ad spend: 5 days x 120.50
                .contains("2500 EUR") // store revenue
                .contains("Prospecting, EU", "502.5 EUR")
                .contains("shift_budget", "Prospecting returns more", "creative fatigue on Prospecting")
                .doesNotContain("Secret B");
        // an empty range still makes a report
        byte[] empty = bytes(adminB.caller(), "/api/v1/reports/summary.pdf?from=2020-01-01&to=2020-01-31");
        assertThat(new String(empty, 0, 5)).isEqualTo("%PDF-");
        assertJsonError(viewerA.caller().get(http, "/api/v1/reports/summary.pdf?from=2025-13-01"), 400,
                "invalid_parameter");
    }

    @Test
    void openApiDescribesEveryRouteWithItsScope() {
        TestHttp.Response r = http.get("/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = r.json();
        assertThat(doc.get("openapi").asText()).isEqualTo("3.0.3");
        for (RouteMatrix.Route route : RouteMatrix.routes()) {
            String path = route.path().contains("?") ? route.path().substring(0, route.path().indexOf('?'))
                    : route.path();
            path = path.replace(RouteMatrix.NOBODY, "{" + (path.contains("members") ? "userId" : "id") + "}");
            JsonNode op = doc.path("paths").path(path).path(route.method().toLowerCase());
            assertThat(op.isObject()).as(route + " is in the document").isTrue();
            assertThat(op.has("x-omnify-undocumented")).as(route + " is described").isFalse();
            assertThat(op.path("summary").asText()).as(route + " summary").isNotBlank();
            if (route.scope() == null) {
                assertThat(op.get("security")).as(route.toString()).isEmpty();
            } else {
                assertThat(op.path("x-omnify-scope").asText()).as(route.toString()).isEqualTo(route.scope().wire());
                assertThat(op.path("responses").has("401")).isTrue();
            }
        }
        assertThat(doc.at("/paths/~1api~1v1~1members~1{userId}/delete/parameters/0/name").asText()).isEqualTo("userId");
        // the routes outside /api are described too (other modules' routes are listed whether described or not)
        for (String path : List.of("/", "/health", "/metrics", "/openapi.json")) {
            JsonNode get = doc.path("paths").path(path).path("get");
            assertThat(get.isObject()).as(path).isTrue();
            assertThat(get.has("x-omnify-undocumented")).as(path).isFalse();
            assertThat(get.get("security")).as(path).isEmpty();
        }
        assertThat(doc.at("/components/schemas/Error/properties/error").isObject()).isTrue();
    }

    @Test
    void theApiBrowserAndTheDashboardAreServedFromThisServer() {
        TestHttp.Response docs = http.get("/docs/");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js").doesNotContain("https://");
        assertThat(http.get("/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js").status()).isEqualTo(200);
        assertThat(http.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").status()).isEqualTo(200);
        TestHttp.Response app = http.get("/app/");
        assertThat(app.status()).isEqualTo(200);
        assertThat(app.headers().firstValue("content-security-policy").orElse("")).contains("default-src 'self'");
        assertThat(app.body()).doesNotContain("https://");
    }

    @Test
    void listsOfEveryKindAreCappedAndPaged() {
        for (String path : List.of("/api/v1/members", "/api/v1/invites", "/api/v1/api-keys", "/api/v1/channels")) {
            assertJsonError(adminA.caller().get(http, path + "?limit=5001"), 400, "invalid_parameter");
            JsonNode page = adminA.caller().get(http, path + "?limit=1").json();
            assertThat(page.has("items") && page.has("next")).as(path).isTrue();
        }
    }
}
