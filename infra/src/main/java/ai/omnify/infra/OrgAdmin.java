package ai.omnify.infra;

import ai.omnify.model.Currencies;
import ai.omnify.server.auth.ApiKeys;
import ai.omnify.server.auth.PasswordHasher;
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

    /**
     * A new user who is {@code role} of the organization, with an argon2id hash of {@code password} (what the query
     * API's login checks). Fails naming the problem when the email is taken or the role unknown.
     */
    public static UUID createUser(Connection c, UUID orgId, String email, String role, String password)
            throws SQLException {
        String e = email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT);
        if (!e.matches("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("'" + email + "' is not an email address");
        }
        if (!List.of("admin", "member", "viewer").contains(role)) {
            throw new IllegalArgumentException("role '" + role + "' is not one of admin, member, viewer");
        }
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("the password needs at least 12 characters");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM users WHERE lower(email) = ?")) {
            ps.setString(1, e);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new IllegalArgumentException("a user with email " + e + " exists already");
                }
            }
        }
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (id, email, organization_id, role, "
                + "password_hash) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, e);
            ps.setObject(3, orgId);
            ps.setString(4, role);
            ps.setString(5, new PasswordHasher().hash(password));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO memberships (organization_id, user_id, role) VALUES (?, ?, ?)")) {
            ps.setObject(1, orgId);
            ps.setObject(2, id);
            ps.setString(3, role);
            ps.executeUpdate();
        }
        return id;
    }

    /** A random password of 20 characters from an unambiguous alphabet (about 110 bits). */
    public static String randomPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        java.security.SecureRandom r = new java.security.SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
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
