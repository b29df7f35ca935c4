package ai.omnify.api;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.server.auth.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;

/**
 * Every route with the scope it needs, tried with every kind of caller: nobody gets 401 (unless the route is public),
 * a caller without the scope gets 403, a caller with it gets past authentication (any other status). Bodies and ids
 * are chosen so that a call that gets through changes nothing (a validation error or a 404). To cover a new module,
 * add its routes to {@link #routes()}.
 */
public final class RouteMatrix {
    /** A route: {@code scope} null means public; {@code sessionOnly} routes refuse API keys with 403. */
    public record Route(String method, String path, String body, Scope scope, boolean sessionOnly) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A caller with what it may do. */
    public record Actor(Caller caller, Set<Scope> scopes, boolean session) {}

    static final String NOBODY = "00000000-0000-4000-8000-000000000000";

    public static List<Route> routes() {
        List<Route> r = new ArrayList<>();
        // core (streaming core)
        r.add(new Route("GET", "/api/v1/channels", null, Scope.READ, false));
        r.add(new Route("GET", "/api/v1/creatives", null, Scope.READ, false));
        r.add(new Route("GET", "/api/v1/metrics/daily?from=2025-01-01&to=2025-01-02", null, Scope.READ, false));
        r.add(new Route("GET", "/api/v1/metrics/hourly?from=2025-01-01&to=2025-01-02", null, Scope.READ, false));
        r.add(new Route("GET", "/api/v1/metrics/org-daily?from=2025-01-01&to=2025-01-02", null, Scope.READ, false));
        // accounts (issue 6)
        r.add(new Route("POST", "/api/v1/auth/signup", "{}", null, false));
        r.add(new Route("POST", "/api/v1/auth/login", "{}", null, false));
        r.add(new Route("POST", "/api/v1/auth/switch", "{}", Scope.READ, true));
        r.add(new Route("GET", "/api/v1/auth/providers", null, null, false));
        r.add(new Route("GET", "/api/v1/auth/oidc/start", null, null, false));
        r.add(new Route("GET", "/api/v1/auth/oidc/callback?state=x&code=y", null, null, false));
        r.add(new Route("GET", "/api/v1/me", null, Scope.READ, false));
        r.add(new Route("GET", "/api/v1/orgs", null, Scope.READ, false));
        r.add(new Route("POST", "/api/v1/orgs", "{}", Scope.READ, true));
        r.add(new Route("GET", "/api/v1/members", null, Scope.READ, false));
        r.add(new Route("PATCH", "/api/v1/members/" + NOBODY, "{\"role\":\"viewer\"}", Scope.ADMIN, false));
        r.add(new Route("DELETE", "/api/v1/members/" + NOBODY, null, Scope.ADMIN, false));
        r.add(new Route("GET", "/api/v1/invites", null, Scope.ADMIN, false));
        r.add(new Route("POST", "/api/v1/invites", "{}", Scope.ADMIN, false));
        r.add(new Route("POST", "/api/v1/invites/accept", "{}", Scope.READ, true));
        r.add(new Route("DELETE", "/api/v1/invites/" + NOBODY, null, Scope.ADMIN, false));
        r.add(new Route("GET", "/api/v1/api-keys", null, Scope.ADMIN, false));
        r.add(new Route("POST", "/api/v1/api-keys", "{}", Scope.ADMIN, false));
        r.add(new Route("DELETE", "/api/v1/api-keys/" + NOBODY, null, Scope.ADMIN, false));
        // connections and sync (issue 3)
        r.add(new Route("GET", "/api/v1/connections", null, Scope.READ, false));
        r.add(new Route("POST", "/api/v1/connections", "{}", Scope.ADMIN, false));
        r.add(new Route("DELETE", "/api/v1/connections/" + NOBODY, null, Scope.ADMIN, false));
        r.add(new Route("GET", "/api/v1/sync", null, Scope.READ, false));
        r.add(new Route("POST", "/api/v1/sync/backfills", "{}", Scope.ADMIN, false));
        r.add(new Route("GET", "/api/v1/sync/runs/" + NOBODY, null, Scope.READ, false));
        // alerts (issue 4): the stream answers its status at once (TestHttp does not wait for an event stream's end)
        r.add(new Route("GET", "/api/v1/alerts", null, Scope.READ, false));
        r.add(new Route("GET", "/api/v1/alerts/stream", null, Scope.READ, false));
        r.add(new Route("POST", "/api/v1/alerts/" + NOBODY + "/ack", null, Scope.ACT, false));
        r.add(new Route("GET", "/api/v1/alert-rules", null, Scope.READ, false));
        r.add(new Route("PUT", "/api/v1/alert-rules", "[]", Scope.ADMIN, false));
        r.add(new Route("GET", "/api/v1/alert-subscriptions", null, Scope.ADMIN, false));
        r.add(new Route("POST", "/api/v1/alert-subscriptions", "{}", Scope.ADMIN, false));
        r.add(new Route("DELETE", "/api/v1/alert-subscriptions/" + NOBODY, null, Scope.ADMIN, false));
        // brain and actions (issue 5)
        r.add(new Route("GET", "/api/v1/brain", null, Scope.READ, false));
        r.add(new Route("GET", "/api/v1/brain/history", null, Scope.READ, false));
        r.add(new Route("GET", "/api/v1/brain/accuracy", null, Scope.READ, false));
        r.add(new Route("GET", "/api/v1/actions", null, Scope.READ, false));
        r.add(new Route("POST", "/api/v1/actions/" + NOBODY + "/accept", null, Scope.ACT, false));
        r.add(new Route("POST", "/api/v1/actions/" + NOBODY + "/dismiss", null, Scope.ACT, false));
        // reports (issue 6)
        r.add(new Route("GET", "/api/v1/reports/metrics.csv?from=2025-01-01&to=2025-01-02", null, Scope.READ, false));
        r.add(new Route("GET", "/api/v1/reports/summary.pdf?from=2025-01-02&to=2025-01-01", null, Scope.READ, false));
        return r;
    }

