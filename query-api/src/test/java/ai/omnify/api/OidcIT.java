package ai.omnify.api;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.model.Json;
import ai.omnify.testing.StackExtension;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sign-in with an OpenID Connect provider, against a fake issuer over real HTTP on loopback built from the protocol's
 * documents (discovery, JWKS, token endpoint checking the client secret and PKCE, RS256 ID tokens).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcIT {
    @RegisterExtension
    static final StackExtension STACK = StackExtension.database();

    /** What the fake issuer answers for a code. */
    record Grant(JWTClaimsSet claims, String challenge, RSAKey signWith) {}

    ai.omnify.testing.TestDatabase db;
    QueryApiServer server;
    Javalin issuer;
    String issuerUrl;
    TestHttp http;
    RSAKey key;
    RSAKey attackerKey;
    final Map<String, Grant> codes = new ConcurrentHashMap<>();
    final String clientId = "omnify-test-client";
    final String clientSecret = "s3cret-of-the-client";

    @BeforeAll
    void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        attackerKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        issuer = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/.well-known/openid-configuration", ctx -> ctx.contentType("application/json").result(
                    Json.mapper().writeValueAsString(Map.of("issuer", issuerUrl,
                            "authorization_endpoint", issuerUrl + "/authorize", "token_endpoint", issuerUrl + "/token",
                            "jwks_uri", issuerUrl + "/jwks"))));
            cfg.routes.get("/jwks", ctx -> ctx.contentType("application/json")
                    .result(new JWKSet(key.toPublicJWK()).toString()));
            cfg.routes.post("/token", ctx -> {
                Grant g = codes.remove(ctx.formParam("code"));
                String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest
                        .getInstance("SHA-256").digest(String.valueOf(ctx.formParam("code_verifier"))
                                .getBytes(StandardCharsets.US_ASCII)));
                if (g == null || !clientSecret.equals(ctx.formParam("client_secret"))
                        || !clientId.equals(ctx.formParam("client_id")) || !g.challenge().equals(challenge)
                        || !"authorization_code".equals(ctx.formParam("grant_type"))) {
                    ctx.status(400).contentType("application/json").result("{\"error\":\"invalid_grant\"}");
                    return;
                }
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                        g.claims());
                jwt.sign(new RSASSASigner(g.signWith()));
                ctx.contentType("application/json").result(Json.mapper().writeValueAsString(Map.of(
                        "access_token", "at", "token_type", "Bearer", "expires_in", 3600, "id_token", jwt.serialize())));
            });
        }).start("127.0.0.1", 0);
        issuerUrl = "http://127.0.0.1:" + issuer.port();

        db = STACK.db();
        Map<String, String> env = STACK.serviceEnv();
        env.put("QUERY_API_PORT", "0");
        env.put("QUERY_API_HOST", "127.0.0.1");
        env.put("QUERY_API_DB_POOL_SIZE", "2");
        env.put("QUERY_API_PUBLIC_URL", "http://omnify.test");
        env.put("OIDC_ISSUER", issuerUrl);
        env.put("OIDC_CLIENT_ID", clientId);
        env.put("OIDC_CLIENT_SECRET", clientSecret);
        server = QueryApiServer.start(QueryApiConfig.fromEnv(env), env);
        http = new TestHttp(server.port());
        new TestAccounts(http).signupAdmin("ada@a.example", "Brand A");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (issuer != null) {
            issuer.stop();
        }
    }

    /** The sign-in's start: the authorization URL's parameters and the state cookie. */
    Map<String, String> begin() {
        TestHttp.Response r = http.get("/api/v1/auth/oidc/start");
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        URI location = URI.create(r.headers().firstValue("location").orElseThrow());
        assertThat(location.toString()).startsWith(issuerUrl + "/authorize?");
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        String cookie = r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("omnify_oidc="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Lax");
        q.put("cookie", cookie.substring("omnify_oidc=".length(), cookie.indexOf(';')));
        return q;
    }

    JWTClaimsSet claims(String email, Object emailVerified, String nonce) {
        return new JWTClaimsSet.Builder().issuer(issuerUrl).audience(clientId).subject("google-123")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("email", email).claim("email_verified", emailVerified).claim("nonce", nonce).build();
    }

    TestHttp.Response callback(String code, String state, String cookieState) {
        return http.send("GET", "/api/v1/auth/oidc/callback?code=" + code + "&state=" + state,
                cookieState == null ? Map.of() : Map.of("Cookie", "omnify_oidc=" + cookieState), null);
    }

    @Test
    void aVerifiedEmailOfAnAccountSignsIn() {
        Map<String, String> q = begin();
        assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", clientId)
                .containsEntry("code_challenge_method", "S256").containsEntry("scope", "openid email")
                .containsEntry("redirect_uri", "http://omnify.test/api/v1/auth/oidc/callback");
        codes.put("good", new Grant(claims("ADA@a.example", true, q.get("nonce")), q.get("code_challenge"), key));
        TestHttp.Response r = callback("good", q.get("state"), q.get("cookie"));
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.headers().firstValue("location")).hasValue("/app/");
        String session = TestAccounts.sessionCookie(r);
        TestHttp.Response me = Caller.session("oidc", session, null).get(http, "/api/v1/me");
        assertThat(me.json().at("/user/email").asText()).isEqualTo("ada@a.example");
        assertThat(me.json().get("role").asText()).isEqualTo("admin");
        // the state is used once
        assertThat(callback("good", q.get("state"), q.get("cookie")).headers().firstValue("location"))
                .hasValue("/app/#signin_error=state");
    }

    @Test
    void everyForgeryIsRefused() {
        Map<String, String> q = begin();
        codes.put("c1", new Grant(claims("ada@a.example", true, q.get("nonce")), q.get("code_challenge"), key));
        // no state cookie: a login started by someone else's browser
        assertThat(callback("c1", q.get("state"), null).headers().firstValue("location"))
                .hasValue("/app/#signin_error=state");

        Map<String, String> q2 = begin();
        codes.put("c2", new Grant(claims("ada@a.example", true, q2.get("nonce")), q2.get("code_challenge"),
                attackerKey));
        assertThat(callback("c2", q2.get("state"), q2.get("cookie")).headers().firstValue("location"))
                .hasValue("/app/#signin_error=invalid");

        Map<String, String> q3 = begin();
        codes.put("c3", new Grant(claims("ada@a.example", true, "another nonce"), q3.get("code_challenge"), key));
        assertThat(callback("c3", q3.get("state"), q3.get("cookie")).headers().firstValue("location"))
                .hasValue("/app/#signin_error=invalid");

        Map<String, String> q4 = begin();
        codes.put("c4", new Grant(claims("ada@a.example", false, q4.get("nonce")), q4.get("code_challenge"), key));
        assertThat(callback("c4", q4.get("state"), q4.get("cookie")).headers().firstValue("location"))
                .hasValue("/app/#signin_error=unverified_email");

        Map<String, String> q5 = begin();
        codes.put("c5", new Grant(claims("stranger@x.example", true, q5.get("nonce")), q5.get("code_challenge"), key));
        TestHttp.Response r5 = callback("c5", q5.get("state"), q5.get("cookie"));
        assertThat(r5.headers().firstValue("location")).hasValue("/app/#signin_error=no_account");
        assertThat(r5.headers().allValues("set-cookie")).noneMatch(c -> c.startsWith("omnify_session="));

        Map<String, String> q6 = begin(); // a code for another PKCE challenge: the token endpoint refuses it
        codes.put("c6", new Grant(claims("ada@a.example", true, q6.get("nonce")), "not-the-challenge", key));
        assertThat(callback("c6", q6.get("state"), q6.get("cookie")).headers().firstValue("location"))
                .hasValue("/app/#signin_error=invalid");
    }

    @Test
    void theDashboardLearnsWhichSignInsThereAre() {
        assertThat(http.get("/api/v1/auth/providers").body()).isEqualTo("{\"password\":true,\"oidc\":true}");
    }
}
