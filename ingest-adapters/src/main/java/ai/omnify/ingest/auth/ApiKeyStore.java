package ai.omnify.ingest.auth;

import java.util.Optional;

/** Where API keys live, by SHA-256 hash ({@link ai.omnify.server.auth.ApiKeys#hash}). */
public interface ApiKeyStore {

    /**
     * The live (not revoked) key with this hash.
     *
     * @throws AuthUnavailableException when the store does not answer
     */
    Optional<ApiPrincipal> findByHash(String keyHash);

    /** Records that the key was used now. Best effort: failures are the store's to log. */
    void touch(ApiPrincipal principal);

    boolean isReachable();
}
