package ai.omnify.api.auth;

import ai.omnify.api.db.TenantDb;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * API keys from PostgreSQL, through the SECURITY DEFINER function {@code omnify_find_api_key}: the application role
 * cannot read {@code api_keys} before it knows the organization, and the function returns only the matching live key.
 */
public final class JdbcApiKeyLookup implements ApiKeyLookup {
    private static final String SQL = "SELECT key_id, organization_id, scopes FROM omnify_find_api_key(?)";

    private final TenantDb db;

    public JdbcApiKeyLookup(TenantDb db) {
        this.db = db;
    }

    @Override
    public Optional<ApiKey> find(String keyHash) {
        return db.withoutOrg(c -> {
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setString(1, keyHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ApiKey(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            scopes(rs.getArray(3))));
                }
            }
        });
    }

    private static Set<Scope> scopes(Array array) throws java.sql.SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                Scope.parse(o == null ? null : o.toString()).ifPresent(scopes::add);
            }
        }
        return scopes;
    }
}
