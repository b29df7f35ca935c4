package ai.omnify.ingest.auth;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Who is calling: the API key (by id, never the key itself), its organization and its scopes. */
public record ApiPrincipal(UUID keyId, UUID orgId, Set<String> scopes) {
    public static final String SCOPE_INGEST = "ingest";

    public ApiPrincipal {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(orgId, "orgId");
        scopes = Set.copyOf(scopes);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
