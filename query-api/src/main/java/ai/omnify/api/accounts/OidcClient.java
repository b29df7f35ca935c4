package ai.omnify.api.accounts;

import ai.omnify.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * The OpenID Connect authorization code flow with PKCE against one issuer: discovery, the authorization URL, the code
 * exchange (client secret), and the ID token's verification (signature by the issuer's published keys, issuer,
 * audience, expiry, nonce) with Nimbus JOSE+JWT. Every call has a timeout.
 */
public final class OidcClient {
    /** A verified sign-in: who the provider says it is. */
    public record Identity(String subject, String email, boolean emailVerified) {}

    private record Metadata(String authorizationEndpoint, String tokenEndpoint, DefaultJWTProcessor<SecurityContext> jwt) {}

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final OidcConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile Metadata metadata;

    public OidcClient(OidcConfig config) {
        this.config = config;
    }

    public String authorizationUrl(String redirectUri, String state, String nonce, String codeChallenge) {
        return metadata().authorizationEndpoint() + (metadata().authorizationEndpoint().contains("?") ? "&" : "?")
                + "response_type=code&scope=" + enc("openid email") + "&client_id=" + enc(config.clientId())
                + "&redirect_uri=" + enc(redirectUri) + "&state=" + enc(state) + "&nonce=" + enc(nonce)
                + "&code_challenge=" + enc(codeChallenge) + "&code_challenge_method=S256";
    }

    /** Exchanges the code for tokens and verifies the ID token; an exception naming the problem when anything fails. */
    public Identity signIn(String code, String codeVerifier, String redirectUri, String expectedNonce) {
        Metadata m = metadata();
        String form = "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(redirectUri)
                + "&client_id=" + enc(config.clientId()) + "&client_secret=" + enc(config.clientSecret())
                + "&code_verifier=" + enc(codeVerifier);
        JsonNode tokens = send(HttpRequest.newBuilder(URI.create(m.tokenEndpoint())).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), "token exchange");
        String idToken = tokens.path("id_token").asText(null);
        if (idToken == null) {
            throw new IllegalStateException("the token answer has no id_token");
        }
        JWTClaimsSet claims;
        try {
            claims = m.jwt().process(idToken, null);
        } catch (Exception e) {
            throw new IllegalStateException("the ID token is not valid: " + e.getMessage());
        }
        Object nonce = claims.getClaim("nonce");
        if (!expectedNonce.equals(nonce)) {
            throw new IllegalStateException("the ID token's nonce does not match this sign-in");
        }
        Object verified = claims.getClaim("email_verified");
        String email = (String) claims.getClaim("email");
        return new Identity(claims.getSubject(), email,
                Boolean.TRUE.equals(verified) || "true".equals(String.valueOf(verified)));
    }

    private Metadata metadata() {
        Metadata m = metadata;
        if (m == null) {
            synchronized (this) {
                if (metadata == null) {
                    metadata = discover();
                }
                m = metadata;
            }
        }
        return m;
    }

    private Metadata discover() {
        JsonNode d = send(HttpRequest.newBuilder(URI.create(config.issuer() + "/.well-known/openid-configuration"))
                .timeout(TIMEOUT).header("Accept", "application/json").GET().build(), "discovery");
        if (!config.issuer().equals(d.path("issuer").asText())) {
            throw new IllegalStateException("the provider's discovery document names issuer '"
                    + d.path("issuer").asText() + "', not OIDC_ISSUER '" + config.issuer() + "'");
        }
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(d.path("jwks_uri").asText()).toURL())
                    .build();
            DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
            jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
            jwt.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(config.clientId(),
                    new JWTClaimsSet.Builder().issuer(config.issuer()).build(), Set.of("sub", "exp", "iat", "email")));
            return new Metadata(d.path("authorization_endpoint").asText(), d.path("token_endpoint").asText(), jwt);
        } catch (IOException e) {
            throw new IllegalStateException("the provider's jwks_uri is not a URL: " + e.getMessage());
        }
    }

    private JsonNode send(HttpRequest request, String what) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("the provider's " + what + " answered HTTP " + r.statusCode());
            }
            return Json.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("the provider's " + what + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
