package ai.omnify.api.auth;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Finds a live (not revoked) API key by the SHA-256 hex of the key. */
@FunctionalInterface
public interface ApiKeyLookup {
    record ApiKey(UUID keyId, UUID orgId, Set<Scope> scopes) {}

    Optional<ApiKey> find(String keyHash);
}
