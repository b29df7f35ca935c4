package ai.omnify.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.api.support.TtlCache;
import ai.omnify.server.auth.ApiKeys;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticatorTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger lookups = new AtomicInteger();
    private final Map<String, ApiKeyLookup.ApiKey> keys = new HashMap<>();
    private final ApiKeyLookup lookup = hash -> {
        lookups.incrementAndGet();
        return Optional.ofNullable(keys.get(hash));
    };
    private final ApiKeyAuthenticator auth =
            new ApiKeyAuthenticator(lookup, Duration.ofSeconds(30), new TtlCache<>(100, now::get));

    private String addKey(UUID org, Scope... scopes) {
        String key = ApiKeys.generate();
        keys.put(ApiKeys.hash(key), new ApiKeyLookup.ApiKey(UUID.randomUUID(), org,
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
        assertThat(p.has(Scope.ADMIN)).isFalse();
    }

    @Test
    void tokensThatCannotBeKeysAreNotLookedUp() {
        assertThat(auth.authenticate(Credentials.NONE)).isEmpty();
        assertThat(auth.authenticate(new Credentials("hunter2"))).isEmpty();
        assertThat(auth.authenticate(new Credentials("omk_" + "!".repeat(32)))).isEmpty();
        assertThat(lookups).hasValue(0);
    }

    @Test
    void lookupsAreCachedForTheirTimeToLive() {
        String key = addKey(UUID.randomUUID(), Scope.READ);
        for (int i = 0; i < 5; i++) {
            assertThat(auth.authenticate(new Credentials(key))).isPresent();
        }
        assertThat(lookups).hasValue(1);
        keys.clear(); // revoked
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(auth.authenticate(new Credentials(key))).isEmpty();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void unknownKeysAreCachedBriefly() {
        String key = ApiKeys.generate();
        assertThat(auth.authenticate(new Credentials(key))).isEmpty();
        assertThat(auth.authenticate(new Credentials(key))).isEmpty();
        assertThat(lookups).hasValue(1);
        keys.put(ApiKeys.hash(key), new ApiKeyLookup.ApiKey(UUID.randomUUID(), UUID.randomUUID(), EnumSet.of(Scope.READ)));
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(auth.authenticate(new Credentials(key))).isPresent();
        assertThat(lookups).hasValue(2);
    }
}
