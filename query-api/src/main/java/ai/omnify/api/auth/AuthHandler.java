package ai.omnify.api.auth;

import ai.omnify.api.http.ApiException;
import ai.omnify.api.http.RequestObserver;
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
            throw ApiException.unauthorized("missing credentials: send Authorization: Bearer <api key>");
        }
        Principal principal = authenticator.authenticate(credentials).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return ApiException.unauthorized("the API key is not valid (unknown or revoked)");
        });
        remember(ctx, principal);
        for (RouteRole role : roles) {
            if (role instanceof Access.Requires r && !principal.has(r.scope())) {
                throw ApiException.forbidden("this API key lacks the '" + r.scope().wire() + "' scope");
            }
        }
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

    static Credentials credentials(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return Credentials.NONE;
        }
        String h = header.trim();
        if (h.length() > 7 && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = h.substring(7).trim();
            return token.isEmpty() ? Credentials.NONE : new Credentials(token);
        }
        return Credentials.NONE;
    }
}
