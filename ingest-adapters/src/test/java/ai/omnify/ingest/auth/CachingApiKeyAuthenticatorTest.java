package ai.omnify.ingest.auth;

import ai.omnify.testing.SettableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.server.auth.ApiKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CachingApiKeyAuthenticatorTest {
    final String key = ApiKeys.generate();
    final ApiPrincipal principal = new ApiPrincipal(UUID.randomUUID(), UUID.randomUUID(), Set.of("ingest"));
    final SettableClock clock = new SettableClock(Instant.parse("2026-11-25T12:00:00Z"));
    final CountingStore store = new CountingStore();
    final CachingApiKeyAuthenticator auth = new CachingApiKeyAuthenticator(store, clock, Duration.ofSeconds(30), Runnable::run);

    @Test
    void aKnownKeyIsLookedUpOncePerTtlByHash() {
        store.keys.put(ApiKeys.hash(key), principal);
        assertThat(auth.authenticate(key)).contains(principal);
        clock.advance(Duration.ofSeconds(29));
        assertThat(auth.authenticate(key)).contains(principal);
        assertThat(store.lookups).containsExactly(ApiKeys.hash(key));
        clock.advance(Duration.ofSeconds(2));
        assertThat(auth.authenticate(key)).contains(principal);
        assertThat(store.lookups).hasSize(2);
    }

    @Test
    void anUnknownKeyIsRememberedAsUnknown() {
        assertThat(auth.authenticate(key)).isEmpty();
        assertThat(auth.authenticate(key)).isEmpty();
        assertThat(store.lookups).hasSize(1);
        store.keys.put(ApiKeys.hash(key), principal);
        clock.advance(Duration.ofSeconds(31));
        assertThat(auth.authenticate(key)).contains(principal);
    }

    @Test
    void malformedKeysNeverReachTheStore() {
        assertThat(auth.authenticate("omk_short")).isEmpty();
        assertThat(auth.authenticate(null)).isEmpty();
        assertThat(store.lookups).isEmpty();
    }

    @Test
    void useIsRecordedAtMostOnceAMinute() {
        store.keys.put(ApiKeys.hash(key), principal);
        auth.authenticate(key);
        clock.advance(Duration.ofSeconds(40));
        auth.authenticate(key);
        assertThat(store.touches).hasSize(1);
        clock.advance(Duration.ofSeconds(21));
        auth.authenticate(key);
        assertThat(store.touches).hasSize(2);
    }

    @Test
    void storeFailuresAreNotCached() {
        store.down = true;
        assertThatThrownBy(() -> auth.authenticate(key)).isInstanceOf(AuthUnavailableException.class);
        store.down = false;
        store.keys.put(ApiKeys.hash(key), principal);
        assertThat(auth.authenticate(key)).contains(principal);
    }

    @Test
    void zeroTtlAsksEveryTime() {
        CachingApiKeyAuthenticator uncached = new CachingApiKeyAuthenticator(store, clock, Duration.ZERO, Runnable::run);
        uncached.authenticate(key);
        uncached.authenticate(key);
        assertThat(store.lookups).hasSize(2);
    }

    static final class CountingStore implements ApiKeyStore {
        final Map<String, ApiPrincipal> keys = new HashMap<>();
        final List<String> lookups = new ArrayList<>();
        final List<ApiPrincipal> touches = new ArrayList<>();
        boolean down;

        @Override
        public Optional<ApiPrincipal> findByHash(String keyHash) {
            if (down) {
                throw new AuthUnavailableException("down", null);
            }
            lookups.add(keyHash);
            return Optional.ofNullable(keys.get(keyHash));
        }

        @Override
        public void touch(ApiPrincipal p) {
            touches.add(p);
        }

        @Override
        public boolean isReachable() {
            return !down;
        }
    }
}
