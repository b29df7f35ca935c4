package ai.omnify.api.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Finds a live (not revoked) session by the hash of its token, with the role its user has in its organization. */
@FunctionalInterface
public interface SessionLookup {
    record Session(UUID sessionId, UUID userId, UUID orgId, Role role, Instant expiresAt) {}

    Optional<Session> find(String tokenHash);
}
