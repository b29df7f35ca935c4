package ai.omnify.api.apikeys;

import static ai.omnify.api.http.RowFormat.field;

import ai.omnify.api.http.JsonPage;
import ai.omnify.api.http.ListQuery;
import ai.omnify.api.http.PageRequest;
import ai.omnify.api.http.RowFormat.Kind;
import ai.omnify.api.http.RowFormat;
import ai.omnify.api.http.SortKey;
import ai.omnify.server.auth.ApiKeys;
import ai.omnify.server.auth.Scope;
import ai.omnify.server.db.TenantDb;
import ai.omnify.server.http.ApiException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An organization's API keys: made (the key shown once, stored as SHA-256), listed (never the key), revoked. */
public final class ApiKeyService {
    static final SortKey KEY_ORDER = SortKey.of("apikeys.v1", SortKey.text("name"), SortKey.uuid("id"));
    static final RowFormat KEY_FORMAT = RowFormat.of(
            field("id", "id", Kind.UUID),
            field("name", "name", Kind.TEXT),
            field("prefix", "prefix", Kind.TEXT),
            field("scopes", "to_json(scopes)::text AS scopes", Kind.JSON),
            field("createdAt", "created_at", Kind.INSTANT),
            field("lastUsedAt", "last_used_at", Kind.INSTANT),
            field("revokedAt", "revoked_at", Kind.INSTANT));

    /** A new key; {@code key} is the secret, shown once. */
    public record NewKey(UUID id, String name, String prefix, List<String> scopes, Instant createdAt, String key) {}

    private final TenantDb db;

    public ApiKeyService(TenantDb db) {
        this.db = db;
    }

    public JsonPage list(UUID orgId, boolean includeRevoked, PageRequest page) {
        ListQuery q = new ListQuery("api_keys", KEY_FORMAT, KEY_ORDER, orgId, page);
        if (!includeRevoked) {
            q.and("revoked_at IS NULL");
        }
        return db.inOrg(orgId, q::page);
    }

    public NewKey create(UUID orgId, String name, List<Scope> scopes) {
        String key = ApiKeys.generate();
        List<String> wire = scopes.stream().map(Scope::wire).toList();
        return db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys (organization_id, name, prefix, "
                    + "key_hash, scopes) VALUES (?, ?, ?, ?, ?) RETURNING id, created_at")) {
                ps.setObject(1, orgId);
                ps.setString(2, name);
                ps.setString(3, ApiKeys.displayPrefix(key));
                ps.setString(4, ApiKeys.hash(key));
                ps.setArray(5, c.createArrayOf("text", wire.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new NewKey(rs.getObject(1, UUID.class), name, ApiKeys.displayPrefix(key), wire,
                            rs.getTimestamp(2).toInstant(), key);
                }
            }
        });
    }

    /**
     * Revokes a live key of the organization and returns its hash; 404 for an unknown, revoked or foreign one.
     */
    public String revoke(UUID orgId, UUID keyId) {
        String hash = db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET revoked_at = now() "
                    + "WHERE organization_id = ? AND id = ? AND revoked_at IS NULL RETURNING key_hash")) {
                ps.setObject(1, orgId);
                ps.setObject(2, keyId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (hash == null) {
            throw ApiException.notFound("no live API key " + keyId);
        }
        return hash;
    }
}
