package ai.omnify.api.auth;

import ai.omnify.server.db.TenantDb;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

/** Sessions from PostgreSQL through the SECURITY DEFINER function {@code omnify_find_session}. */
public final class JdbcSessionLookup implements SessionLookup {
    private static final String SQL =
            "SELECT session_id, user_id, organization_id, role, expires_at FROM omnify_find_session(?)";

    private final TenantDb db;

    public JdbcSessionLookup(TenantDb db) {
        this.db = db;
    }

    @Override
    public Optional<Session> find(String tokenHash) {
        return db.withoutOrg(c -> {
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Optional<Role> role = Role.parse(rs.getString(4));
                    if (role.isEmpty()) {
                        return Optional.empty();
                    }
                    Timestamp expires = rs.getTimestamp(5);
                    return Optional.of(new Session(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), role.get(), expires.toInstant()));
                }
            }
        });
    }
}
