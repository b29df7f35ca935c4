package ai.omnify.api.auth;

import java.time.Clock;
import java.util.Optional;

/**
 * Authenticates the session cookie. Not cached: a logout, a revoked session, a removed member or a changed role takes
 * effect on the next request. An expired session proves nothing.
 */
public final class SessionAuthenticator implements Authenticator {
    private final SessionLookup lookup;
    private final Clock clock;

    public SessionAuthenticator(SessionLookup lookup, Clock clock) {
        this.lookup = lookup;
        this.clock = clock;
    }

    @Override
    public Optional<Principal> authenticate(Credentials credentials) {
        String token = credentials.sessionToken();
        if (!SessionTokens.looksValid(token, SessionTokens.SESSION_PREFIX)) {
            return Optional.empty();
        }
        return lookup.find(SessionTokens.hash(token))
                .filter(s -> s.expiresAt().isAfter(clock.instant()))
                .map(s -> new Principal(s.orgId(), s.role().scopes(), Principal.Method.SESSION, s.userId()));
    }
}
