package ai.omnify.server.auth;

import ai.omnify.server.db.DataAccessException;
import ai.omnify.server.db.TenantDb;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys in PostgreSQL, read as the application role: the lookup goes through the SECURITY DEFINER function
 * {@code omnify_find_api_key(hash)} (the organization is not known yet, so row-level security would hide the row, and
 * the function returns only the matching live key); marking a key as used runs in a transaction scoped to the key's
 * organization.
 */
public final class JdbcApiKeyStore implements ApiKeyStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcApiKeyStore.class);
    private static final String FIND = "SELECT key_id, organization_id, scopes FROM omnify_find_api_key(?)";
    private static final String RECORD_USE = "UPDATE api_keys SET last_used_at = now() WHERE id = ?"
            + " AND organization_id = ? AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')";

    private final TenantDb db;

    public JdbcApiKeyStore(TenantDb db) {
        this.db = db;
    }

    @Override
    public Optional<ApiPrincipal> find(String keyHash) {
        return db.withoutOrg(c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setString(1, keyHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ApiPrincipal(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            scopes(rs.getArray(3))));
                }
            }
        });
    }

    @Override
    public void recordUse(ApiPrincipal principal) {
        try {
            db.inOrg(principal.orgId(), c -> {
                try (PreparedStatement ps = c.prepareStatement(RECORD_USE)) {
                    ps.setObject(1, principal.keyId());
                    ps.setObject(2, principal.orgId());
                    return ps.executeUpdate();
                }
            });
        } catch (DataAccessException e) {
            LOG.warn("could not record the use of API key {}: {}", principal.keyId(), e.getMessage());
        }
    }

    @Override
    public boolean isReachable() {
        return db.ping(2);
    }

    /** The known scopes of the row; a scope this version does not know grants nothing. */
    private static Set<Scope> scopes(Array array) throws SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                Scope.parse(o == null ? null : o.toString()).ifPresent(scopes::add);
            }
        }
        return scopes;
    }
}
