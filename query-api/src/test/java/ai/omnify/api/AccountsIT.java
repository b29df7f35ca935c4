package ai.omnify.api;

import static ai.omnify.api.RouteMatrix.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.api.RouteMatrix.Actor;
import ai.omnify.api.TestAccounts.Account;
import ai.omnify.api.auth.SessionTokens;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.testing.StackExtension;
import ai.omnify.server.auth.Scope;
import ai.omnify.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Accounts, sessions, roles, API keys and tenant isolation on the real PostgreSQL, the API running as the application
 * role. Organization A has an admin, a member and a viewer (by invite); organization B an admin, a member, an invite
 * and an API key: B's ids are tried by every caller of A.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsIT {
    @RegisterExtension
    static final StackExtension STACK = StackExtension.database();

    TestDatabase db;
    QueryApiServer server;
    TestHttp http;
    TestAccounts accounts;
    Map<String, String> env;

    Account adminA;
    Account memberA;
    Account viewerA;
    Account adminB;
    Account memberB;
    String readKeyA;
    String adminKeyA;
    String keyB;
    UUID keyIdB;
    UUID inviteIdB;
    UUID channelB;
    final UUID alertB = UUID.randomUUID();
    final UUID subscriptionB = UUID.randomUUID();
    final UUID actionB = UUID.randomUUID();
    final UUID connectionB = UUID.randomUUID();
    final UUID syncRunB = UUID.randomUUID();

    @BeforeAll
    void start() {
        db = STACK.db();
        env = STACK.serviceEnv();
        env.put("QUERY_API_PORT", "0");
        env.put("QUERY_API_HOST", "127.0.0.1");
        env.put("QUERY_API_DB_POOL_SIZE", "4");
        env.put("QUERY_API_AUTH_CACHE_TTL", "30s"); // a key revoked here must still stop at once
        env.put("QUERY_API_COOKIE_SECURE", "true");
        env.put("QUERY_API_LOGIN_MAX_FAILURES", "5");
        env.put("QUERY_API_LOGIN_MAX_FAILURES_PER_IP", "1000");
        server = QueryApiServer.start(QueryApiConfig.fromEnv(env), env);
        http = new TestHttp(server.port());
        accounts = new TestAccounts(http);

        adminA = accounts.signupAdmin("ada@a.example", "Brand A");
        memberA = accounts.invited(adminA, "max@a.example", "member");
        viewerA = accounts.invited(adminA, "vic@a.example", "viewer");
        adminB = accounts.signupAdmin("bea@b.example", "Brand B");
        memberB = accounts.invited(adminB, "bob@b.example", "member");
        readKeyA = createKey(adminA, "read only", "read").get("key").asText();
        adminKeyA = createKey(adminA, "automation", "read", "act", "admin").get("key").asText();
        JsonNode kb = createKey(adminB, "b key", "read");
        keyB = kb.get("key").asText();
        keyIdB = UUID.fromString(kb.get("id").asText());
        inviteIdB = UUID.fromString(accounts.invite(adminB, "pending@b.example", "viewer").get("id").asText());
        channelB = ai.omnify.model.Ids.channelId(adminB.orgId().toString(), ai.omnify.model.Platform.META, "b-cmp");
        db.execute("INSERT INTO channels (id, organization_id, name, platform, external_id) VALUES (?, ?, "
                + "'Secret B Campaign', 'meta', 'b-cmp')", channelB, adminB.orgId());
        db.execute("INSERT INTO creatives (id, organization_id, channel_id, name, external_id) VALUES (?, ?, ?, "
                + "'Secret B Ad', 'b-ad')", UUID.randomUUID(), adminB.orgId(), channelB);
        db.execute("INSERT INTO daily_metrics (organization_id, channel_id, date, spend, currency) VALUES (?, ?, "
                + "'2025-01-01', 987.6543, 'EUR')", adminB.orgId(), channelB);
        seedAlertsBrainAndConnectionsOfB(adminB.orgId());
    }

    /** B's rows of the other modules (alerts, brain, connections, sync), as their writers store them. */
    void seedAlertsBrainAndConnectionsOfB(UUID b) {
        db.execute("INSERT INTO alerts (id, organization_id, alert_key, kind, severity, status, channel_id, metric, "
                + "observed, expected, explanation) VALUES (?, ?, 'spend_spike:channel:b', 'spend_spike', 'critical', "
                + "'open', ?, 'spend', 987.6543, 100, 'Secret B alert')", alertB, b, channelB);
        TenantRows.execute(db, b, "INSERT INTO alert_subscriptions (id, organization_id, type, email, min_severity) "
                + "VALUES (?, ?, 'email', 'alerts@b.example', 'info')", subscriptionB, b);
        db.execute("INSERT INTO brain_states (organization_id, version, memory_output, oracle_output, curiosity_output, "
                + "as_of_date, summary, state) VALUES (?, 1, '{}', '{}', '{}', DATE '2025-01-01', 'Secret B summary', "
                + "?::jsonb)", b, "{\"orgId\":\"" + b + "\",\"version\":1,\"summary\":\"Secret B summary\"}");
        db.execute("INSERT INTO actions (id, organization_id, kind, target, rationale, impact_metric, expected_impact, "
                + "currency, confidence, urgency, expected_days, status) VALUES (?, ?, 'budget_move', ?::jsonb, "
                + "'Secret B rationale', 'revenue', 987.6543, 'EUR', 0.7, 'high', 14, 'open')", actionB, b,
                "{\"channelId\":\"" + channelB + "\"}");
        db.execute("INSERT INTO api_credentials (id, organization_id, platform, account, credentials, key_id, status) "
                + "VALUES (?, ?, 'meta', 'act_secretb', '{}'::jsonb, 'k1', 'active')", connectionB, b);
        db.execute("INSERT INTO sync_runs (id, organization_id, connection_id, platform, kind, state, rows, error) "
                + "VALUES (?, ?, ?, 'meta', 'poll', 'failed', 4242, 'Secret B error')", syncRunB, b, connectionB);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    JsonNode createKey(Account admin, String name, String... scopes) {
        TestHttp.Response r = admin.caller().call(http, "POST", "/api/v1/api-keys",
                "{\"name\":\"" + name + "\",\"scopes\":[\"" + String.join("\",\"", scopes) + "\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    List<Actor> actorsOfA() {
        return List.of(
                new Actor(viewerA.caller(), EnumSet.of(Scope.READ), true),
                new Actor(memberA.caller(), EnumSet.of(Scope.READ, Scope.ACT), true),
                new Actor(adminA.caller(), EnumSet.of(Scope.READ, Scope.ACT, Scope.ADMIN), true),
                new Actor(Caller.key("read key", readKeyA), EnumSet.of(Scope.READ), false),
                new Actor(Caller.key("admin key", adminKeyA), EnumSet.of(Scope.READ, Scope.ACT, Scope.ADMIN), false));
    }

    static String signupBody(String email, String password, String org) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"organization\":\"" + org + "\"}";
    }

    static String loginBody(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    @Nested
    class Signup {
        @Test
        void setsAHardenedSessionCookieAndStoresOnlyHashes() {
            TestHttp.Response r = http.send("POST", "/api/v1/auth/signup", Map.of(),
                    signupBody("new@c.example", TestAccounts.PASSWORD, "Brand C"));
            Account a = TestAccounts.account(r, "new@c.example", 201);
            String cookie = r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("omnify_session="))
                    .findFirst().orElseThrow();
            assertThat(cookie).contains("HttpOnly", "Secure", "SameSite=Lax", "Path=/", "Max-Age=43200");
            assertThat(r.headers().allValues("set-cookie")).anySatisfy(c -> assertThat(c).startsWith("omnify_csrf=")
                    .doesNotContain("HttpOnly"));
            assertThat(a.role()).isEqualTo("admin");
            assertThat(r.json().get("scopes").toString()).isEqualTo("[\"act\",\"admin\",\"read\"]");
            assertThat(r.json().at("/organization/name").asText()).isEqualTo("Brand C");

            Map<String, Object> user = db.query("SELECT password_hash FROM users WHERE email = ?", "new@c.example")
                    .get(0);
            assertThat((String) user.get("password_hash")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                    .doesNotContain(TestAccounts.PASSWORD);
            List<Map<String, Object>> sessions = db.query("SELECT token_hash FROM sessions WHERE user_id = ?",
                    a.userId());
            assertThat(sessions).hasSize(1);
            assertThat(sessions.get(0).get("token_hash")).isEqualTo(SessionTokens.hash(a.caller().sessionToken()))
                    .isNotEqualTo(a.caller().sessionToken());
            assertThat(a.caller().get(http, "/api/v1/me").json().at("/user/email").asText())
                    .isEqualTo("new@c.example");
        }

        @Test
        void refusesBadInputWithAReason() {
            assertJsonError(http.send("POST", "/api/v1/auth/signup", Map.of(),
                    signupBody("short@c.example", "short", "X")), 400, "weak_password");
            assertJsonError(http.send("POST", "/api/v1/auth/signup", Map.of(),
                    signupBody("not-an-email", TestAccounts.PASSWORD, "X")), 400, "invalid_body");
            assertJsonError(http.send("POST", "/api/v1/auth/signup", Map.of(),
                    "{\"email\":\"x@c.example\",\"password\":\"" + TestAccounts.PASSWORD + "\"}"), 400, "invalid_body");
            assertJsonError(http.send("POST", "/api/v1/auth/signup", Map.of(), "{not json"), 400, "invalid_body");
            assertJsonError(http.send("POST", "/api/v1/auth/signup", Map.of(),
                    "{\"email\":\"x@c.example\",\"password\":\"" + TestAccounts.PASSWORD
                            + "\",\"organization\":\"X\",\"currency\":\"ZZZ\"}"), 400, "invalid_body");
            assertJsonError(http.send("POST", "/api/v1/auth/signup", Map.of(),
                    signupBody("ADA@a.example", TestAccounts.PASSWORD, "Again")), 409, "email_taken");
            // a cross-site form post cannot be JSON
            assertJsonError(http.send("POST", "/api/v1/auth/signup", Map.of("Content-Type", "text/plain"),
                    null), 415, "unsupported_media_type");
            assertJsonError(http.send("POST", "/api/v1/auth/signup", Map.of(), signupBody("bad@c.example",
                    TestAccounts.PASSWORD, "X").replace("}", ",\"inviteToken\":\"omi_nope\"}")), 404, "not_found");
        }
    }

    @Nested
    class Login {
        @Test
        void wrongPasswordAndUnknownEmailLookTheSame() {
            TestHttp.Response wrong = http.send("POST", "/api/v1/auth/login", Map.of(),
                    loginBody("max@a.example", "wrong password!!"));
            TestHttp.Response unknown = http.send("POST", "/api/v1/auth/login", Map.of(),
                    loginBody("nobody@a.example", "wrong password!!"));
            assertJsonError(wrong, 401, "invalid_credentials");
            assertJsonError(unknown, 401, "invalid_credentials");
            assertThat(wrong.body()).isEqualTo(unknown.body());
            assertThat(wrong.headers().allValues("set-cookie")).isEmpty();
        }

        @Test
        void opensANewSessionWithTheRoleOfTheMembership() {
            Account again = accounts.login("VIC@a.example", TestAccounts.PASSWORD);
            assertThat(again.role()).isEqualTo("viewer");
            assertThat(again.orgId()).isEqualTo(viewerA.orgId());
            assertThat(again.caller().sessionToken()).isNotEqualTo(viewerA.caller().sessionToken());
            JsonNode me = again.caller().get(http, "/api/v1/me").json();
            assertThat(me.get("method").asText()).isEqualTo("session");
            assertThat(me.get("role").asText()).isEqualTo("viewer");
            assertThat(me.get("scopes").toString()).isEqualTo("[\"read\"]");
        }

        @Test
        void aLoginMadeByTheAdminCliWorks() throws SQLException {
            // what 'infra/omnify demo' does for the demo organization's login
            String password = ai.omnify.infra.OrgAdmin.randomPassword();
            try (Connection c = db.ownerConnection()) {
                ai.omnify.infra.OrgAdmin.createUser(c, adminB.orgId(), "Demo@B.example", "admin", password);
            }
            Account demo = accounts.login("demo@b.example", password);
            assertThat(demo.orgId()).isEqualTo(adminB.orgId());
            assertThat(demo.role()).isEqualTo("admin");
            try (Connection c = db.ownerConnection()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> ai.omnify.infra.OrgAdmin.createUser(c,
                        adminB.orgId(), "demo@b.example", "admin", password)).hasMessageContaining("exists already");
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> ai.omnify.infra.OrgAdmin.createUser(c,
                        adminB.orgId(), "x@b.example", "owner", password)).hasMessageContaining("not one of");
            }
        }

        @Test
        void bruteForceIsThrottledPerAccountEvenWithTheRightPassword() {
            String email = "target@a.example";
            accounts.invited(adminA, email, "viewer");
            for (int i = 0; i < 5; i++) {
                assertJsonError(http.send("POST", "/api/v1/auth/login", Map.of(), loginBody(email, "guess " + i
                        + " guess guess")), 401, "invalid_credentials");
            }
            TestHttp.Response blocked = http.send("POST", "/api/v1/auth/login", Map.of(),
                    loginBody(email, TestAccounts.PASSWORD));
            assertJsonError(blocked, 429, "too_many_attempts");
            assertThat(blocked.headers().firstValue("retry-after")).hasValueSatisfying(
                    v -> assertThat(Long.parseLong(v)).isBetween(1L, 900L));
            // another account from the same address is not locked out by this one
            assertThat(accounts.login("max@a.example", TestAccounts.PASSWORD).role()).isEqualTo("member");
        }

        @Test
        void bruteForceIsThrottledPerAddress() {
            Map<String, String> strict = new HashMap<>(env);
            strict.put("QUERY_API_LOGIN_MAX_FAILURES_PER_IP", "3");
            try (QueryApiServer other = QueryApiServer.start(QueryApiConfig.fromEnv(strict), strict)) {
                TestHttp h = new TestHttp(other.port());
                for (int i = 0; i < 3; i++) {
                    assertJsonError(h.send("POST", "/api/v1/auth/login", Map.of(),
                            loginBody("spray" + i + "@a.example", "password spraying")), 401, "invalid_credentials");
                }
                assertJsonError(h.send("POST", "/api/v1/auth/login", Map.of(),
                        loginBody("bob@b.example", TestAccounts.PASSWORD)), 429, "too_many_attempts");
            }
        }
    }

    @Nested
    class Sessions {
        @Test
        void logoutRevokesTheSessionOnTheServer() {
            Account s = accounts.login("max@a.example", TestAccounts.PASSWORD);
            assertThat(s.caller().get(http, "/api/v1/channels").status()).isEqualTo(200);
            assertJsonError(s.caller().withoutCsrf().call(http, "POST", "/api/v1/auth/logout", null), 403,
                    "csrf_failed");
            TestHttp.Response out = s.caller().call(http, "POST", "/api/v1/auth/logout", null);
            assertThat(out.status()).isEqualTo(204);
            assertThat(out.headers().allValues("set-cookie")).anySatisfy(c -> assertThat(c)
                    .startsWith("omnify_session=;").contains("Max-Age=0"));
            TestHttp.Response after = s.caller().get(http, "/api/v1/channels");
            assertJsonError(after, 401, "unauthorized");
            assertThat(after.errorMessage()).contains("session");
            assertThat(db.query("SELECT revoked_at FROM sessions WHERE token_hash = ?",
                    SessionTokens.hash(s.caller().sessionToken())).get(0).get("revoked_at")).isNotNull();
        }

        @Test
        void anExpiredSessionProvesNothing() {
            Account s = accounts.login("max@a.example", TestAccounts.PASSWORD);
            db.execute("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = ?",
                    SessionTokens.hash(s.caller().sessionToken()));
            assertJsonError(s.caller().get(http, "/api/v1/me"), 401, "unauthorized");
        }

        @Test
        void aTamperedCookieProvesNothing() {
            String token = adminA.caller().sessionToken();
            char last = token.charAt(token.length() - 1);
            String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
            assertJsonError(Caller.session("tampered", tampered, null).get(http, "/api/v1/me"), 401, "unauthorized");
            assertJsonError(Caller.session("garbage", "oms_' OR 1=1 --", null).get(http, "/api/v1/me"), 401,
                    "unauthorized");
            assertJsonError(Caller.session("api key as cookie", readKeyA, null).get(http, "/api/v1/me"), 401,
                    "unauthorized");
        }

        @Test
        void cookieWritesNeedTheSessionsCsrfToken() {
            String body = "{\"email\":\"csrf@a.example\",\"role\":\"viewer\"}";
            assertJsonError(adminA.caller().withoutCsrf().call(http, "POST", "/api/v1/invites", body), 403,
                    "csrf_failed");
            assertJsonError(adminA.caller().withCsrf(adminB.caller().csrfToken()).call(http, "POST",
                    "/api/v1/invites", body), 403, "csrf_failed");
            assertJsonError(adminA.caller().withoutCsrf().call(http, "DELETE", "/api/v1/api-keys/" + keyIdB, null),
                    403, "csrf_failed");
            assertThat(adminA.caller().call(http, "POST", "/api/v1/invites", body).status()).isEqualTo(201);
            // reads need none; API keys need none (no cookie the browser could attach)
            assertThat(adminA.caller().withoutCsrf().get(http, "/api/v1/members").status()).isEqualTo(200);
            assertThat(Caller.key("k", adminKeyA).call(http, "POST", "/api/v1/invites",
                    "{\"email\":\"csrf2@a.example\",\"role\":\"viewer\"}").status()).isEqualTo(201);
        }
    }

    @Nested
    class Roles {
        @Test
        void everyRouteEnforcesItsScopeForEveryRole() {
            RouteMatrix.check(http, RouteMatrix.routes(), actorsOfA());
        }

        @Test
        void aRoleChangeTakesEffectOnTheNextRequestAndTheLastAdminStays() {
            Account m = accounts.invited(adminA, "promote@a.example", "viewer");
            assertJsonError(m.caller().get(http, "/api/v1/invites"), 403, "forbidden");
            TestHttp.Response change = adminA.caller().call(http, "PATCH", "/api/v1/members/" + m.userId(),
                    "{\"role\":\"admin\"}");
            assertThat(change.status()).as(change.body()).isEqualTo(200);
            assertThat(m.caller().get(http, "/api/v1/invites").status()).isEqualTo(200);
            assertJsonError(adminA.caller().call(http, "PATCH", "/api/v1/members/" + m.userId(),
                    "{\"role\":\"owner\"}"), 400, "invalid_body");
            // demote back, then the only other admin cannot demote itself away
            assertThat(adminA.caller().call(http, "PATCH", "/api/v1/members/" + m.userId(), "{\"role\":\"member\"}")
                    .status()).isEqualTo(200);
            Account solo = accounts.signupAdmin("solo@d.example", "Brand D");
            assertJsonError(solo.caller().call(http, "PATCH", "/api/v1/members/" + solo.userId(),
                    "{\"role\":\"viewer\"}"), 409, "last_admin");
            assertJsonError(solo.caller().call(http, "DELETE", "/api/v1/members/" + solo.userId(), null), 409,
                    "last_admin");
        }

        @Test
        void aRemovedMemberLosesAccessAtOnce() {
            Account m = accounts.invited(adminA, "leaver@a.example", "member");
            assertThat(m.caller().get(http, "/api/v1/channels").status()).isEqualTo(200);
            assertThat(adminA.caller().call(http, "DELETE", "/api/v1/members/" + m.userId(), null).status())
                    .isEqualTo(204);
            assertJsonError(m.caller().get(http, "/api/v1/channels"), 401, "unauthorized");
            assertJsonError(http.send("POST", "/api/v1/auth/login", Map.of(),
                    loginBody("leaver@a.example", TestAccounts.PASSWORD)), 403, "no_organization");
        }

        @Test
        void membersListShowsTheOrganizationsPeopleOnly() {
            JsonNode items = adminA.caller().get(http, "/api/v1/members?limit=100").json().get("items");
            List<String> emails = items.findValuesAsText("email");
            assertThat(emails).contains("ada@a.example", "max@a.example", "vic@a.example")
                    .doesNotContain("bea@b.example", "bob@b.example");
            JsonNode page = viewerA.caller().get(http, "/api/v1/members?limit=1").json();
            assertThat(page.get("items")).hasSize(1);
            assertThat(page.get("next").isTextual()).isTrue();
            assertJsonError(adminA.caller().get(http, "/api/v1/members?limit=0"), 400, "invalid_parameter");
        }
    }

    @Nested
    class Organizations {
        @Test
        void aUserCreatesAnotherOrganizationSwitchesAndJoinsByInvite() {
            Account u = accounts.signupAdmin("multi@e.example", "Brand E");
            TestHttp.Response created = u.caller().call(http, "POST", "/api/v1/orgs",
                    "{\"name\":\"Brand E2\",\"currency\":\"GBP\",\"timeZone\":\"Europe/London\"}");
            Account inE2 = TestAccounts.account(created, u.email(), 201);
            assertThat(inE2.orgId()).isNotEqualTo(u.orgId());
            assertJsonError(u.caller().get(http, "/api/v1/me"), 401, "unauthorized"); // the old session moved
            JsonNode orgs = inE2.caller().get(http, "/api/v1/orgs").json().get("items");
            assertThat(orgs.findValuesAsText("name")).containsExactly("Brand E", "Brand E2");

            // an invite from A, accepted while logged in
            String token = accounts.invite(adminA, "multi@e.example", "viewer").get("token").asText();
            TestHttp.Response joined = inE2.caller().call(http, "POST", "/api/v1/invites/accept",
                    "{\"token\":\"" + token + "\"}");
            Account inA = TestAccounts.account(joined, u.email(), 200);
            assertThat(inA.orgId()).isEqualTo(adminA.orgId());
            assertThat(inA.role()).isEqualTo("viewer");
            assertJsonError(inA.caller().call(http, "POST", "/api/v1/invites/accept", "{\"token\":\"" + token + "\"}"),
                    404, "not_found");

            TestHttp.Response back = inA.caller().call(http, "POST", "/api/v1/auth/switch",
                    "{\"orgId\":\"" + u.orgId() + "\"}");
            assertThat(TestAccounts.account(back, u.email(), 200).role()).isEqualTo("admin");
        }

        @Test
        void badBodiesNameTheProblem() {
            assertJsonError(adminA.caller().call(http, "POST", "/api/v1/orgs", "{\"name\":\"\"}"), 400,
                    "invalid_body");
            assertJsonError(adminA.caller().call(http, "POST", "/api/v1/orgs", "{\"name\":\"X\",\"timeZone\":\"Mars/Base\"}"),
                    400, "invalid_body");
            assertJsonError(adminA.caller().call(http, "POST", "/api/v1/auth/switch", "{\"orgId\":\"nope\"}"), 400,
                    "invalid_body");
            assertJsonError(adminA.caller().call(http, "POST", "/api/v1/auth/switch", "{}"), 400, "invalid_body");
            assertJsonError(adminA.caller().call(http, "POST", "/api/v1/invites", "{\"email\":\"x@a.example\"}"), 400,
                    "invalid_body");
            assertJsonError(adminA.caller().call(http, "POST", "/api/v1/invites",
                    "{\"email\":\"nope\",\"role\":\"viewer\"}"), 400, "invalid_body");
            assertJsonError(adminA.caller().call(http, "POST", "/api/v1/invites/accept", "{}"), 400, "invalid_body");
            assertJsonError(adminA.caller().call(http, "POST", "/api/v1/invites/accept", "{\"token\":\"omi_x\"}"), 404,
                    "not_found");
            assertJsonError(adminA.caller().call(http, "PATCH", "/api/v1/members/" + memberA.userId(), "[]"), 400,
                    "invalid_body");
            // an API key cannot act as a person
            assertJsonError(Caller.key("k", adminKeyA).call(http, "POST", "/api/v1/orgs", "{\"name\":\"X\"}"), 403,
                    "forbidden");
        }

        @Test
        void anInviteIsForItsEmailOnly() {
            String token = accounts.invite(adminA, "someone@a.example", "member").get("token").asText();
            assertJsonError(http.send("POST", "/api/v1/auth/signup", Map.of(), "{\"email\":\"other@a.example\","
                    + "\"password\":\"" + TestAccounts.PASSWORD + "\",\"inviteToken\":\"" + token + "\"}"), 403,
                    "invite_mismatch");
        }

        @Test
        void revokedInvitesCannotBeUsed() {
            JsonNode inv = accounts.invite(adminA, "revoked@a.example", "member");
            assertThat(adminA.caller().call(http, "DELETE", "/api/v1/invites/" + inv.get("id").asText(), null)
                    .status()).isEqualTo(204);
            assertJsonError(http.send("POST", "/api/v1/auth/signup", Map.of(), "{\"email\":\"revoked@a.example\","
                    + "\"password\":\"" + TestAccounts.PASSWORD + "\",\"inviteToken\":\"" + inv.get("token").asText()
                    + "\"}"), 404, "not_found");
            JsonNode list = adminA.caller().get(http, "/api/v1/invites?limit=500").json().get("items");
            assertThat(list.toString()).doesNotContain(inv.get("token").asText());
            assertThat(list).anySatisfy(i -> {
                assertThat(i.get("id").asText()).isEqualTo(inv.get("id").asText());
                assertThat(i.get("status").asText()).isEqualTo("revoked");
            });
        }
    }

    @Nested
    class Logs {
        @Test
        void requestLogsCarryNoSecrets() {
            ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                    .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                    new ch.qos.logback.core.read.ListAppender<>();
            appender.start();
            root.addAppender(appender);
            ch.qos.logback.classic.Level before = root.getLevel();
            root.setLevel(ch.qos.logback.classic.Level.INFO);
            ch.qos.logback.classic.Logger requests = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                    .getLogger("ai.omnify.api.request");
            ch.qos.logback.classic.Level requestsBefore = requests.getLevel();
            requests.setLevel(ch.qos.logback.classic.Level.INFO);
            try {
                Account s = accounts.login("max@a.example", TestAccounts.PASSWORD);
                http.send("POST", "/api/v1/auth/login", Map.of(), loginBody("max@a.example", "a wrong secret pw"));
                s.caller().get(http, "/api/v1/channels?secret=query-string-value");
                Caller.key("k", readKeyA).get(http, "/api/v1/channels");
                s.caller().call(http, "POST", "/api/v1/auth/logout", null);
                List<String> lines = appender.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                        .toList();
                assertThat(lines).anySatisfy(l -> assertThat(l).contains("route=/api/v1/auth/login", "status=401"));
                assertThat(lines).anySatisfy(l -> assertThat(l).contains("route=/api/v1/channels", "status=200",
                        "org=" + adminA.orgId()));
                assertThat(String.join("\n", lines)).doesNotContain(TestAccounts.PASSWORD, "a wrong secret pw",
                        s.caller().sessionToken(), s.caller().csrfToken(), readKeyA, "query-string-value",
                        "max@a.example");
            } finally {
                root.detachAppender(appender);
                root.setLevel(before);
                requests.setLevel(requestsBefore);
            }
        }
    }

    @Nested
    class ApiKeysRoutes {
        @Test
        void aKeyIsShownOnceScopedAndRevocable() {
            JsonNode made = createKey(adminA, "reporting", "read");
            String key = made.get("key").asText();
            assertThat(key).startsWith("omk_");
            Caller k = Caller.key("new key", key);
            assertThat(k.get(http, "/api/v1/channels").status()).isEqualTo(200);
            assertJsonError(k.get(http, "/api/v1/api-keys"), 403, "forbidden");
            JsonNode list = adminA.caller().get(http, "/api/v1/api-keys").json();
            assertThat(list.toString()).doesNotContain(key);
            assertThat(list.get("items")).anySatisfy(i -> {
                assertThat(i.get("id").asText()).isEqualTo(made.get("id").asText());
                assertThat(i.get("prefix").asText()).isEqualTo(key.substring(0, 12));
                assertThat(i.get("scopes").toString()).isEqualTo("[\"read\"]");
            });
            assertThat(adminA.caller().call(http, "DELETE", "/api/v1/api-keys/" + made.get("id").asText(), null)
                    .status()).isEqualTo(204);
            assertJsonError(k.get(http, "/api/v1/channels"), 401, "unauthorized");
            assertJsonError(adminA.caller().call(http, "DELETE", "/api/v1/api-keys/" + made.get("id").asText(), null),
                    404, "not_found");
        }

        @Test
        void badRequestsNameTheProblem() {
            assertJsonError(adminA.caller().call(http, "POST", "/api/v1/api-keys", "{\"name\":\"x\"}"), 400,
                    "invalid_body");
            assertJsonError(adminA.caller().call(http, "POST", "/api/v1/api-keys",
                    "{\"name\":\"x\",\"scopes\":[\"root\"]}"), 400, "invalid_body");
            assertJsonError(adminA.caller().call(http, "POST", "/api/v1/api-keys", "{\"scopes\":[\"read\"]}"), 400,
                    "invalid_body");
            assertJsonError(adminA.caller().call(http, "DELETE", "/api/v1/api-keys/not-a-uuid", null), 400,
                    "invalid_parameter");
        }
    }

    @Nested
    class TenantIsolation {
        @Test
        void noCallerOfAReachesBsRowsByTheirIds() {
            List<String> secretsOfB = List.of(keyIdB.toString(), inviteIdB.toString(), adminB.userId().toString(),
                    memberB.userId().toString(), adminB.orgId().toString(), channelB.toString(), "bea@b.example",
                    "bob@b.example", "Brand B", "pending@b.example", "Secret B", "987.6543", alertB.toString(),
                    subscriptionB.toString(), actionB.toString(), connectionB.toString(), syncRunB.toString(),
                    "alerts@b.example", "act_secretb");
            for (Actor actor : actorsOfA()) {
                // each answer with the one id of B's the request itself carried (an error may echo it back)
                Map<TestHttp.Response, String> answers = new java.util.LinkedHashMap<>();
                answers.put(actor.caller().call(http, "DELETE", "/api/v1/api-keys/" + keyIdB, null), keyIdB.toString());
                answers.put(actor.caller().call(http, "DELETE", "/api/v1/invites/" + inviteIdB, null),
                        inviteIdB.toString());
                answers.put(actor.caller().call(http, "PATCH", "/api/v1/members/" + memberB.userId(),
                        "{\"role\":\"admin\"}"), memberB.userId().toString());
                answers.put(actor.caller().call(http, "DELETE", "/api/v1/members/" + adminB.userId(), null),
                        adminB.userId().toString());
                answers.put(actor.caller().call(http, "POST", "/api/v1/auth/switch",
                        "{\"orgId\":\"" + adminB.orgId() + "\"}"), adminB.orgId().toString());
                answers.put(actor.caller().call(http, "POST", "/api/v1/alerts/" + alertB + "/ack", null),
                        alertB.toString());
                answers.put(actor.caller().call(http, "DELETE", "/api/v1/alert-subscriptions/" + subscriptionB, null),
                        subscriptionB.toString());
                answers.put(actor.caller().call(http, "PUT", "/api/v1/alert-rules",
                        "{\"orgId\":\"" + adminB.orgId() + "\"}"), adminB.orgId().toString());
                for (String verb : List.of("accept", "dismiss")) {
                    answers.put(actor.caller().call(http, "POST", "/api/v1/actions/" + actionB + "/" + verb, null),
                            actionB.toString());
                }
                answers.put(actor.caller().call(http, "DELETE", "/api/v1/connections/" + connectionB, null),
                        connectionB.toString());
                answers.put(actor.caller().call(http, "POST", "/api/v1/sync/backfills", "{\"connectionId\":\""
                        + connectionB + "\",\"from\":\"2025-01-01\",\"to\":\"2025-01-02\"}"),
                        connectionB.toString());
                answers.put(actor.caller().get(http, "/api/v1/sync/runs/" + syncRunB), syncRunB.toString());
                answers.forEach((r, sent) ->
                        assertThat(r.status()).as(actor.caller() + ": " + r.body()).isIn(403, 404));
                // B's rows are not in A's lists (A has none of its own of these kinds)
                for (String path : List.of("/api/v1/alerts?limit=1000", "/api/v1/alerts?status=open",
                        "/api/v1/alert-subscriptions", "/api/v1/brain/history?include=state",
                        "/api/v1/brain/accuracy", "/api/v1/actions", "/api/v1/actions?status=open",
                        "/api/v1/connections", "/api/v1/sync")) {
                    TestHttp.Response r = actor.caller().get(http, path);
                    answers.put(r, "");
                    assertThat(r.status()).as(actor.caller() + " " + path + " " + r.body()).isIn(200, 403);
                    if (r.status() == 200) {
                        assertThat(r.json().get("items")).as(actor.caller() + " " + path).isEmpty();
                    }
                }
                for (String path : List.of("/api/v1/brain", "/api/v1/alert-rules")) {
                    answers.put(actor.caller().get(http, path), "");
                }
                String range = "from=2025-01-01&to=2025-01-02";
                for (String path : List.of("/api/v1/members?limit=1000", "/api/v1/invites?limit=1000",
                        "/api/v1/api-keys?includeRevoked=true&limit=1000", "/api/v1/orgs", "/api/v1/me",
                        "/api/v1/channels", "/api/v1/creatives", "/api/v1/creatives?channelId=" + channelB,
                        "/api/v1/metrics/daily?" + range, "/api/v1/metrics/daily?" + range + "&channelId=" + channelB,
                        "/api/v1/metrics/hourly?" + range + "&channelId=" + channelB,
                        "/api/v1/metrics/org-daily?" + range,
                        "/api/v1/reports/metrics.csv?" + range + "&channelId=" + channelB,
                        "/api/v1/reports/metrics.csv?" + range)) {
                    TestHttp.Response r = actor.caller().get(http, path);
                    answers.put(r, path.contains("channelId") ? channelB.toString() : "");
                    if (r.status() == 200 && path.contains("/api/v1/") && !path.contains(".csv")
                            && !path.contains("/me") && !path.contains("/orgs") && !path.contains("members")
                            && !path.contains("invites") && !path.contains("api-keys")) {
                        assertThat(r.json().get("items")).as(actor.caller() + " " + path).isEmpty();
                    }
                    if (path.contains(".csv")) {
                        assertThat(r.body().split("\r\n")).as(path).hasSize(1); // the header only
                    }
                }
                answers.forEach((r, sent) -> {
                    for (String secret : secretsOfB) {
                        if (!secret.equals(sent)) {
                            assertThat(r.body()).as(actor.caller() + " " + r.body()).doesNotContain(secret);
                        }
                    }
                });
            }
            // B is untouched
            assertThat(Caller.key("b", keyB).get(http, "/api/v1/channels").status()).isEqualTo(200);
            assertThat(db.query("SELECT role FROM memberships WHERE user_id = ?", memberB.userId()).get(0)
                    .get("role")).isEqualTo("member");
            assertThat(db.query("SELECT revoked_at FROM invites WHERE id = ?", inviteIdB).get(0).get("revoked_at"))
                    .isNull();
            assertThat(memberB.caller().get(http, "/api/v1/me").status()).isEqualTo(200);
            Map<String, Object> action = db.query("SELECT status, decided_by FROM actions WHERE id = ?", actionB).get(0);
            assertThat(action.get("status")).isEqualTo("open");
            assertThat(action.get("decided_by")).isNull();
            assertThat(db.query("SELECT status, acknowledged_at FROM alerts WHERE id = ?", alertB).get(0))
                    .containsEntry("status", "open").containsEntry("acknowledged_at", null);
            assertThat(TenantRows.query(db, adminB.orgId(), "SELECT count(*) AS n FROM alert_subscriptions WHERE id = ?",
                    subscriptionB).get(0).get("n")).isEqualTo(1L);
            assertThat(TenantRows.query(db, adminB.orgId(), "SELECT count(*) AS n FROM alert_rules").get(0).get("n"))
                    .isEqualTo(0L);
            assertThat(db.query("SELECT count(*) AS n FROM api_credentials WHERE id = ?", connectionB).get(0)
                    .get("n")).isEqualTo(1L);
            assertThat(db.query("SELECT count(*) AS n FROM sync_runs WHERE connection_id = ?", connectionB).get(0)
                    .get("n")).isEqualTo(1L);
            JsonNode bBrain = Caller.key("b", keyB).get(http, "/api/v1/brain").json();
            assertThat(bBrain.path("summary").asText()).isEqualTo("Secret B summary");
        }

        @Test
        void theApplicationRoleSeesAndWritesOnlyTheOrganizationItSet() throws SQLException {
            UUID a = adminA.orgId();
            UUID b = adminB.orgId();
            try (Connection c = db.appConnection()) {
                c.setAutoCommit(false);
                // without an organization: nothing at all
                for (String table : List.of("memberships", "sessions", "invites", "users", "api_keys",
                        "organizations")) {
                    assertThat(count(c, "SELECT count(*) FROM " + table)).as(table).isZero();
                }
                setOrg(c, a);
                for (String table : List.of("memberships", "sessions", "invites", "api_keys")) {
                    assertThat(count(c, "SELECT count(*) FROM " + table + " WHERE organization_id = '" + b + "'"))
                            .as(table).isZero();
                    assertThat(count(c, "SELECT count(*) FROM " + table)).as(table).isPositive();
                }
                assertThat(count(c, "SELECT count(*) FROM users WHERE email LIKE '%@b.example'")).isZero();
                assertThat(count(c, "SELECT count(*) FROM organizations")).isEqualTo(1);
                for (String table : List.of("alerts", "alert_subscriptions", "alert_rules", "brain_states", "actions",
                        "api_credentials", "sync_runs")) {
                    assertThat(count(c, "SELECT count(*) FROM " + table + " WHERE organization_id = '" + b + "'"))
                            .as(table).isZero();
                }
                // writes into B are refused by the policy, updates of B's rows touch nothing
                assertThat(update(c, "UPDATE memberships SET role = 'viewer' WHERE organization_id = '" + b + "'"))
                        .isZero();
                assertThat(update(c, "DELETE FROM sessions WHERE organization_id = '" + b + "'")).isZero();
                c.commit();
                assertRefused(c, "INSERT INTO memberships (organization_id, user_id, role) VALUES ('" + b + "', '"
                        + adminA.userId() + "', 'admin')");
                setOrg(c, a);
                assertRefused(c, "INSERT INTO invites (organization_id, email, role, token_hash, expires_at) VALUES ('"
                        + b + "', 'x@x.example', 'admin', 'h', now() + interval '1 day')");
                setOrg(c, a);
                assertRefused(c, "INSERT INTO sessions (organization_id, user_id, token_hash, expires_at) VALUES ('"
                        + b + "', '" + adminA.userId() + "', 'h2', now() + interval '1 day')");
                setOrg(c, a);
                assertRefused(c, "UPDATE memberships SET organization_id = '" + b + "' WHERE user_id = '"
                        + memberA.userId() + "'");
            }
            assertThat(db.query("SELECT count(*) AS n FROM memberships WHERE organization_id = ? AND user_id = ?",
                    b, adminA.userId()).get(0).get("n")).isEqualTo(0L);
        }

        private void setOrg(Connection c, UUID org) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('omnify.org_id', ?, true)")) {
                ps.setString(1, org.toString());
                ps.executeQuery().close();
            }
        }

        private long count(Connection c, String sql) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        private int update(Connection c, String sql) throws SQLException {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate(sql);
            }
        }

        private void assertRefused(Connection c, String sql) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.executeUpdate(sql);
                throw new AssertionError("the policy let this through: " + sql);
            } catch (SQLException e) {
                assertThat(e.getMessage()).contains("row-level security");
            } finally {
                c.rollback();
            }
        }
    }
}
