package ai.omnify.infra;

import ai.omnify.model.Currencies;
import ai.omnify.model.auth.ApiKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** Creates organizations and API keys (as the owner role, which row-level security does not restrict). */
public final class OrgAdmin {
    private OrgAdmin() {}

    /** A new organization; fails with a message naming the problem when the currency or time zone is not valid. */
    public static UUID createOrganization(Connection c, String name, String currency, String timeZone) throws SQLException {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("organization name must be 1 to 200 characters");
        }
        String cur = Currencies.normalize(currency);
        if (!Currencies.isKnown(cur)) {
            throw new IllegalArgumentException("currency '" + currency + "' is not an ISO 4217 code (e.g. USD, EUR, GBP)");
        }
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("time zone '" + timeZone + "' is not an IANA zone (e.g. Europe/Berlin, UTC)");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO organizations (name, currency, time_zone) VALUES (?, ?, ?) RETURNING id")) {
            ps.setString(1, name.trim());
            ps.setString(2, cur);
            ps.setString(3, timeZone);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    /** A new API key for the organization; returns the key itself, which is shown once and stored only hashed. */
    public static String createApiKey(Connection c, UUID orgId, String name, List<String> scopes) throws SQLException {
        String key = ApiKeys.generate();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_keys (organization_id, name, prefix, key_hash, scopes) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, orgId);
            ps.setString(2, name);
            ps.setString(3, ApiKeys.displayPrefix(key));
            ps.setString(4, ApiKeys.hash(key));
            ps.setArray(5, c.createArrayOf("text", scopes.toArray()));
            ps.executeUpdate();
        }
        return key;
    }
}
