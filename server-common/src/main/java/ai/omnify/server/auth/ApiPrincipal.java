package ai.omnify.server.auth;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Who is calling with an API key: the key (by id, never the key itself), its organization and its scopes. */
public record ApiPrincipal(UUID keyId, UUID orgId, Set<Scope> scopes) {

    public ApiPrincipal {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(orgId, "orgId");
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }
}
