package ai.omnify.api.accounts;

import ai.omnify.api.auth.AuthHandler.Access;
import ai.omnify.api.auth.Scope;
import ai.omnify.api.auth.SessionCookies;
import ai.omnify.api.module.ApiModule;
import io.javalin.config.RoutesConfig;

/** Accounts: sign-up, login, logout, the caller, organizations, members and invites. */
public final class AccountsModule implements ApiModule {
    private final AccountController controller;

    public AccountsModule(AccountService accounts, MemberService members, AccountsConfig config) {
        this.controller = new AccountController(accounts, members, new SessionCookies(config.cookieSecure()),
                config);
    }

    @Override
    public void routes(RoutesConfig routes) {
        Access read = Access.requires(Scope.READ);
        Access admin = Access.requires(Scope.ADMIN);
        routes.post("/api/v1/auth/signup", controller::signup, Access.PUBLIC);
        routes.post("/api/v1/auth/login", controller::login, Access.PUBLIC);
        routes.post("/api/v1/auth/logout", controller::logout, Access.PUBLIC);
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
