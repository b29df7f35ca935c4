package ai.omnify.server.auth;

import java.util.Optional;

/** Turns an API key ({@code omk_...}) into its principal. */
@FunctionalInterface
public interface ApiKeyAuthenticator extends AutoCloseable {

    /**
     * The principal of a live key; empty when the key is malformed, unknown or revoked.
     *
     * @throws ai.omnify.server.db.DataAccessException when the key store cannot be asked right now
     */
    Optional<ApiPrincipal> authenticate(String apiKey);

    /** Whether the key store answers (for {@code /health}). */
    default boolean isReachable() {
        return true;
    }

    @Override
    default void close() {}
}