    /** Tries every route with every actor and anonymous; collects every mismatch. */
    public static void check(TestHttp http, List<Route> routes, List<Actor> actors) {
        SoftAssertions soft = new SoftAssertions();
        for (Route route : routes) {
            TestHttp.Response anon = Caller.ANONYMOUS.call(http, route.method(), route.path(), route.body());
            if (route.scope() == null) {
                soft.assertThat(anon.status()).as(route + " as anonymous (public) " + anon.body()).isNotIn(401, 403);
            } else {
                soft.assertThat(anon.status()).as(route + " as anonymous " + anon.body()).isEqualTo(401);
                soft.assertThat(anon.errorCode()).as(route + " error code").isEqualTo("unauthorized");
            }
            for (Actor actor : actors) {
                TestHttp.Response r = actor.caller().call(http, route.method(), route.path(), route.body());
                boolean allowed = route.scope() == null
                        || (actor.scopes().contains(route.scope()) && (actor.session() || !route.sessionOnly()));
                if (allowed) {
                    soft.assertThat(r.status()).as(route + " as " + actor.caller() + ": " + r.body()).isNotIn(401, 403);
                } else {
                    soft.assertThat(r.status()).as(route + " as " + actor.caller() + ": " + r.body()).isEqualTo(403);
                    soft.assertThat(r.errorCode()).as(route + " as " + actor.caller()).isEqualTo("forbidden");
                }
                if (r.status() >= 400) {
                    soft.assertThat(r.json().path("error").path("code").isTextual()).as(route + " error shape")
                            .isTrue();
                }
            }
        }
        soft.assertAll();
    }

    static void assertJsonError(TestHttp.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.body()).isEqualTo(code);
        assertThat(r.errorMessage()).isNotBlank();
    }
}
