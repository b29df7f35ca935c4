package ai.omnify.server.connections;

import ai.omnify.model.Platform;
import ai.omnify.server.crypto.CredentialCipher;
import ai.omnify.server.crypto.SealedCredentials;
import ai.omnify.server.db.DataAccessException;
import ai.omnify.server.db.TenantDb;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The one writer of a connection's credentials ({@code api_credentials}), for both services: the query API's
 * {@code POST /api/v1/connections} and the ingest service's connections from the environment.
 *
 * <p>The rule: one row per (platform, account) across all organizations. Saving inserts the organization's
 * connection, or replaces the credentials of the one it has, and makes it active again (a reconnect after
 * {@code needs_reauth} or {@code disabled}). {@code source} says who supplied the credentials now stored ({@link #API}
 * or {@link #ENV}); a time zone or currency given replaces the stored one, one not given (null) keeps it. An account
 * another organization has connected is never touched: {@link AccountTakenException}. Credentials are sealed for
 * (organization, platform, account) with the cipher's current key before they reach the database.
 */
public final class ConnectionWriter {
    /** Credentials given through the query API. */
    public static final String API = "api";
    /** Credentials from the ingest service's environment (the single-brand variables). */
    public static final String ENV = "env";
    private static final Set<String> SOURCES = Set.of(API, ENV);
    /**
     * SQL states of an upsert that met another organization's row: its unique index (23505), or row-level security
     * refusing to update a row the organization cannot see (42501).
     */
    private static final Set<String> TAKEN_STATES = Set.of("23505", "42501");
    private static final String UPSERT = "INSERT INTO api_credentials (organization_id, platform, account,"
            + " credentials, key_id, status, is_active, source, time_zone, currency)"
            + " VALUES (?, ?, ?, ?::jsonb, ?, 'active', true, ?, ?, ?)"
            + " ON CONFLICT (platform, account) WHERE account IS NOT NULL DO UPDATE SET"
            + " credentials = EXCLUDED.credentials, key_id = EXCLUDED.key_id, status = 'active', is_active = true,"
            + " status_reason = NULL, source = EXCLUDED.source,"
            + " time_zone = coalesce(EXCLUDED.time_zone, api_credentials.time_zone),"
            + " currency = coalesce(EXCLUDED.currency, api_credentials.currency), updated_at = now()"
            + " WHERE api_credentials.organization_id = EXCLUDED.organization_id"
            + " RETURNING id, (xmax = 0) AS inserted";

    private final TenantDb db;
    private final CredentialCipher cipher;

    public ConnectionWriter(TenantDb db, CredentialCipher cipher) {
        this.db = Objects.requireNonNull(db, "db");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    /** A saved connection: its id, and whether this save created it. */
    public record Saved(UUID id, boolean created) {}

    /**
     * Creates or updates the organization's connection of (platform, account).
     *
     * @param account the normalised account ({@code ConnectionRules})
     * @param source {@link #API} or {@link #ENV}
     * @param timeZone the account's IANA time zone, or null to keep the stored one
     * @param currency the account's ISO 4217 currency, or null to keep the stored one
     * @throws AccountTakenException when another organization has connected the account
     * @throws CredentialCipher.CredentialException when the cipher has no key to seal with
     */
    public Saved save(UUID orgId, Platform platform, String account, Map<String, String> credentials, String source,
            String timeZone, String currency) {
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("a connection's source is api or env, not " + source);
        }
        String sealed = SealedCredentials.seal(cipher, orgId, platform.wire(), account, credentials);
        String keyId = cipher.currentKeyId();
        try {
            return db.inOrg(orgId, c -> {
                try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                    ps.setObject(1, orgId);
                    ps.setString(2, platform.wire());
                    ps.setString(3, account);
                    ps.setString(4, sealed);
                    ps.setString(5, keyId);
                    ps.setString(6, source);
                    ps.setString(7, timeZone);
                    ps.setString(8, currency);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new AccountTakenException(platform, account);
                        }
                        return new Saved(rs.getObject("id", UUID.class), rs.getBoolean("inserted"));
                    }
                }
            });
        } catch (DataAccessException e) {
            if (e.getCause() instanceof SQLException s && TAKEN_STATES.contains(s.getSQLState())) {
                throw new AccountTakenException(platform, account);
            }
            throw e;
        }
    }

    /** The account is another organization's connection. */
    public static final class AccountTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AccountTakenException(Platform platform, String account) {
            super(platform.wire() + " account " + account + " is already connected by another organization");
        }
    }
}
