package ai.omnify.api.accounts;

import ai.omnify.api.accounts.AccountService.Membership;
import ai.omnify.api.accounts.AccountService.SessionGrant;
import ai.omnify.api.auth.AuthHandler;
import ai.omnify.api.auth.Credentials;
import ai.omnify.api.auth.Principal;
import ai.omnify.api.auth.Role;
import ai.omnify.api.auth.SessionCookies;
import ai.omnify.api.auth.SessionTokens;
import ai.omnify.api.http.JsonBody;
import ai.omnify.api.http.PageRequest;
import ai.omnify.api.http.PathParams;
import ai.omnify.api.http.QueryParams;
import ai.omnify.api.http.Responses;
import ai.omnify.model.Json;
import ai.omnify.server.auth.Scope;
import ai.omnify.server.http.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** HTTP in and out of sign-up, login, logout, the caller, organizations, members and invites. */
public final class AccountController {
    private final AccountService accounts;
    private final MemberService members;
    private final SessionCookies cookies;
    private final String publicUrl;
    private final java.time.Duration sessionTtl;

    public AccountController(AccountService accounts, MemberService members, SessionCookies cookies,
            AccountsConfig config) {
        this.accounts = accounts;
        this.members = members;
        this.cookies = cookies;
        this.publicUrl = config.publicUrl();
        this.sessionTtl = config.sessionTtl();
    }

    /** {@code POST /api/v1/auth/signup} {email, password, organization, currency?, timeZone?} or {..., inviteToken}. */
    public void signup(Context ctx) {
        JsonBody b = jsonBody(ctx);
        SessionGrant grant = accounts.signup(new AccountService.SignupRequest(b.string("email", 320),
                b.rawString("password", AccountService.MAX_PASSWORD + 1), b.optionalString("organization", 200)
                        .orElse(null), b.optionalString("currency", 3).orElse(null),
                b.optionalString("timeZone", 64).orElse(null), b.optionalString("inviteToken", 100).orElse(null)));
        sessionResponse(ctx, 201, grant);
    }

    /** {@code POST /api/v1/auth/login} {email, password, orgId?}. */
    public void login(Context ctx) {
        JsonBody b = jsonBody(ctx);
        String email = b.string("email", 320);
        String password = b.rawString("password", AccountService.MAX_PASSWORD + 1);
        Optional<UUID> orgId = b.optionalUuid("orgId");
        SessionGrant grant;
        try {
            grant = accounts.login(email, password, orgId, ctx.req().getRemoteAddr());
        } catch (AccountService.ThrottledException e) {
            ctx.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
            throw e;
        }
        sessionResponse(ctx, 200, grant);
    }

    /** {@code POST /api/v1/auth/logout}: revokes the session (a cookie-authenticated write: needs the CSRF token). */
    public void logout(Context ctx) {
        Credentials credentials = AuthHandler.credentials(ctx);
        Optional<Principal> p = AuthHandler.optionalPrincipal(ctx);
        if (p.isPresent() && p.get().method() == Principal.Method.SESSION) {
            AuthHandler.requireCsrf(ctx, p.get(), credentials);
        }
        if (credentials.sessionToken() != null) {
            accounts.logout(credentials.sessionToken());
        }
        cookies.clear(ctx);
        ctx.status(204);
    }

