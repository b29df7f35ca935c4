package ai.omnify.api.brain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.api.QueryApiServer;
import ai.omnify.api.TestHttp;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.testing.StackExtension;
import ai.omnify.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The brain routes on the real PostgreSQL as the application role: states, history and accuracy of one organization
 * only; actions accepted and dismissed with the act scope, once; adoption rate reported.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrainApiIT {
    @RegisterExtension
    static final StackExtension STACK = StackExtension.database();

    TestDatabase db;
    QueryApiServer server;
    TestHttp http;
    UUID orgA;
    UUID orgB;
    String readA;
    String actA;
    String actB;
    final UUID action1 = UUID.randomUUID();
    final UUID action2 = UUID.randomUUID();
    final UUID action3 = UUID.randomUUID();

    @BeforeAll
    void seed() throws SQLException {
        db = STACK.db();
        orgA = db.createOrganization("Brand A", "EUR");
        orgB = db.createOrganization("Brand B", "USD");
        readA = db.createApiKey(orgA, "read");
        actA = db.createApiKey(orgA, "read", "act");
        actB = db.createApiKey(orgB, "read", "act");
        var cfg = db.pipelineConfig();
        try (Connection c = DriverManager.getConnection(cfg.jdbcUrl(), cfg.user(), cfg.password())) {
            for (int v = 1; v <= 3; v++) {
                state(c, orgA, v, "{\"orgId\":\"" + orgA + "\",\"version\":" + v + ",\"summary\":\"A v" + v + "\"}");
            }
            // forecast scores: spend h1 on a channel (APE 0.1 and 0.3, one inside) and the org series
            UUID ch = UUID.randomUUID();
            score(c, orgA, ch.toString(), ch, "spend", 1, "2026-10-01", "0.100000", true);
            score(c, orgA, ch.toString(), ch, "spend", 1, "2026-10-02", "0.300000", false);
            score(c, orgA, "org", null, "spend", 1, "2026-10-01", "0.050000", true);
            score(c, orgB, "org", null, "spend", 1, "2026-10-01", "0.900000", false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO brain_insights (organization_id, kind, subject_id, "
                    + "version, text, source) VALUES (?, 'summary', 'org', 3, 'All good.', 'model')")) {
                ps.setObject(1, orgA);
                ps.executeUpdate();
            }
            action(c, action1, orgA, "budget_move", "120.50");
            action(c, action2, orgA, "pause_creative", "40.00");
            action(c, action3, orgA, "scale_winner", "10.00");
        }
        Map<String, String> env = STACK.serviceEnv();
        env.put("QUERY_API_PORT", "0");
        env.put("QUERY_API_HOST", "127.0.0.1");
        env.put("QUERY_API_DB_POOL_SIZE", "2");
        env.put("QUERY_API_CACHE_TTL", "0");
        server = QueryApiServer.start(QueryApiConfig.fromEnv(env));
        http = new TestHttp(server.port());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void state(Connection c, UUID org, int v, String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO brain_states (organization_id, version, "
                + "memory_output, oracle_output, curiosity_output, as_of_date, summary, state) VALUES (?, ?, '{}', '{}', "
                + "'{}', DATE '2026-10-05', ?, ?::jsonb)")) {
            ps.setObject(1, org);
            ps.setInt(2, v);
            ps.setString(3, "A v" + v);
            ps.setString(4, json);
            ps.executeUpdate();
        }
    }

    private static void score(Connection c, UUID org, String series, UUID ch, String metric, int h, String target,
            String ape, boolean inside) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO forecast_scores (organization_id, series, "
                + "channel_id, metric, origin, horizon, target_date, forecast, lower, upper, actual, ape, inside) "
                + "VALUES (?, ?, ?, ?, ?::date - ?, ?, ?::date, 100, 90, 110, 100, ?::numeric, ?)")) {
            ps.setObject(1, org);
            ps.setString(2, series);
            ps.setObject(3, ch);
            ps.setString(4, metric);
            ps.setString(5, target);
            ps.setInt(6, h);
            ps.setInt(7, h);
            ps.setString(8, target);
            ps.setString(9, ape);
            ps.setBoolean(10, inside);
            ps.executeUpdate();
        }
    }

    private static void action(Connection c, UUID id, UUID org, String kind, String impact) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO actions (id, organization_id, kind, target, "
                + "rationale, impact_metric, expected_impact, currency, confidence, urgency, expected_days, status) "
                + "VALUES (?, ?, ?, '{\"channelId\":\"" + UUID.randomUUID() + "\"}', 'because', 'revenue', ?::numeric, "
                + "'EUR', 0.6, 'high', 14, 'open')")) {
            ps.setObject(1, id);
            ps.setObject(2, org);
            ps.setString(3, kind);
            ps.setString(4, impact);
            ps.executeUpdate();
        }
    }

    private TestHttp.Response post(String path, String key) {
        return http.send("POST", path, key, HttpRequest.BodyPublishers.noBody());
    }

    @Test
    void theCurrentStateIsTheNewestVersionOfTheCallersOrganizationOnly() {
        var a = http.get("/api/v1/brain", readA);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("version").asLong()).isEqualTo(3);
        assertThat(a.json().path("orgId").asText()).isEqualTo(orgA.toString());
        assertThat(a.json().path("insights").get(0).path("text").asText()).isEqualTo("All good.");
        assertThat(a.json().path("insights").get(0).path("source").asText()).isEqualTo("model");
        var b = http.get("/api/v1/brain", actB);
        assertThat(b.status()).isEqualTo(404);
        assertThat(b.errorMessage()).contains("no brain state yet");
        assertThat(http.get("/api/v1/brain").status()).isEqualTo(401);
    }

    @Test
    void historyPagesNewestFirst() {
        var p1 = http.get("/api/v1/brain/history?limit=2", readA);
        assertThat(p1.status()).isEqualTo(200);
        assertThat(p1.json().path("items")).extracting(n -> n.path("version").asLong()).containsExactly(3L, 2L);
        String next = p1.json().path("next").asText();
        var p2 = http.get("/api/v1/brain/history?limit=2&cursor=" + next, readA);
        assertThat(p2.json().path("items")).extracting(n -> n.path("version").asLong()).containsExactly(1L);
        assertThat(p2.json().path("next").isNull()).isTrue();
        var full = http.get("/api/v1/brain/history?limit=1&include=state", readA);
        assertThat(full.json().path("items").get(0).path("state").path("summary").asText()).isEqualTo("A v3");
        assertThat(http.get("/api/v1/brain/history?cursor=abc", readA).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/brain/history", actB).json().path("items")).isEmpty();
    }

    @Test
    void accuracyPerMetricHorizonAndChannel() {
        var r = http.get("/api/v1/brain/accuracy?metric=spend", readA);
        assertThat(r.status()).isEqualTo(200);
        var items = r.json().path("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("channelId").isNull()).isTrue();
        assertThat(items.get(0).path("mape").decimalValue()).isEqualByComparingTo("0.05");
        assertThat(items.get(1).path("scored").asLong()).isEqualTo(2);
        assertThat(items.get(1).path("mape").decimalValue()).isEqualByComparingTo("0.2");
        assertThat(items.get(1).path("coverage").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(r.json().path("overall").get(0).path("scored").asLong()).isEqualTo(2);
        assertThat(http.get("/api/v1/brain/accuracy?metric=clicks", readA).status()).isEqualTo(400);
        // B sees only its own score
        assertThat(http.get("/api/v1/brain/accuracy", actB).json().path("items")).hasSize(1);
    }

    @Test
    void actionsAreDecidedOnceWithTheActScopeAndTheAdoptionRateIsReported() {
        assertThat(http.get("/api/v1/actions?status=open", readA).json().path("items")).hasSize(3);
        assertThat(post("/api/v1/actions/" + action1 + "/accept", readA).status()).isEqualTo(403);
        assertThat(post("/api/v1/actions/" + action1 + "/accept", actB).status()).isEqualTo(404);
        var ok = post("/api/v1/actions/" + action1 + "/accept", actA);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("status").asText()).isEqualTo("accepted");
        assertThat(ok.json().path("baseline").has("dailyRevenue")).isTrue();
        assertThat(post("/api/v1/actions/" + action1 + "/dismiss", actA).status()).isEqualTo(409);
        assertThat(post("/api/v1/actions/" + action2 + "/dismiss", actA).status()).isEqualTo(200);
        assertThat(post("/api/v1/actions/not-a-uuid/accept", actA).status()).isEqualTo(400);

        var accepted = http.get("/api/v1/actions?status=accepted", readA).json().path("items");
        assertThat(accepted).hasSize(1);
        assertThat(accepted.get(0).path("outcome").has("daysObserved")).isTrue();
        var adoption = http.get("/api/v1/brain/accuracy", readA).json().path("actions");
        assertThat(adoption.path("accepted").asLong()).isEqualTo(1);
        assertThat(adoption.path("dismissed").asLong()).isEqualTo(1);
        assertThat(adoption.path("adoptionRate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(adoption.path("expectedImpactAccepted").decimalValue()).isEqualByComparingTo("120.50");
    }
}
