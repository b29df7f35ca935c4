package ai.omnify.api.auth;

import ai.omnify.server.auth.ApiKeyAuthenticator;
import java.util.List;
import java.util.Optional;

/**
 * Turns credentials into a principal: empty when they prove nothing (absent, unknown, revoked). Implementations know
 * nothing of HTTP. Several can be chained (API keys, sessions): the first that recognizes the caller wins.
 */
@FunctionalInterface
public interface Authenticator {
    Optional<Principal> authenticate(Credentials credentials);

    /** Callers with an API key as their bearer token. */
    static Authenticator apiKeys(ApiKeyAuthenticator keys) {
        return credentials -> credentials.bearerToken() == null ? Optional.empty()
                : keys.authenticate(credentials.bearerToken())
                        .map(k -> new Principal(k.orgId(), k.scopes(), Principal.Method.API_KEY, k.keyId()));
    }

    static Authenticator chain(List<Authenticator> authenticators) {
        List<Authenticator> all = List.copyOf(authenticators);
        return credentials -> {
            for (Authenticator a : all) {
                Optional<Principal> p = a.authenticate(credentials);
                if (p.isPresent()) {
                    return p;
                }
            }
            return Optional.empty();
        };
    }
}