    /** {@code GET /api/v1/me}: who is calling, in which organization, with which role and scopes. */
    public void me(Context ctx) {
        Principal p = AuthHandler.principal(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", p.method() == Principal.Method.SESSION ? "session" : "api_key");
        if (p.method() == Principal.Method.SESSION) {
            out.put("user", Map.of("id", p.subjectId().toString(), "email", accounts.email(p.orgId(), p.subjectId())));
            out.put("role", Role.of(p.scopes()).map(Role::wire).orElse(null));
        }
        out.put("organization", org(accounts.organization(p.orgId())));
        out.put("scopes", scopes(p));
        json(ctx, 200, out);
    }

    /** {@code GET /api/v1/orgs}: the caller's organizations (a key: its own). */
    public void orgs(Context ctx) {
        Principal p = AuthHandler.principal(ctx);
        List<Map<String, Object>> items = new ArrayList<>();
        if (p.method() == Principal.Method.SESSION) {
            int limit = QueryParams.of(ctx).limit(1000);
            for (Membership m : accounts.memberships(p.subjectId())) {
                if (items.size() == limit) {
                    break;
                }
                items.add(Map.of("id", m.orgId().toString(), "name", m.name(), "role", m.role().wire(),
                        "current", m.orgId().equals(p.orgId())));
            }
        } else {
            AccountService.Organization o = accounts.organization(p.orgId());
            items.add(Map.of("id", o.id().toString(), "name", o.name(), "current", true));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("next", null);
        json(ctx, 200, page);
    }

    /** {@code POST /api/v1/orgs} {name, currency?, timeZone?}: a new organization; the session moves to it. */
    public void createOrg(Context ctx) {
        Principal p = sessionOnly(ctx);
        JsonBody b = JsonBody.of(ctx);
        SessionGrant grant = accounts.createOrganization(p, AuthHandler.credentials(ctx).sessionToken(),
                b.string("name", 200), b.optionalString("currency", 3).orElse(null),
                b.optionalString("timeZone", 64).orElse(null));
        sessionResponse(ctx, 201, grant);
    }

    /** {@code POST /api/v1/auth/switch} {orgId}: the session moves to another of the user's organizations. */
    public void switchOrg(Context ctx) {
        Principal p = sessionOnly(ctx);
        UUID orgId = JsonBody.of(ctx).optionalUuid("orgId").orElseThrow(() -> JsonBody.invalid("orgId is required"));
        sessionResponse(ctx, 200, accounts.switchOrganization(p, AuthHandler.credentials(ctx).sessionToken(), orgId));
    }

    /** {@code GET /api/v1/members?limit&cursor}. */
    public void members(Context ctx) {
        UUID orgId = AuthHandler.principal(ctx).orgId();
        Responses.page(ctx, members.members(orgId, PageRequest.from(QueryParams.of(ctx), 100)));
    }

    /** {@code PATCH /api/v1/members/{userId}} {role}. */
    public void changeRole(Context ctx) {
        UUID orgId = AuthHandler.principal(ctx).orgId();
        UUID userId = PathParams.uuid(ctx, "userId");
        Role role = role(JsonBody.of(ctx));
        members.changeRole(orgId, userId, role);
        json(ctx, 200, Map.of("userId", userId.toString(), "role", role.wire()));
    }

    /** {@code DELETE /api/v1/members/{userId}}. */
    public void removeMember(Context ctx) {
        members.remove(AuthHandler.principal(ctx).orgId(), PathParams.uuid(ctx, "userId"));
        ctx.status(204);
    }

    /** {@code POST /api/v1/invites} {email, role}: the token is in the answer only. */
    public void invite(Context ctx) {
        Principal p = AuthHandler.principal(ctx);
        JsonBody b = JsonBody.of(ctx);
        String email = AccountService.normalizeEmail(b.string("email", 320));
        MemberService.NewInvite inv = members.invite(p.orgId(),
                p.method() == Principal.Method.SESSION ? p.subjectId() : null, email, role(b));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", inv.id().toString());
        out.put("email", inv.email());
        out.put("role", inv.role().wire());
        out.put("expiresAt", inv.expiresAt().toString());
        out.put("token", inv.token());
        out.put("acceptUrl", publicUrl + "/app/#invite=" + inv.token());
        json(ctx, 201, out);
    }

    /** {@code GET /api/v1/invites?limit&cursor}. */
    public void invites(Context ctx) {
        UUID orgId = AuthHandler.principal(ctx).orgId();
        Responses.page(ctx, members.invites(orgId, PageRequest.from(QueryParams.of(ctx), 100)));
    }

    /** {@code DELETE /api/v1/invites/{id}}. */
    public void revokeInvite(Context ctx) {
        members.revokeInvite(AuthHandler.principal(ctx).orgId(), PathParams.uuid(ctx, "id"));
        ctx.status(204);
    }

    /** {@code POST /api/v1/invites/accept} {token}: a logged-in user joins; the session moves there. */
    public void acceptInvite(Context ctx) {
        Principal p = sessionOnly(ctx);
        String token = JsonBody.of(ctx).string("token", 100);
        sessionResponse(ctx, 200, accounts.acceptInvite(p, AuthHandler.credentials(ctx).sessionToken(), token));
    }

    // ------------------------------------------------------------------ helpers

    private static JsonBody jsonBody(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            // a cross-site HTML form cannot send this type without a CORS preflight: no login CSRF
            throw new ApiException(415, "unsupported_media_type", "send the body as application/json");
        }
        return JsonBody.of(ctx);
    }

    private static Principal sessionOnly(Context ctx) {
        Principal p = AuthHandler.principal(ctx);
        if (p.method() != Principal.Method.SESSION) {
            throw ApiException.forbidden("this needs a logged-in user (a session), not an API key");
        }
        return p;
    }

    private static Role role(JsonBody b) {
        String r = b.string("role", 16);
        return Role.parse(r).orElseThrow(() -> JsonBody.invalid("role (" + QueryParams.shown(r)
                + ") is not one of admin, member, viewer"));
    }

    private void sessionResponse(Context ctx, int status, SessionGrant grant) {
        cookies.set(ctx, grant.token(), sessionTtl);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", Map.of("id", grant.userId().toString()));
        out.put("organization", org(accounts.organization(grant.orgId())));
        out.put("role", grant.role().wire());
        out.put("scopes", grant.role().scopes().stream().map(Scope::wire).sorted().toList());
        out.put("expiresAt", grant.expiresAt().toString());
        out.put("csrfToken", SessionTokens.csrfFor(grant.token()));
        json(ctx, status, out);
    }

    private static Map<String, Object> org(AccountService.Organization o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id().toString());
        m.put("name", o.name());
        m.put("currency", o.currency());
        m.put("timeZone", o.timeZone());
        return m;
    }

    private static List<String> scopes(Principal p) {
        return p.scopes().stream().map(Scope::wire).sorted().toList();
    }

    static void json(Context ctx, int status, Object body) {
        try {
            Responses.json(ctx, status, Json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
