package ai.omnify.ingest.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Keys known to a test, with their organization and scopes. */
public final class FakeAuthenticator implements ApiKeyAuthenticator {
    private final Map<String, ApiPrincipal> keys = new HashMap<>();
    private volatile boolean reachable = true;

    public FakeAuthenticator add(String key, UUID orgId, String... scopes) {
        keys.put(key, new ApiPrincipal(UUID.randomUUID(), orgId, Set.of(scopes)));
        return this;
    }

    public void setReachable(boolean reachable) {
        this.reachable = reachable;
    }

    @Override
    public Optional<ApiPrincipal> authenticate(String apiKey) {
        return Optional.ofNullable(keys.get(apiKey));
    }

    @Override
    public boolean isReachable() {
        return reachable;
    }
}
