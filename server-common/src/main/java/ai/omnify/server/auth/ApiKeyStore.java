package ai.omnify.server.auth;

import java.util.Optional;

/** Where API keys live, by SHA-256 hash ({@link ApiKeys#hash}). */
public interface ApiKeyStore {

    /**
     * The live (not revoked) key with this hash.
     *
     * @throws ai.omnify.server.db.DataAccessException when the store does not answer
     */
    Optional<ApiPrincipal> find(String keyHash);

    /** Records that the key was used now. Best effort: failures are the store's to log. */
    void recordUse(ApiPrincipal principal);

    boolean isReachable();
}
