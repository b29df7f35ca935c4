package ai.omnify.api.accounts;

import ai.omnify.api.auth.SessionCookies;
import ai.omnify.server.http.ApiException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/auth/oidc/start} and {@code /callback}: sign-in with an OpenID Connect provider for people who
 * already have an account (or an invite they signed up with). The browser carries the flow's state in an HttpOnly
 * cookie; the nonce and the PKCE verifier stay on the server for 10 minutes, used once. Outcomes are redirects to the
 * dashboard ({@code /app/}, or {@code /app/#signin_error=...}).
 */
public final class OidcController {
    private static final Logger LOG = LoggerFactory.getLogger(OidcController.class);
    static final String STATE_COOKIE = "omnify_oidc";
    private static final Duration FLOW_TTL = Duration.ofMinutes(10);
    private static final int MAX_PENDING = 10_000;

    private record Pending(String nonce, String verifier, Instant expiresAt) {}

    private final OidcClient client;
    private final AccountService accounts;
    private final SessionCookies cookies;
    private final AccountsConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    public OidcController(OidcClient client, AccountService accounts, SessionCookies cookies, AccountsConfig config,
            Clock clock) {
        this.client = client;
        this.accounts = accounts;
        this.cookies = cookies;
        this.config = config;
        this.clock = clock;
    }

    String redirectUri() {
        return config.publicUrl() + "/api/v1/auth/oidc/callback";
    }

    public void start(Context ctx) {
        Instant now = clock.instant();
        if (pending.size() >= MAX_PENDING) {
            pending.values().removeIf(p -> p.expiresAt().isBefore(now));
            if (pending.size() >= MAX_PENDING) {
                throw new ApiException(503, "busy", "too many sign-ins in progress; try again shortly");
            }
        }
        String state = randomToken();
        String nonce = randomToken();
        String verifier = randomToken();
        String url;
        try {
            url = client.authorizationUrl(redirectUri(), state, nonce, challenge(verifier));
        } catch (RuntimeException e) {
            LOG.warn("OpenID Connect provider unavailable: {}", e.getMessage());
            throw new ApiException(502, "provider_unavailable", "the sign-in provider cannot be reached; try again "
                    + "later or log in with your password");
        }
        pending.put(state, new Pending(nonce, verifier, now.plus(FLOW_TTL)));
        ctx.res().addHeader("Set-Cookie", STATE_COOKIE + "=" + state + "; Path=/api/v1/auth/oidc; Max-Age="
                + FLOW_TTL.toSeconds() + "; SameSite=Lax; HttpOnly" + (config.cookieSecure() ? "; Secure" : ""));
        ctx.header("Cache-Control", "no-store");
        ctx.redirect(url, io.javalin.http.HttpStatus.FOUND);
    }

    public void callback(Context ctx) {
        ctx.res().addHeader("Set-Cookie", STATE_COOKIE + "=; Path=/api/v1/auth/oidc; Max-Age=0; SameSite=Lax; HttpOnly"
                + (config.cookieSecure() ? "; Secure" : ""));
        ctx.header("Cache-Control", "no-store");
        String state = ctx.queryParam("state");
        String cookieState = ctx.cookie(STATE_COOKIE);
        Pending flow = state == null ? null : pending.remove(state);
        if (flow == null || cookieState == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                cookieState.getBytes(StandardCharsets.UTF_8)) || flow.expiresAt().isBefore(clock.instant())) {
            fail(ctx, "state", "unknown, expired or foreign sign-in state");
            return;
        }
        if (ctx.queryParam("error") != null || ctx.queryParam("code") == null) {
            fail(ctx, "denied", "the provider answered without a code");
            return;
        }
        OidcClient.Identity identity;
        try {
            identity = client.signIn(ctx.queryParam("code"), flow.verifier(), redirectUri(), flow.nonce());
        } catch (RuntimeException e) {
            fail(ctx, "invalid", e.getMessage());
            return;
        }
        if (identity.email() == null || !identity.emailVerified()) {
            fail(ctx, "unverified_email", "the provider did not vouch for an email address");
            return;
        }
        Optional<AccountService.SessionGrant> grant = accounts.loginVerified(identity.email());
        if (grant.isEmpty()) {
            fail(ctx, "no_account", "no account with the provider's email");
            return;
        }
        cookies.set(ctx, grant.get().token(), config.sessionTtl());
        ctx.redirect("/app/", io.javalin.http.HttpStatus.FOUND);
    }

    private static void fail(Context ctx, String code, String reason) {
        LOG.info("OpenID Connect sign-in refused: {} ({})", code, reason);
        ctx.redirect("/app/#signin_error=" + code, io.javalin.http.HttpStatus.FOUND);
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
