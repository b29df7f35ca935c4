package ai.omnify.api.accounts;

import ai.omnify.api.auth.AuthHandler.Access;
import ai.omnify.api.auth.SessionCookies;
import ai.omnify.api.module.ApiModule;
import ai.omnify.server.auth.Scope;
import ai.omnify.server.http.ApiException;
import io.javalin.config.RoutesConfig;

/** Accounts: sign-up, login, logout, the caller, organizations, members and invites. */
public final class AccountsModule implements ApiModule {
    private final AccountController controller;
    private final OidcController oidc;
    private final OidcConfig oidcConfig;

    public AccountsModule(AccountService accounts, MemberService members, AccountsConfig config) {
        this(accounts, members, config, OidcConfig.OFF, java.time.Clock.systemUTC());
    }

    /** With sign-in through an OpenID Connect provider when {@code oidcConfig} is enabled. */
    public AccountsModule(AccountService accounts, MemberService members, AccountsConfig config,
            OidcConfig oidcConfig, java.time.Clock clock) {
        SessionCookies cookies = new SessionCookies(config.cookieSecure());
        this.controller = new AccountController(accounts, members, cookies, config);
        this.oidcConfig = oidcConfig;
        this.oidc = oidcConfig.enabled()
                ? new OidcController(new OidcClient(oidcConfig), accounts, cookies, config, clock) : null;
    }

    private OidcController oidc() {
        if (oidc == null) {
            throw new ApiException(404, "not_configured", "sign-in with an OpenID Connect provider is not configured "
                    + "(OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)");
        }
        return oidc;
    }

    @Override
    public void routes(RoutesConfig routes) {
        Access read = Access.requires(Scope.READ);
        Access admin = Access.requires(Scope.ADMIN);
        routes.post("/api/v1/auth/signup", controller::signup, Access.PUBLIC);
        routes.post("/api/v1/auth/login", controller::login, Access.PUBLIC);
        routes.post("/api/v1/auth/logout", controller::logout, Access.PUBLIC);
        routes.get("/api/v1/auth/providers", ctx -> ctx.contentType("application/json").header("Cache-Control",
                "no-store").result("{\"password\":true,\"oidc\":" + oidcConfig.enabled() + "}"), Access.PUBLIC);
        routes.get("/api/v1/auth/oidc/start", ctx -> oidc().start(ctx), Access.PUBLIC);
        routes.get("/api/v1/auth/oidc/callback", ctx -> oidc().callback(ctx), Access.PUBLIC);
        routes.post("/api/v1/auth/switch", controller::switchOrg, read);
        routes.get("/api/v1/me", controller::me, read);
        routes.get("/api/v1/orgs", controller::orgs, read);
        routes.post("/api/v1/orgs", controller::createOrg, read);
        routes.get("/api/v1/members", controller::members, read);
        routes.patch("/api/v1/members/{userId}", controller::changeRole, admin);
        routes.delete("/api/v1/members/{userId}", controller::removeMember, admin);
        routes.get("/api/v1/invites", controller::invites, admin);
        routes.post("/api/v1/invites", controller::invite, admin);
        routes.post("/api/v1/invites/accept", controller::acceptInvite, read);
        routes.delete("/api/v1/invites/{id}", controller::revokeInvite, admin);
    }
}
