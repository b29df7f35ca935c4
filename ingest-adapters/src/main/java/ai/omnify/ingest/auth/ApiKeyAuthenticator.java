package ai.omnify.ingest.auth;

import java.util.Optional;

/** Turns an API key into its principal. */
public interface ApiKeyAuthenticator extends AutoCloseable {

    /**
     * The principal of a live key; empty when the key is unknown or revoked.
     *
     * @throws AuthUnavailableException when the key store cannot be asked right now
     */
    Optional<ApiPrincipal> authenticate(String apiKey);

    /** Whether the key store answers (for {@code /health}). */
    default boolean isReachable() {
        return true;
    }

    @Override
    default void close() {}
}
