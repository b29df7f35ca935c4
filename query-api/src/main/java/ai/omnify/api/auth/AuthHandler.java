package ai.omnify.api.auth;

import ai.omnify.api.http.RequestObserver;
import ai.omnify.server.auth.BearerToken;
import ai.omnify.server.auth.Scope;
import ai.omnify.server.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every matched {@code /api} route: finds the caller from the request's credentials and checks the scope
 * the route requires. Routes under {@code /api} are closed unless marked {@link Access#PUBLIC}: without a principal,
 * 401; without the scope, 403. The principal is then available to handlers through {@link #principal(Context)}.
 */
public final class AuthHandler implements Handler {
    private static final String PRINCIPAL = "omnify.principal";

    /** Route roles: what a route requires. */
    public sealed interface Access extends RouteRole permits Access.Public, Access.Requires {
        Access PUBLIC = new Public();

        static Access requires(Scope scope) {
            return new Requires(scope);
        }

        record Public() implements Access {}

        record Requires(Scope scope) implements Access {}
    }

    private final Authenticator authenticator;

    public AuthHandler(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void handle(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        Credentials credentials = credentials(ctx);
        if (roles.contains(Access.PUBLIC)) {
            if (!credentials.isEmpty()) {
                authenticator.authenticate(credentials).ifPresent(p -> remember(ctx, p));
            }
            return;
        }
        if (credentials.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw ApiException.unauthorized("missing credentials: send Authorization: Bearer <api key>, "
                    + "or log in (POST /api/v1/auth/login)");
        }
        Principal principal = authenticator.authenticate(credentials).orElseThrow(() -> {
            if (credentials.bearerToken() != null) {
                ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                return ApiException.unauthorized("the API key is not valid (unknown or revoked)");
            }
            return ApiException.unauthorized("the session is not valid (expired, revoked or unknown): log in again");
        });
        requireCsrf(ctx, principal, credentials);
        remember(ctx, principal);
        for (RouteRole role : roles) {
            if (role instanceof Access.Requires r && !principal.has(r.scope())) {
                throw ApiException.forbidden(principal.method() == Principal.Method.SESSION
                        ? "your role in this organization lacks the '" + r.scope().wire() + "' scope"
                        : "this API key lacks the '" + r.scope().wire() + "' scope");
            }
        }
    }

    /**
     * A write authenticated by the session cookie must carry the session's CSRF token in {@code X-CSRF-Token}: a
     * cookie is sent by the browser whoever made the page, the header only by the dashboard's own script.
     */
    public static void requireCsrf(Context ctx, Principal principal, Credentials credentials) {
        if (principal.method() != Principal.Method.SESSION || isSafe(ctx.method().name())) {
            return;
        }
        if (!SessionTokens.csrfMatches(credentials.sessionToken(), ctx.header(SessionCookies.CSRF_HEADER))) {
            throw new ApiException(403, "csrf_failed", "a write with a session cookie needs the "
                    + SessionCookies.CSRF_HEADER + " header holding the omnify_csrf cookie's value");
        }
    }

    private static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    /** The authenticated caller of a route that requires one. */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("no principal: route " + ctx.path() + " is not behind AuthHandler");
        }
        return p;
    }

    /** The caller, if any, of a public route. */
    public static Optional<Principal> optionalPrincipal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL));
    }

    private static void remember(Context ctx, Principal p) {
        ctx.attribute(PRINCIPAL, p);
        ctx.attribute(RequestObserver.ORG_ATTRIBUTE, p.orgId());
    }

    /** The bearer token and the session cookie of a request. */
    public static Credentials credentials(Context ctx) {
        String session = ctx.cookie(SessionCookies.SESSION);
        if (session != null && session.isBlank()) {
            session = null;
        }
        String bearer = BearerToken.from(ctx.header("Authorization")).orElse(null);
        return bearer == null && session == null ? Credentials.NONE : new Credentials(bearer, session);
    }
}
