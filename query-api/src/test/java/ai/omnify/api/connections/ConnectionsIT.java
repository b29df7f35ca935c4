package ai.omnify.api.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.api.QueryApiApp;
import ai.omnify.api.TestHttp;
import ai.omnify.api.auth.Authenticator;
import ai.omnify.api.channels.ChannelService;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.api.db.DataSources;
import ai.omnify.api.http.PageCache;
import ai.omnify.api.metrics.MetricsService;
import ai.omnify.api.orgs.OrgSettingsService;
import ai.omnify.api.sync.SyncModule;
import ai.omnify.model.Platform;
import ai.omnify.testing.StackExtension;
import ai.omnify.server.auth.CachingApiKeyAuthenticator;
import ai.omnify.server.auth.JdbcApiKeyStore;
import ai.omnify.server.crypto.CredentialCipher;
import ai.omnify.server.crypto.SealedCredentials;
import ai.omnify.server.db.TenantDb;
import ai.omnify.server.http.ApiException;
import ai.omnify.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/v1/connections} and {@code /api/v1/sync} on the real PostgreSQL, as two organizations. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionsIT {
    @RegisterExtension
    static final StackExtension STACK = StackExtension.database();

    static final CredentialCipher CIPHER = CredentialCipher.of("k1", new byte[32], Map.of());
    static final String TOKEN = "EAAB-super-secret-token";
    TestDatabase db;
    HikariDataSource pool;
    Javalin app;
    TestHttp http;
    UUID orgA;
    UUID orgB;
    String adminA;
    String readA;
    String adminB;

    @BeforeAll
    void start() {
        db = STACK.db();
        orgA = db.createOrganization("Brand A", "EUR", "Europe/Berlin");
        orgB = db.createOrganization("Brand B", "USD", "UTC");
        adminA = db.createApiKey(orgA, "read", "admin");
        readA = db.createApiKey(orgA, "read");
        adminB = db.createApiKey(orgB, "read", "admin");
        Map<String, String> env = STACK.serviceEnv();
        env.put("QUERY_API_DB_POOL_SIZE", "2");
        QueryApiConfig config = QueryApiConfig.fromEnv(env);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        pool = DataSources.pool(config, registry);
        TenantDb tenantDb = new TenantDb(pool);
        app = QueryApiApp.create(new QueryApiApp.Dependencies(
                Authenticator.apiKeys(new CachingApiKeyAuthenticator(new JdbcApiKeyStore(tenantDb), Clock.systemUTC(),
                        Duration.ZERO)),
                new ChannelService(tenantDb), new MetricsService(tenantDb), new OrgSettingsService(tenantDb),
                new PageCache(Duration.ZERO), () -> true, registry, Clock.systemUTC(), 1024 * 1024,
                List.of(new ConnectionsModule(tenantDb, CIPHER, PollRequests.scheduler(pool, Clock.systemUTC())), new SyncModule(tenantDb, Clock.systemUTC()))))
                .start("127.0.0.1", 0);
        http = new TestHttp(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.stop();
        }
        if (pool != null) {
            pool.close();
        }
    }

    TestHttp.Response post(String path, String key, String body) {
        return http.send("POST", path, key, HttpRequest.BodyPublishers.ofString(body));
    }

    TestHttp.Response delete(String path, String key) {
        return http.send("DELETE", path, key, HttpRequest.BodyPublishers.noBody());
    }

    @Test
    void anAdminConnectsAnAccountWhoseSecretIsStoredSealedAndNeverReturned() throws Exception {
        TestHttp.Response r = post("/api/v1/connections", adminA, "{\"platform\":\"meta\",\"account\":\"1234567\","
                + "\"credentials\":{\"access_token\":\"" + TOKEN + "\"},\"timeZone\":\"America/New_York\",\"currency\":\"usd\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).doesNotContain(TOKEN);
        JsonNode c = r.json();
        assertThat(c.path("platform").asText()).isEqualTo("meta");
        assertThat(c.path("account").asText()).isEqualTo("act_1234567");
        assertThat(c.path("status").asText()).isEqualTo("active");
        assertThat(c.path("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(c.path("currency").asText()).isEqualTo("USD");
        UUID id = UUID.fromString(c.path("id").asText());

        Map<String, Object> row = db.query("SELECT organization_id, credentials::text AS credentials, key_id"
                + " FROM api_credentials WHERE id = ?", id).get(0);
        assertThat(row.get("organization_id")).isEqualTo(orgA);
        assertThat((String) row.get("credentials")).doesNotContain(TOKEN).contains("\"kid\": \"k1\"");
        assertThat(SealedCredentials.open(CIPHER, orgA, "meta", "act_1234567", (String) row.get("credentials")))
                .isEqualTo(Map.of("access_token", TOKEN));

        TestHttp.Response list = http.get("/api/v1/connections", readA);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(TOKEN);
        assertThat(list.json().path("items").findValuesAsText("id")).contains(id.toString());
        assertThat(list.json().has("next")).isTrue();

        // the same account again (a reconnect): credentials replaced, 200
        TestHttp.Response again = post("/api/v1/connections", adminA, "{\"platform\":\"meta\",\"account\":\"act_1234567\","
                + "\"credentials\":{\"access_token\":\"new-token\"}}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("id").asText()).isEqualTo(id.toString());
        assertThat(again.json().path("timeZone").asText()).isEqualTo("America/New_York");
    }

    @Test
    void aReconnectMovesTheConnectionsPollToNowInTheSchedulersTable() {
        TestHttp.Response r = post("/api/v1/connections", adminA, "{\"platform\":\"tiktok\",\"account\":\"7001\","
                + "\"credentials\":{\"access_token\":\"old\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        UUID id = UUID.fromString(r.json().path("id").asText());
        String instance = orgA + ":" + id;
        // as the ingest scheduler left it: the next poll in 30 minutes; then the token expired
        db.execute("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)"
                + " VALUES ('omnify-sync-poll', ?, now() + interval '30 minutes', false, 1)", instance);
        db.execute("UPDATE api_credentials SET status = 'needs_reauth', status_reason = 'token expired' WHERE id = ?", id);

        java.time.Instant before = java.time.Instant.now();
        TestHttp.Response again = post("/api/v1/connections", adminA, "{\"platform\":\"tiktok\",\"account\":\"7001\","
                + "\"credentials\":{\"access_token\":\"new\"}}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("active");
        List<Map<String, Object>> polls = db.query("SELECT execution_time, picked FROM scheduled_tasks"
                + " WHERE task_name = 'omnify-sync-poll' AND task_instance = ?", instance);
        assertThat(polls).singleElement().satisfies(p -> {
            assertThat(((java.sql.Timestamp) p.get("execution_time")).toInstant())
                    .isBetween(before.minusSeconds(5), java.time.Instant.now());
            assertThat(p).containsEntry("picked", false);
        });

        // a needs_reauth connection's poll removes itself when next due: the reconnect schedules it again, now
        db.execute("DELETE FROM scheduled_tasks WHERE task_instance = ?", instance);
        assertThat(post("/api/v1/connections", adminA, "{\"platform\":\"tiktok\",\"account\":\"7001\","
                + "\"credentials\":{\"access_token\":\"newer\"}}").status()).isEqualTo(200);
        assertThat(db.query("SELECT execution_time FROM scheduled_tasks WHERE task_name = 'omnify-sync-poll'"
                + " AND task_instance = ?", instance)).singleElement().satisfies(p -> assertThat(
                ((java.sql.Timestamp) p.get("execution_time")).toInstant()).isBefore(java.time.Instant.now().plusSeconds(1)));
    }

    @Test
    void invalidBodiesAreRefusedWithEveryReason() {
        TestHttp.Response r = post("/api/v1/connections", adminA, "{\"platform\":\"google\",\"account\":\"12-34\","
                + "\"credentials\":{\"token\":\"x\"},\"timeZone\":\"Mars/Olympus\",\"currency\":\"EURO\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_connection");
        assertThat(r.errorMessage()).contains("account '12-34' is not a Google Ads customer id")
                .contains("credentials.refresh_token is missing")
                .contains("credentials.token is not a google credential")
                .contains("timeZone 'Mars/Olympus' is not an IANA time zone")
                .contains("currency 'EURO' is not an ISO 4217 code");
        assertThat(post("/api/v1/connections", adminA, "{\"platform\":\"myspace\",\"account\":\"x\"}").errorMessage())
                .contains("platform 'myspace' is not one of meta, google, tiktok, shopify");
        assertThat(post("/api/v1/connections", adminA, "not json").status()).isEqualTo(400);
        assertThat(post("/api/v1/connections", adminA, "{\"platform\":\"shopify\",\"account\":\"shop.myshopify.com\","
                + "\"credentials\":{\"access_token\":7}}").errorMessage()).contains("credentials.access_token must be a string");
        assertThat(delete("/api/v1/connections/not-a-uuid", adminA).status()).isEqualTo(400);
    }

    @Test
    void rolesAndAuthentication() {
        String body = "{\"platform\":\"tiktok\",\"account\":\"7000000000000000009\",\"credentials\":{\"access_token\":\"t\"}}";
        assertThat(post("/api/v1/connections", readA, body).status()).isEqualTo(403);
        assertThat(delete("/api/v1/connections/" + UUID.randomUUID(), readA).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/connections", readA).status()).isEqualTo(200);
        assertThat(post("/api/v1/connections", null, body).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/connections", null).status()).isEqualTo(401);
        assertThat(delete("/api/v1/connections/" + UUID.randomUUID(), null).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/sync", null).status()).isEqualTo(401);
        assertThat(post("/api/v1/sync/backfills", readA, "{}").status()).isEqualTo(403);
        assertThat(db.query("SELECT count(*) AS n FROM api_credentials WHERE account = ?", "7000000000000000009").get(0))
                .containsEntry("n", 0L);
    }

    @Test
    void anotherOrganizationsConnectionsAreInvisibleAndUntouchable() {
        TestHttp.Response mine = post("/api/v1/connections", adminA, "{\"platform\":\"shopify\",\"account\":"
                + "\"https://Brand-A.myshopify.com/\",\"credentials\":{\"access_token\":\"shpat_a\"}}");
        assertThat(mine.status()).as(mine.body()).isEqualTo(201);
        String id = mine.json().path("id").asText();
        assertThat(mine.json().path("account").asText()).isEqualTo("brand-a.myshopify.com");

        assertThat(http.get("/api/v1/connections", adminB).json().path("items").findValuesAsText("id")).doesNotContain(id);
        assertThat(delete("/api/v1/connections/" + id, adminB).status()).isEqualTo(404);
        assertThat(db.query("SELECT count(*) AS n FROM api_credentials WHERE id = ?", UUID.fromString(id)).get(0))
                .containsEntry("n", 1L);
        TestHttp.Response steal = post("/api/v1/connections", adminB, "{\"platform\":\"shopify\",\"account\":"
                + "\"brand-a.myshopify.com\",\"credentials\":{\"access_token\":\"shpat_b\"}}");
        assertThat(steal.status()).as(steal.body()).isEqualTo(409);
        assertThat(steal.errorCode()).isEqualTo("already_connected");
        assertThat(post("/api/v1/sync/backfills", adminB, "{\"connectionId\":\"" + id
                + "\",\"from\":\"2026-01-01\",\"to\":\"2026-01-31\"}").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/sync", adminB).json().path("items").findValuesAsText("connectionId")).doesNotContain(id);

        // the owner deletes it
        assertThat(delete("/api/v1/connections/" + id, adminA).status()).isEqualTo(204);
        assertThat(delete("/api/v1/connections/" + id, adminA).status()).isEqualTo(404);
    }

    @Test
    void syncShowsEachConnectionAndQueuesBackfills() {
        TestHttp.Response c = post("/api/v1/connections", adminA, "{\"platform\":\"google\",\"account\":\"111-222-3333\","
                + "\"credentials\":{\"refresh_token\":\"1//r\",\"login_customer_id\":\"9998887777\"}}");
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        String id = c.json().path("id").asText();
        JsonNode before = item(http.get("/api/v1/sync", readA).json(), id);
        assertThat(before.path("state").asText()).isEqualTo("never_synced");
        assertThat(before.path("connectionStatus").asText()).isEqualTo("active");

        TestHttp.Response queued = post("/api/v1/sync/backfills", adminA, "{\"connectionId\":\"" + id
                + "\",\"from\":\"2026-09-01\",\"to\":\"2026-09-30\"}");
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        assertThat(queued.json().path("state").asText()).isEqualTo("queued");
        assertThat(queued.json().path("kind").asText()).isEqualTo("backfill");

        TestHttp.Response one = http.get("/api/v1/sync/runs/" + queued.json().path("id").asText(), readA);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("connectionId").asText()).isEqualTo(id);
        assertThat(one.json().path("state").asText()).isEqualTo("queued");
        assertThat(http.get("/api/v1/sync/runs/" + queued.json().path("id").asText(), adminB).status()).isEqualTo(404);
        JsonNode after = item(http.get("/api/v1/sync", readA).json(), id);
        assertThat(after.path("state").asText()).isEqualTo("queued");
        assertThat(after.path("currentRun").path("from").asText()).isEqualTo("2026-09-01");
        assertThat(after.path("rows").asLong()).isZero();

        db.execute("UPDATE sync_runs SET state = 'failed', finished_at = now(), error = 'TikTok said no', rows = 42,"
                + " pages_done = 3, pages_total = 7 WHERE id = ?", UUID.fromString(queued.json().path("id").asText()));
        db.execute("UPDATE api_credentials SET status = 'needs_reauth', status_reason = 'token expired' WHERE id = ?",
                UUID.fromString(id));
        JsonNode failed = item(http.get("/api/v1/sync", readA).json(), id);
        assertThat(failed.path("state").asText()).isEqualTo("needs_reauth");
        assertThat(failed.path("rows").asLong()).isEqualTo(42);
        assertThat(failed.path("pagesDone").asInt()).isEqualTo(3);
        assertThat(failed.path("pagesTotal").asInt()).isEqualTo(7);
        assertThat(failed.path("lastRun").path("error").asText()).isEqualTo("TikTok said no");
        TestHttp.Response refused = post("/api/v1/sync/backfills", adminA, "{\"connectionId\":\"" + id
                + "\",\"from\":\"2026-09-01\",\"to\":\"2026-09-30\"}");
        assertThat(refused.status()).isEqualTo(409);

        assertThat(post("/api/v1/sync/backfills", adminA, "{\"connectionId\":\"" + id
                + "\",\"from\":\"2026-09-30\",\"to\":\"2026-09-01\"}").errorMessage()).isEqualTo("from (2026-09-30) is after to (2026-09-01)");
        assertThat(post("/api/v1/sync/backfills", adminA, "{\"connectionId\":\"" + id + "\",\"from\":\"soon\",\"to\":\""
                + LocalDate.now() + "\"}").errorMessage()).startsWith("from must be a date YYYY-MM-DD");
    }

    @Test
    void withoutAKeyConnectionsCannotBeStored() {
        ConnectionService unkeyed = new ConnectionService(new TenantDb(pool), CredentialCipher.unconfigured());
        assertThatThrownBy(() -> unkeyed.save(orgA, new ConnectionRequest(Platform.META, "act_5", Map.of("access_token", "t"),
                null, null))).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("OMNIFY_CREDENTIALS_KEY");
                });
    }

    static JsonNode item(JsonNode page, String connectionId) {
        for (JsonNode n : page.path("items")) {
            if (n.path("connectionId").asText().equals(connectionId)) {
                return n;
            }
        }
        throw new AssertionError("no sync item for " + connectionId + " in " + page);
    }
}
