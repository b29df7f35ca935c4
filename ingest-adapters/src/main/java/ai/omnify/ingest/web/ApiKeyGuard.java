package ai.omnify.ingest.web;

import ai.omnify.ingest.auth.ApiKeyAuthenticator;
import ai.omnify.ingest.auth.ApiPrincipal;
import ai.omnify.server.auth.ApiKeys;
import java.util.Locale;

/**
 * Checks {@code Authorization: Bearer <api key>}: 401 when it is missing, malformed, unknown or revoked; 403 when the
 * key lacks the scope. Never puts the key in a message or a log.
 */
public final class ApiKeyGuard {
    private final ApiKeyAuthenticator authenticator;

    public ApiKeyGuard(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    public ApiPrincipal require(String authorization, String scope) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthorized("missing API key: send the header 'Authorization: Bearer <api key>'");
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            throw ApiException.unauthorized("malformed Authorization header: send 'Authorization: Bearer <api key>'");
        }
        String key = value.substring(space + 1).strip();
        if (!ApiKeys.looksValid(key)) {
            throw ApiException.unauthorized("malformed API key: keys look like omk_ followed by 32 letters and digits");
        }
        ApiPrincipal principal = authenticator.authenticate(key)
                .orElseThrow(() -> ApiException.unauthorized("unknown or revoked API key"));
        if (!principal.hasScope(scope)) {
            throw ApiException.forbidden("this API key lacks the '" + scope + "' scope");
        }
        return principal;
    }
}
