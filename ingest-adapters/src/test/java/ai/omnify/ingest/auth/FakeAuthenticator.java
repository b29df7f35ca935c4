package ai.omnify.ingest.auth;

import ai.omnify.server.auth.ApiKeyAuthenticator;
import ai.omnify.server.auth.ApiPrincipal;
import ai.omnify.server.auth.Scope;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Keys known to a test, with their organization and scopes. */
public final class FakeAuthenticator implements ApiKeyAuthenticator {
    private final Map<String, ApiPrincipal> keys = new HashMap<>();
    private volatile boolean reachable = true;

    public FakeAuthenticator add(String key, UUID orgId, String... scopes) {
        keys.put(key, new ApiPrincipal(UUID.randomUUID(), orgId, Arrays.stream(scopes)
                .map(s -> Scope.parse(s).orElseThrow()).collect(Collectors.toSet())));
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
