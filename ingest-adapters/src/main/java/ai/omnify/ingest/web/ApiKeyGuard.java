package ai.omnify.ingest.web;

import ai.omnify.server.auth.ApiKeyAuthenticator;
import ai.omnify.server.auth.ApiKeys;
import ai.omnify.server.auth.ApiPrincipal;
import ai.omnify.server.auth.BearerToken;
import ai.omnify.server.auth.Scope;
import ai.omnify.server.db.DataAccessException;
import ai.omnify.server.http.ApiException;
import java.util.Map;

/**
 * Checks {@code Authorization: Bearer <api key>}: 401 when it is missing, malformed, unknown or revoked; 403 when the
 * key lacks the scope; 503 when the key store cannot be asked. Never puts the key in a message or a log.
 */
public final class ApiKeyGuard {
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"omnify\"");
    private final ApiKeyAuthenticator authenticator;

    public ApiKeyGuard(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    public ApiPrincipal require(String authorization, Scope scope) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("missing API key: send the header 'Authorization: Bearer <api key>'");
        }
        String key = BearerToken.from(authorization).orElseThrow(() ->
                unauthorized("malformed Authorization header: send 'Authorization: Bearer <api key>'"));
        if (!ApiKeys.looksValid(key)) {
            throw unauthorized("malformed API key: keys look like omk_ followed by 32 letters and digits");
        }
        ApiPrincipal principal;
        try {
            principal = authenticator.authenticate(key)
                    .orElseThrow(() -> unauthorized("unknown or revoked API key"));
        } catch (DataAccessException e) {
            throw new ApiException(503, "auth_unavailable", "the API key cannot be checked right now; retry the request");
        }
        if (!principal.has(scope)) {
            throw ApiException.forbidden("this API key lacks the '" + scope.wire() + "' scope");
        }
        return principal;
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, CHALLENGE);
    }
}
