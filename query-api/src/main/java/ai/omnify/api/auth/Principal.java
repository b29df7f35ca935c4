package ai.omnify.api.auth;

import ai.omnify.server.auth.Scope;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: the organization every query of the request is scoped to, what it may do, and how it proved it.
 *
 * @param orgId the caller's organization: the only tenant the request can see
 * @param scopes granted scopes; a scope is never implied by another
 * @param method how the caller authenticated
 * @param subjectId the API key id (later: the user id of a session)
 */
public record Principal(UUID orgId, Set<Scope> scopes, Method method, UUID subjectId) {
    public enum Method { API_KEY, SESSION }

    public Principal {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(method, "method");
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }
}
