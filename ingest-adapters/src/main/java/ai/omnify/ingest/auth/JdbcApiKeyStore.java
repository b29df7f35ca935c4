package ai.omnify.ingest.auth;

import ai.omnify.config.DatabaseConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys in PostgreSQL, read as the application role: the lookup goes through the SECURITY DEFINER function
 * {@code omnify_find_api_key(hash)} (the organization is not known yet, so row-level security would hide the row);
 * marking a key as used runs in a transaction scoped to the key's organization.
 */
public final class JdbcApiKeyStore implements ApiKeyStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcApiKeyStore.class);
    private static final String FIND = "SELECT * FROM omnify_find_api_key(?)";
    private static final String SET_ORG = "SELECT set_config('omnify.org_id', ?, true)";
    private static final String TOUCH = "UPDATE api_keys SET last_used_at = now() WHERE id = ? AND organization_id = ?"
            + " AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')";

    private final DataSource dataSource;

    public JdbcApiKeyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A small pool with short timeouts that starts even when the database is down (health then says so). */
    public static HikariDataSource pool(DatabaseConfig db, MeterRegistry meters) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("ingest-db");
        hc.setJdbcUrl(db.jdbcUrl());
        hc.setUsername(db.user());
        hc.setPassword(db.password());
        hc.setMaximumPoolSize(4);
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(3_000);
        hc.setValidationTimeout(2_000);
        hc.setInitializationFailTimeout(-1);
        hc.addDataSourceProperty("connectTimeout", "3");
        hc.addDataSourceProperty("socketTimeout", "10");
        hc.addDataSourceProperty("ApplicationName", "omnify-ingest");
        if (meters != null) {
            hc.setMetricRegistry(meters);
        }
        return new HikariDataSource(hc);
    }

    @Override
    public Optional<ApiPrincipal> findByHash(String keyHash) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, keyHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                UUID keyId = rs.getObject("key_id", UUID.class);
                UUID orgId = rs.getObject("organization_id", UUID.class);
                Array scopes = rs.getArray("scopes");
                Set<String> scopeSet = scopes == null ? Set.of() : Set.copyOf(Arrays.asList((String[]) scopes.getArray()));
                return Optional.of(new ApiPrincipal(keyId, orgId, scopeSet));
            }
        } catch (SQLException e) {
            throw new AuthUnavailableException("cannot look up API keys: " + e.getMessage(), e);
        }
    }

    @Override
    public void touch(ApiPrincipal principal) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement setOrg = c.prepareStatement(SET_ORG);
                 PreparedStatement touch = c.prepareStatement(TOUCH)) {
                setOrg.setString(1, principal.orgId().toString());
                setOrg.execute();
                touch.setObject(1, principal.keyId());
                touch.setObject(2, principal.orgId());
                touch.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            LOG.warn("could not record the use of API key {}: {}", principal.keyId(), e.getMessage());
        }
    }

    @Override
    public boolean isReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
