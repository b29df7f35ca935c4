package ai.omnify.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.server.db.DataAccessException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CachingApiKeyAuthenticatorTest {
    final String key = ApiKeys.generate();
    final ApiPrincipal principal = new ApiPrincipal(UUID.randomUUID(), UUID.randomUUID(), Set.of(Scope.INGEST));
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T12:00:00Z"));
    final CountingStore store = new CountingStore();
    final CachingApiKeyAuthenticator auth =
            new CachingApiKeyAuthenticator(store, now::get, Duration.ofSeconds(30), Runnable::run);

    void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Test
    void aKnownKeyGivesItsOrganizationAndScopes() {
        UUID org = UUID.randomUUID();
        ApiPrincipal readAndIngest = new ApiPrincipal(UUID.randomUUID(), org, Set.of(Scope.READ, Scope.INGEST));
        store.keys.put(ApiKeys.hash(key), readAndIngest);
        ApiPrincipal p = auth.authenticate(key).orElseThrow();
        assertThat(p.orgId()).isEqualTo(org);
        assertThat(p.scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.INGEST);
        assertThat(p.has(Scope.ADMIN)).isFalse();
    }

    @Test
    void aKnownKeyIsLookedUpOncePerTtlByHash() {
        store.keys.put(ApiKeys.hash(key), principal);
        assertThat(auth.authenticate(key)).contains(principal);
        advance(Duration.ofSeconds(29));
        assertThat(auth.authenticate(key)).contains(principal);
        assertThat(store.lookups).containsExactly(ApiKeys.hash(key));
        advance(Duration.ofSeconds(2));
        assertThat(auth.authenticate(key)).contains(principal);
        assertThat(store.lookups).hasSize(2);
    }

    @Test
    void aRevokedKeyStopsWorkingWithinTheTtl() {
        store.keys.put(ApiKeys.hash(key), principal);
        for (int i = 0; i < 5; i++) {
            assertThat(auth.authenticate(key)).isPresent();
        }
        assertThat(store.lookups).hasSize(1);
        store.keys.clear(); // revoked
        advance(Duration.ofSeconds(31));
        assertThat(auth.authenticate(key)).isEmpty();
        assertThat(store.lookups).hasSize(2);
    }

    @Test
    void anUnknownKeyIsRememberedAsUnknown() {
        assertThat(auth.authenticate(key)).isEmpty();
        assertThat(auth.authenticate(key)).isEmpty();
        assertThat(store.lookups).hasSize(1);
        store.keys.put(ApiKeys.hash(key), principal);
        advance(Duration.ofSeconds(31));
        assertThat(auth.authenticate(key)).contains(principal);
    }

    @Test
    void unknownKeysAreRememberedOnlyBriefly() {
        assertThat(auth.authenticate(key)).isEmpty();
        assertThat(auth.authenticate(key)).isEmpty();
        assertThat(store.lookups).hasSize(1);
        store.keys.put(ApiKeys.hash(key), principal); // created meanwhile
        advance(Duration.ofSeconds(5));
        assertThat(auth.authenticate(key)).contains(principal);
        assertThat(store.lookups).hasSize(2);
    }

    @Test
    void tokensThatCannotBeKeysNeverReachTheStore() {
        assertThat(auth.authenticate("omk_short")).isEmpty();
        assertThat(auth.authenticate(null)).isEmpty();
        assertThat(auth.authenticate("hunter2")).isEmpty();
        assertThat(auth.authenticate("omk_" + "!".repeat(32))).isEmpty();
        assertThat(store.lookups).isEmpty();
    }

    @Test
    void useIsRecordedAtMostOnceAMinute() {
        store.keys.put(ApiKeys.hash(key), principal);
        auth.authenticate(key);
        advance(Duration.ofSeconds(40));
        auth.authenticate(key);
        assertThat(store.uses).hasSize(1);
        advance(Duration.ofSeconds(21));
        auth.authenticate(key);
        assertThat(store.uses).hasSize(2);
    }

    @Test
    void storeFailuresAreNotCached() {
        store.down = true;
        assertThatThrownBy(() -> auth.authenticate(key)).isInstanceOf(DataAccessException.class);
        store.down = false;
        store.keys.put(ApiKeys.hash(key), principal);
        assertThat(auth.authenticate(key)).contains(principal);
    }

    @Test
    void zeroTtlAsksEveryTime() {
        CachingApiKeyAuthenticator uncached =
                new CachingApiKeyAuthenticator(store, now::get, Duration.ZERO, Runnable::run);
        uncached.authenticate(key);
        uncached.authenticate(key);
        assertThat(store.lookups).hasSize(2);
    }

    @Test
    void aForgottenKeyIsLookedUpAgainAtOnce() {
        store.keys.put(ApiKeys.hash(key), principal);
        assertThat(auth.authenticate(key)).contains(principal);
        store.keys.clear(); // revoked through this process
        auth.forget(ApiKeys.hash(key));
        assertThat(auth.authenticate(key)).isEmpty();
        assertThat(store.lookups).hasSize(2);
    }

    static final class CountingStore implements ApiKeyStore {
        final Map<String, ApiPrincipal> keys = new HashMap<>();
        final List<String> lookups = new ArrayList<>();
        final List<ApiPrincipal> uses = new ArrayList<>();
        boolean down;

        @Override
        public Optional<ApiPrincipal> find(String keyHash) {
            if (down) {
                throw new DataAccessException("down", null, true);
            }
            lookups.add(keyHash);
            return Optional.ofNullable(keys.get(keyHash));
        }

        @Override
        public void recordUse(ApiPrincipal p) {
            uses.add(p);
        }

        @Override
        public boolean isReachable() {
            return !down;
        }
    }
}
