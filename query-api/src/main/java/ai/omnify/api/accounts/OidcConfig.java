package ai.omnify.api.accounts;

import ai.omnify.config.Env;
import java.util.Map;

/**
 * Sign-in through an OpenID Connect provider (Google by default), off unless {@code OIDC_ISSUER} is set:
 * {@code OIDC_ISSUER} (e.g. https://accounts.google.com), {@code OIDC_CLIENT_ID}, {@code OIDC_CLIENT_SECRET}, and the
 * redirect URI {@code QUERY_API_PUBLIC_URL + /api/v1/auth/oidc/callback} registered with the provider.
 */
public record OidcConfig(String issuer, String clientId, String clientSecret) {
    public static final OidcConfig OFF = new OidcConfig(null, null, null);

    public OidcConfig {
        if (issuer != null && (clientId == null || clientSecret == null)) {
            throw new Env.ConfigException("OIDC_ISSUER is set: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are needed too "
                    + "(the OAuth client of this application at the provider)");
        }
    }

    public boolean enabled() {
        return issuer != null;
    }

    public static OidcConfig fromEnv(Map<String, String> vars) {
        String issuer = blankToNull(vars.get("OIDC_ISSUER"));
        if (issuer == null) {
            return OFF;
        }
        return new OidcConfig(issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer,
                blankToNull(vars.get("OIDC_CLIENT_ID")), blankToNull(vars.get("OIDC_CLIENT_SECRET")));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
