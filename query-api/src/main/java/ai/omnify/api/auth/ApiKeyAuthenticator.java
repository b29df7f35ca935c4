package ai.omnify.api.auth;

import ai.omnify.api.support.TtlCache;
import ai.omnify.server.auth.ApiKeys;
import java.time.Duration;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer omk_...} API keys. Only the SHA-256 of a key is looked up or kept. Lookups
 * are cached by hash for a short time, unknown keys too (for at most 5 s), so a burst of requests with one key costs
 * one query, and a revoked key stops working within the cache's time to live. Tokens that cannot be keys are refused
 * without a lookup.
 */
public final class ApiKeyAuthenticator implements Authenticator {
    private static final Duration MAX_NEGATIVE_TTL = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 10_000;

    private final ApiKeyLookup lookup;
    private final TtlCache<String, Optional<Principal>> cache;
    private final Duration ttl;
    private final Duration negativeTtl;

    public ApiKeyAuthenticator(ApiKeyLookup lookup, Duration ttl) {
        this(lookup, ttl, new TtlCache<>(MAX_ENTRIES));
    }

    ApiKeyAuthenticator(ApiKeyLookup lookup, Duration ttl, TtlCache<String, Optional<Principal>> cache) {
        this.lookup = lookup;
        this.ttl = ttl;
        this.negativeTtl = ttl.compareTo(MAX_NEGATIVE_TTL) < 0 ? ttl : MAX_NEGATIVE_TTL;
        this.cache = cache;
    }

    @Override
    public Optional<Principal> authenticate(Credentials credentials) {
        String key = credentials.bearerToken();
        if (!ApiKeys.looksValid(key)) {
            return Optional.empty();
        }
        return cache.get(ApiKeys.hash(key), this::load, p -> p.isPresent() ? ttl : negativeTtl);
    }

    /** Forgets what is cached for a key (by its SHA-256 hex): a key revoked through this process stops at once. */
    public void forget(String keyHash) {
        cache.invalidate(keyHash);
    }

    private Optional<Principal> load(String hash) {
        return lookup.find(hash).map(k -> new Principal(k.orgId(), k.scopes(), Principal.Method.API_KEY, k.keyId()));
    }
}
