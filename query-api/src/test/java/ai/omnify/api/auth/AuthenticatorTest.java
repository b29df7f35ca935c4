package ai.omnify.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.server.auth.ApiKeyStore;
import ai.omnify.server.auth.ApiKeys;
import ai.omnify.server.auth.ApiPrincipal;
import ai.omnify.server.auth.CachingApiKeyAuthenticator;
import ai.omnify.server.auth.Scope;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** API keys as the query API's callers: the key's organization and scopes, authenticated by API key. */
class AuthenticatorTest {
    private final AtomicInteger lookups = new AtomicInteger();
    private final Map<String, ApiPrincipal> keys = new HashMap<>();
    private final ApiKeyStore store = new ApiKeyStore() {
        @Override
        public Optional<ApiPrincipal> find(String keyHash) {
            lookups.incrementAndGet();
            return Optional.ofNullable(keys.get(keyHash));
        }

        @Override
        public void recordUse(ApiPrincipal principal) {}

        @Override
        public boolean isReachable() {
            return true;
        }
    };
    private final Authenticator auth = Authenticator.apiKeys(
            new CachingApiKeyAuthenticator(store, Clock.systemUTC(), Duration.ofSeconds(30), Runnable::run));

    private String addKey(UUID org, Scope... scopes) {
        String key = ApiKeys.generate();
        keys.put(ApiKeys.hash(key), new ApiPrincipal(UUID.randomUUID(), org,
                scopes.length == 0 ? EnumSet.noneOf(Scope.class) : EnumSet.of(scopes[0], scopes)));
        return key;
    }

    @Test
    void aKnownKeyGivesItsOrganizationAndScopes() {
        UUID org = UUID.randomUUID();
        String key = addKey(org, Scope.READ, Scope.INGEST);
        Principal p = auth.authenticate(new Credentials(key)).orElseThrow();
        assertThat(p.orgId()).isEqualTo(org);
        assertThat(p.scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.INGEST);
        assertThat(p.method()).isEqualTo(Principal.Method.API_KEY);
        assertThat(p.subjectId()).isEqualTo(keys.get(ApiKeys.hash(key)).keyId());
        assertThat(p.has(Scope.ADMIN)).isFalse();
    }

    @Test
    void tokensThatCannotBeKeysAreNotLookedUp() {
        assertThat(auth.authenticate(Credentials.NONE)).isEmpty();
        assertThat(auth.authenticate(new Credentials(null, "a-session-token"))).isEmpty();
        assertThat(auth.authenticate(new Credentials("hunter2"))).isEmpty();
        assertThat(auth.authenticate(new Credentials("omk_" + "!".repeat(32)))).isEmpty();
        assertThat(lookups).hasValue(0);
    }

    @Test
    void theFirstAuthenticatorThatKnowsTheCallerWins() {
        UUID org = UUID.randomUUID();
        String key = addKey(org, Scope.READ);
        Principal session = new Principal(UUID.randomUUID(), EnumSet.of(Scope.READ), Principal.Method.SESSION, null);
        Authenticator chain = Authenticator.chain(List.of(auth, c -> Optional.of(session)));
        assertThat(chain.authenticate(new Credentials(key)).orElseThrow().orgId()).isEqualTo(org);
        assertThat(chain.authenticate(Credentials.NONE)).contains(session);
    }
}
