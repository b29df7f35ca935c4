package ai.omnify.api.accounts;

import ai.omnify.api.auth.Principal;
import ai.omnify.api.auth.Role;
import ai.omnify.api.auth.SessionTokens;
import ai.omnify.model.Currencies;
import ai.omnify.server.auth.PasswordHasher;
import ai.omnify.server.db.DataAccessException;
import ai.omnify.server.db.TenantDb;
import ai.omnify.server.http.ApiException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Sign-up, login, logout, organizations and switching between them. Knows nothing of HTTP. Lookups that precede
 * knowing the organization go through SECURITY DEFINER functions; everything else runs in the organization's
 * transaction ({@link TenantDb#inOrg}) and names the organization in SQL too.
 */
public final class AccountService {
    public static final int MIN_PASSWORD = 12;
    public static final int MAX_PASSWORD = 256;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    /** A new login session: the token goes into the cookie and is never stored. */
    public record SessionGrant(String token, UUID userId, UUID orgId, Role role, Instant expiresAt) {}

    /** An organization the user belongs to. */
    public record Membership(UUID orgId, String name, Role role) {}

    public record SignupRequest(String email, String password, String organization, String currency, String timeZone,
            String inviteToken) {}

    private record Login(UUID userId, String passwordHash) {}

    private record Invite(UUID id, UUID orgId, String email, Role role, Instant expiresAt) {}

    private final TenantDb db;
    private final PasswordHasher hasher;
    private final LoginThrottle perAccount;
    private final LoginThrottle perAddress;
    private final Duration sessionTtl;
    private final Clock clock;

    public AccountService(TenantDb db, PasswordHasher hasher, AccountsConfig config, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.perAccount = new LoginThrottle(config.maxFailuresPerAccount(), config.loginWindow(), clock);
        this.perAddress = new LoginThrottle(config.maxFailuresPerAddress(), config.loginWindow(), clock);
        this.sessionTtl = config.sessionTtl();
        this.clock = clock;
    }

    // ------------------------------------------------------------------ sign-up and login

    public static String normalizeEmail(String email) {
        String e = email.trim().toLowerCase(Locale.ROOT);
        if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
            throw new ApiException(400, "invalid_body", "email is not an email address");
        }
        return e;
    }

    static void checkPassword(String password) {
        if (password.length() < MIN_PASSWORD) {
            throw new ApiException(400, "weak_password", "the password must have at least " + MIN_PASSWORD
                    + " characters");
        }
        if (password.length() > MAX_PASSWORD) {
            throw new ApiException(400, "invalid_body", "the password must have at most " + MAX_PASSWORD
                    + " characters");
        }
    }

    /** A new account: with an invite, it joins the inviting organization; otherwise it creates its own, as admin. */
    public SessionGrant signup(SignupRequest r) {
        String email = normalizeEmail(r.email());
        checkPassword(r.password());
        Optional<Invite> invite = Optional.empty();
        if (r.inviteToken() != null) {
            invite = Optional.of(findInvite(r.inviteToken()));
            if (!invite.get().email().equalsIgnoreCase(email)) {
                throw new ApiException(403, "invite_mismatch", "this invite was made for another email address");
            }
        } else if (r.organization() == null) {
            throw new ApiException(400, "invalid_body", "organization (the name of your organization) is required, "
                    + "or an inviteToken to join one");
        }
        String currency = r.currency() == null ? "USD" : Currencies.normalize(r.currency());
        String zone = r.timeZone() == null ? "UTC" : r.timeZone();
        if (invite.isEmpty()) {
            validateOrg(r.organization(), currency, zone);
        }
        if (findLogin(email).isPresent()) {
            throw emailTaken();
        }
        String hash = hasher.hash(r.password());
        UUID userId = UUID.randomUUID();
        String token = SessionTokens.newSessionToken();
        Instant expires = clock.instant().plus(sessionTtl);
        Optional<Invite> inv = invite;
        UUID orgId = inv.map(Invite::orgId).orElseGet(UUID::randomUUID);
        Role role = inv.map(Invite::role).orElse(Role.ADMIN);
        try {
            db.inOrg(orgId, c -> {
                if (inv.isEmpty()) {
                    insertOrg(c, orgId, r.organization(), currency, zone);
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (id, email, organization_id, role, "
                        + "password_hash) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setObject(1, userId);
                    ps.setString(2, email);
                    ps.setObject(3, orgId);
                    ps.setString(4, role.wire());
                    ps.setString(5, hash);
                    ps.executeUpdate();
                }
                insertMembership(c, orgId, userId, role);
                if (inv.isPresent()) {
                    markAccepted(c, inv.get(), userId);
                }
                insertSession(c, orgId, userId, token, expires);
                return null;
            });
        } catch (DataAccessException e) {
            if (isUniqueViolation(e)) {
                throw emailTaken();
            }
            throw e;
        }
        return new SessionGrant(token, userId, orgId, role, expires);
    }

    /**
     * Checks the password and opens a session in {@code orgId} (or the user's first organization). Failures are
     * counted per email and per client address; past the limit, refused before any password is checked.
     */
    public SessionGrant login(String rawEmail, String password, Optional<UUID> orgId, String address) {
        String email = rawEmail.trim().toLowerCase(Locale.ROOT);
        String accountKey = "email:" + email;
        String addressKey = "addr:" + address;
        Optional<Duration> blocked = perAccount.blockedFor(accountKey).or(() -> perAddress.blockedFor(addressKey));
        if (blocked.isPresent()) {
            throw new ThrottledException(blocked.get());
        }
        Optional<Login> login = email.length() > 254 ? Optional.empty() : findLogin(email);
        boolean ok = login.isPresent() ? hasher.verify(password, login.get().passwordHash()) : burn(password);
        if (!ok) {
            perAccount.failure(accountKey);
            perAddress.failure(addressKey);
            throw new ApiException(401, "invalid_credentials", "wrong email or password");
        }
        perAccount.success(accountKey);
        UUID userId = login.get().userId();
        List<Membership> orgs = memberships(userId);
        if (orgs.isEmpty()) {
            throw new ApiException(403, "no_organization", "this account belongs to no organization any more: "
                    + "ask an admin for an invite");
        }
        Membership chosen = orgId.isEmpty() ? orgs.get(0) : orgs.stream().filter(m -> m.orgId().equals(orgId.get()))
                .findFirst().orElseThrow(() -> ApiException.notFound("you are not a member of organization "
                        + orgId.get()));
        return openSession(userId, chosen.orgId(), chosen.role());
    }

    /**
     * A session for the user with this email, whose identity an OpenID Connect provider has verified; empty when no
     * account has this email or it belongs to no organization.
     */
    public Optional<SessionGrant> loginVerified(String rawEmail) {
        String email = rawEmail.trim().toLowerCase(Locale.ROOT);
        Optional<Login> login = email.length() > 254 ? Optional.empty() : findLogin(email);
        if (login.isEmpty()) {
            return Optional.empty();
        }
        List<Membership> orgs = memberships(login.get().userId());
        if (orgs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(openSession(login.get().userId(), orgs.get(0).orgId(), orgs.get(0).role()));
    }

    private boolean burn(String password) {
        hasher.burn(password);
        return false;
    }

    /** Revokes the session whose token this is (no-op for an unknown or already revoked one). */
    public void logout(String sessionToken) {
        if (!SessionTokens.looksValid(sessionToken, SessionTokens.SESSION_PREFIX)) {
            return;
        }
        String hash = SessionTokens.hash(sessionToken);
        Optional<UUID> org = db.withoutOrg(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT organization_id FROM omnify_find_session(?)")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.<UUID>empty();
                }
            }
        });
        org.ifPresent(o -> revokeSession(o, hash));
    }

    private void revokeSession(UUID orgId, String tokenHash) {
        db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET revoked_at = now() "
                    + "WHERE organization_id = ? AND token_hash = ? AND revoked_at IS NULL")) {
                ps.setObject(1, orgId);
                ps.setString(2, tokenHash);
                return ps.executeUpdate();
            }
        });
    }

    // ------------------------------------------------------------------ organizations

    /** The organizations the user is a member of, oldest membership first. */
    public List<Membership> memberships(UUID userId) {
        return db.withoutOrg(c -> {
            List<Membership> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT organization_id, name, role FROM omnify_user_orgs(?) LIMIT 1000")) {
                ps.setObject(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Optional<Role> role = Role.parse(rs.getString(3));
                        if (role.isPresent()) {
                            out.add(new Membership(rs.getObject(1, UUID.class), rs.getString(2), role.get()));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** A new organization with the user as its admin; the caller's session moves to it. */
    public SessionGrant createOrganization(Principal user, String currentSessionToken, String name, String currency,
            String timeZone) {
        String cur = currency == null ? "USD" : Currencies.normalize(currency);
        String zone = timeZone == null ? "UTC" : timeZone;
        validateOrg(name, cur, zone);
        UUID orgId = UUID.randomUUID();
        db.inOrg(orgId, c -> {
            insertOrg(c, orgId, name, cur, zone);
            insertMembership(c, orgId, user.subjectId(), Role.ADMIN);
            return null;
        });
        return moveSession(user, currentSessionToken, orgId, Role.ADMIN);
    }

    /** The caller's session moves to another organization it is a member of. */
    public SessionGrant switchOrganization(Principal user, String currentSessionToken, UUID orgId) {
        Membership m = memberships(user.subjectId()).stream().filter(x -> x.orgId().equals(orgId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("you are not a member of organization " + orgId));
        return moveSession(user, currentSessionToken, m.orgId(), m.role());
    }

    /** Joins the organization of an invite made for this user's email; the session moves there. */
    public SessionGrant acceptInvite(Principal user, String currentSessionToken, String inviteToken) {
        Invite invite = findInvite(inviteToken);
        String email = email(user.orgId(), user.subjectId());
        if (!invite.email().equalsIgnoreCase(email)) {
            throw new ApiException(403, "invite_mismatch", "this invite was made for another email address");
        }
        db.inOrg(invite.orgId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO memberships (organization_id, user_id, role) "
                    + "VALUES (?, ?, ?) ON CONFLICT (organization_id, user_id) DO NOTHING")) {
                ps.setObject(1, invite.orgId());
                ps.setObject(2, user.subjectId());
                ps.setString(3, invite.role().wire());
                if (ps.executeUpdate() == 0) {
                    throw new ApiException(409, "already_member", "you are already a member of this organization");
                }
            }
            markAccepted(c, invite, user.subjectId());
            return null;
        });
        return moveSession(user, currentSessionToken, invite.orgId(), invite.role());
    }

    /** An organization's name, currency and time zone. */
    public record Organization(UUID id, String name, String currency, String timeZone) {}

    public Organization organization(UUID orgId) {
        return db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, currency, time_zone FROM organizations WHERE id = ?")) {
                ps.setObject(1, orgId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiException.notFound("no organization " + orgId);
                    }
                    return new Organization(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4));
                }
            }
        });
    }

    /** The email of a user visible in the organization. */
    public String email(UUID orgId, UUID userId) {
        return db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT u.email FROM users u JOIN memberships m "
                    + "ON m.user_id = u.id AND m.organization_id = ? WHERE u.id = ?")) {
                ps.setObject(1, orgId);
                ps.setObject(2, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiException.unauthorized("the session's user is no longer a member: log in again");
                    }
                    return rs.getString(1);
                }
            }
        });
    }

    private SessionGrant moveSession(Principal user, String currentSessionToken, UUID orgId, Role role) {
        SessionGrant grant = openSession(user.subjectId(), orgId, role);
        if (SessionTokens.looksValid(currentSessionToken, SessionTokens.SESSION_PREFIX)) {
            revokeSession(user.orgId(), SessionTokens.hash(currentSessionToken));
        }
        return grant;
    }

    private SessionGrant openSession(UUID userId, UUID orgId, Role role) {
        String token = SessionTokens.newSessionToken();
        Instant expires = clock.instant().plus(sessionTtl);
        db.inOrg(orgId, c -> {
            insertSession(c, orgId, userId, token, expires);
            return null;
        });
        return new SessionGrant(token, userId, orgId, role, expires);
    }

    // ------------------------------------------------------------------ SQL

    private Optional<Login> findLogin(String email) {
        return db.withoutOrg(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT user_id, password_hash FROM omnify_find_login(?)")) {
                ps.setString(1, email);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Login(rs.getObject(1, UUID.class), rs.getString(2)))
                            : Optional.<Login>empty();
                }
            }
        });
    }

    private Invite findInvite(String token) {
        ApiException invalid = ApiException.notFound("the invite is not valid (unknown, already used, revoked or "
                + "expired): ask for a new one");
        if (!SessionTokens.looksValid(token, SessionTokens.INVITE_PREFIX)) {
            throw invalid;
        }
        Optional<Invite> invite = db.withoutOrg(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT invite_id, organization_id, email, role, expires_at FROM omnify_find_invite(?)")) {
                ps.setString(1, SessionTokens.hash(token));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Invite>empty();
                    }
                    return Optional.of(new Invite(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getString(3), Role.parse(rs.getString(4)).orElse(Role.VIEWER),
                            rs.getTimestamp(5).toInstant()));
                }
            }
        });
        return invite.filter(i -> i.expiresAt().isAfter(clock.instant())).orElseThrow(() -> invalid);
    }

    private static void validateOrg(String name, String currency, String zone) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new ApiException(400, "invalid_body", "organization must be 1 to 200 characters");
        }
        if (!Currencies.isKnown(currency)) {
            throw new ApiException(400, "invalid_body", "currency (" + currency + ") is not an ISO 4217 code "
                    + "(e.g. USD, EUR, GBP)");
        }
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ApiException(400, "invalid_body", "timeZone is not an IANA time zone (e.g. Europe/Berlin, UTC)");
        }
    }

    private static void insertOrg(Connection c, UUID orgId, String name, String currency, String zone)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO organizations (id, name, currency, time_zone) VALUES (?, ?, ?, ?)")) {
            ps.setObject(1, orgId);
            ps.setString(2, name.trim());
            ps.setString(3, currency);
            ps.setString(4, zone);
            ps.executeUpdate();
        }
    }

    private static void insertMembership(Connection c, UUID orgId, UUID userId, Role role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO memberships (organization_id, user_id, role) VALUES (?, ?, ?)")) {
            ps.setObject(1, orgId);
            ps.setObject(2, userId);
            ps.setString(3, role.wire());
            ps.executeUpdate();
        }
    }

    private static void insertSession(Connection c, UUID orgId, UUID userId, String token, Instant expires)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessions (organization_id, user_id, token_hash, "
                + "expires_at) VALUES (?, ?, ?, ?)")) {
            ps.setObject(1, orgId);
            ps.setObject(2, userId);
            ps.setString(3, SessionTokens.hash(token));
            ps.setTimestamp(4, Timestamp.from(expires));
            ps.executeUpdate();
        }
    }

    private static void markAccepted(Connection c, Invite invite, UUID userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE invites SET accepted_at = now(), accepted_by = ? "
                + "WHERE organization_id = ? AND id = ? AND accepted_at IS NULL")) {
            ps.setObject(1, userId);
            ps.setObject(2, invite.orgId());
            ps.setObject(3, invite.id());
            if (ps.executeUpdate() != 1) {
                throw new ApiException(409, "invite_used", "the invite was used meanwhile");
            }
        }
    }

    private static ApiException emailTaken() {
        return new ApiException(409, "email_taken", "an account with this email already exists: log in instead");
    }

    private static boolean isUniqueViolation(DataAccessException e) {
        return e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState());
    }

    /** Too many failed logins: a 429 with how long to wait. */
    public static final class ThrottledException extends ApiException {
        private final Duration retryAfter;

        ThrottledException(Duration retryAfter) {
            super(429, "too_many_attempts", "too many failed logins: try again in "
                    + Math.max(1, retryAfter.toSeconds()) + " s");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
