package ai.omnify.api.accounts;

import static ai.omnify.api.http.RowFormat.field;

import ai.omnify.api.auth.Role;
import ai.omnify.api.auth.SessionTokens;
import ai.omnify.api.http.JsonPage;
import ai.omnify.api.http.ListQuery;
import ai.omnify.api.http.PageRequest;
import ai.omnify.api.http.RowFormat.Kind;
import ai.omnify.api.http.RowFormat;
import ai.omnify.api.http.SortKey;
import ai.omnify.server.db.TenantDb;
import ai.omnify.server.http.ApiException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Members of an organization and invites to it; every statement names the organization. */
public final class MemberService {
    static final SortKey MEMBER_KEY = SortKey.of("members.v1", SortKey.text("email"), SortKey.uuid("user_id"));
    static final RowFormat MEMBER_FORMAT = RowFormat.of(
            field("userId", "user_id", Kind.UUID),
            field("email", "email", Kind.TEXT),
            field("role", "role", Kind.TEXT),
            field("joinedAt", "joined_at", Kind.INSTANT));
    static final String MEMBERS = "(SELECT m.organization_id, m.user_id, u.email, m.role, m.created_at AS joined_at "
            + "FROM memberships m JOIN users u ON u.id = m.user_id) AS members";

    static final SortKey INVITE_KEY = SortKey.of("invites.v1", SortKey.text("email"), SortKey.uuid("id"));
    static final RowFormat INVITE_FORMAT = RowFormat.of(
            field("id", "id", Kind.UUID),
            field("email", "email", Kind.TEXT),
            field("role", "role", Kind.TEXT),
            field("status", "CASE WHEN accepted_at IS NOT NULL THEN 'accepted' WHEN revoked_at IS NOT NULL "
                    + "THEN 'revoked' WHEN expires_at <= now() THEN 'expired' ELSE 'pending' END AS status", Kind.TEXT),
            field("createdAt", "created_at", Kind.INSTANT),
            field("expiresAt", "expires_at", Kind.INSTANT));

    /** A new invite: the token is shown once, to the admin who made it. */
    public record NewInvite(UUID id, String email, Role role, Instant expiresAt, String token) {}

    private final TenantDb db;
    private final Duration inviteTtl;
    private final Clock clock;

    public MemberService(TenantDb db, Duration inviteTtl, Clock clock) {
        this.db = db;
        this.inviteTtl = inviteTtl;
        this.clock = clock;
    }

    public JsonPage members(UUID orgId, PageRequest page) {
        return db.inOrg(orgId, new ListQuery(MEMBERS, MEMBER_FORMAT, MEMBER_KEY, orgId, page)::page);
    }

    /** Changes a member's role; an organization always keeps one admin. */
    public void changeRole(UUID orgId, UUID userId, Role role) {
        db.inOrg(orgId, c -> {
            Role current = lockedRole(c, orgId, userId);
            if (current == Role.ADMIN && role != Role.ADMIN) {
                requireAnotherAdmin(c, orgId, userId);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE memberships SET role = ? WHERE organization_id = ? AND user_id = ?")) {
                ps.setString(1, role.wire());
                ps.setObject(2, orgId);
                ps.setObject(3, userId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Removes a member and ends their sessions in this organization; an organization always keeps one admin. */
    public void remove(UUID orgId, UUID userId) {
        db.inOrg(orgId, c -> {
            if (lockedRole(c, orgId, userId) == Role.ADMIN) {
                requireAnotherAdmin(c, orgId, userId);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM memberships WHERE organization_id = ? AND user_id = ?")) {
                ps.setObject(1, orgId);
                ps.setObject(2, userId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET revoked_at = now() "
                    + "WHERE organization_id = ? AND user_id = ? AND revoked_at IS NULL")) {
                ps.setObject(1, orgId);
                ps.setObject(2, userId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public NewInvite invite(UUID orgId, UUID invitedBy, String email, Role role) {
        String token = SessionTokens.newInviteToken();
        Instant expires = clock.instant().plus(inviteTtl);
        UUID id = db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO invites (organization_id, email, role, "
                    + "token_hash, invited_by, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
                ps.setObject(1, orgId);
                ps.setString(2, email);
                ps.setString(3, role.wire());
                ps.setString(4, SessionTokens.hash(token));
                ps.setObject(5, invitedBy);
                ps.setTimestamp(6, Timestamp.from(expires));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        });
        return new NewInvite(id, email, role, expires, token);
    }

    public JsonPage invites(UUID orgId, PageRequest page) {
        return db.inOrg(orgId, new ListQuery("invites", INVITE_FORMAT, INVITE_KEY, orgId, page)::page);
    }

    /** Revokes a pending invite; 404 for an unknown one, or one of another organization. */
    public void revokeInvite(UUID orgId, UUID inviteId) {
        int n = db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE invites SET revoked_at = now() "
                    + "WHERE organization_id = ? AND id = ? AND accepted_at IS NULL AND revoked_at IS NULL")) {
                ps.setObject(1, orgId);
                ps.setObject(2, inviteId);
                return ps.executeUpdate();
            }
        });
        if (n == 0) {
            throw ApiException.notFound("no pending invite " + inviteId);
        }
    }

    private static Role lockedRole(Connection c, UUID orgId, UUID userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT role FROM memberships "
                + "WHERE organization_id = ? AND user_id = ? FOR UPDATE")) {
            ps.setObject(1, orgId);
            ps.setObject(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiException.notFound("no member " + userId);
                }
                return Role.parse(rs.getString(1)).orElse(Role.VIEWER);
            }
        }
    }

    private static void requireAnotherAdmin(Connection c, UUID orgId, UUID userId) throws SQLException {
        // locks the organization's admin rows so two concurrent demotions cannot leave none
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id FROM memberships "
                + "WHERE organization_id = ? AND role = 'admin' AND user_id <> ? FOR UPDATE")) {
            ps.setObject(1, orgId);
            ps.setObject(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ApiException(409, "last_admin", "an organization needs at least one admin: "
                            + "make another member admin first");
                }
            }
        }
    }
}
