package ai.omnify.api.brain;

import ai.omnify.api.auth.AuthHandler.Access;
import ai.omnify.api.auth.AuthHandler;
import ai.omnify.api.http.JsonPage;
import ai.omnify.api.http.PageCache;
import ai.omnify.api.http.QueryParams;
import ai.omnify.api.http.Responses;
import ai.omnify.api.module.ApiModule;
import ai.omnify.model.Json;
import ai.omnify.server.auth.Scope;
import ai.omnify.server.db.TenantDb;
import ai.omnify.server.http.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /api/v1/brain}, {@code /brain/history}, {@code /brain/accuracy} (read); {@code GET /api/v1/actions}
 * (read); {@code POST /api/v1/actions/{id}/accept|dismiss} (act).
 */
public final class BrainModule implements ApiModule {
    static final Set<String> METRICS = Set.of("spend", "revenue", "roas");
    static final Set<String> STATUSES = Set.of("open", "accepted", "dismissed", "expired");

    private final BrainService brain;
    private final PageCache cache;

    /**
     * @param cache the server's micro-cache: the current state of an organization is answered from memory within its
     *     time to live (QUERY_API_CACHE_TTL, 500 ms by default), as the metrics pages are; a missing state is not cached
     */
    public BrainModule(BrainService brain, PageCache cache) {
        this.brain = brain;
        this.cache = cache;
    }

    public BrainModule(TenantDb db, PageCache cache) {
        this(new BrainService(db), cache);
    }

    public BrainModule(TenantDb db) {
        this(new BrainService(db), PageCache.disabled());
    }

    @Override
    public String openApiResource() {
        return "/openapi/brain.json";
    }

    @Override
    public void routes(RoutesConfig routes) {
        Access read = Access.requires(Scope.READ);
        Access act = Access.requires(Scope.ACT);
        routes.get("/api/v1/brain", this::current, read);
        routes.get("/api/v1/brain/history", this::history, read);
        routes.get("/api/v1/brain/accuracy", this::accuracy, read);
        routes.get("/api/v1/actions", this::actions, read);
        routes.post("/api/v1/actions/{id}/accept", ctx -> decide(ctx, "accepted"), act);
        routes.post("/api/v1/actions/{id}/dismiss", ctx -> decide(ctx, "dismissed"), act);
    }

    void current(Context ctx) {
        UUID org = AuthHandler.principal(ctx).orgId();
        JsonPage state = cache.get(java.util.List.of("brain", org), () -> new JsonPage(brain.current(org)
                .orElseThrow(() -> ApiException.notFound("no brain state yet for this organization: it appears once "
                        + "the brain job has seen its metrics")), 1, null));
        Responses.json(ctx, 200, state.body());
    }

    void history(Context ctx) {
        UUID org = AuthHandler.principal(ctx).orgId();
        QueryParams p = QueryParams.of(ctx);
        Optional<Long> before = p.string("cursor").map(BrainModule::version);
        boolean full = p.string("include").map(v -> {
            if (!v.equals("state")) {
                throw ApiException.invalidParameter("include must be 'state', got " + QueryParams.shown(v));
            }
            return true;
        }).orElse(false);
        Responses.json(ctx, 200, Json.writeBytes(brain.history(org, before, p.limit(50), full)));
    }

    void accuracy(Context ctx) {
        UUID org = AuthHandler.principal(ctx).orgId();
        QueryParams p = QueryParams.of(ctx);
        Responses.json(ctx, 200, Json.writeBytes(brain.accuracy(org, p.oneOf("metric", METRICS), p.uuid("channelId"))));
    }

    void actions(Context ctx) {
        UUID org = AuthHandler.principal(ctx).orgId();
        QueryParams p = QueryParams.of(ctx);
        Responses.json(ctx, 200, Json.writeBytes(brain.actions(org, p.oneOf("status", STATUSES), p.limit(50))));
    }

    void decide(Context ctx, String decision) {
        var principal = AuthHandler.principal(ctx);
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("action id must be a UUID, got " + QueryParams.shown(ctx.pathParam("id")));
        }
        Responses.json(ctx, 200, Json.writeBytes(brain.decide(principal.orgId(), id, decision, principal.subjectId())));
    }

    private static long version(String cursor) {
        try {
            long v = Long.parseLong(cursor);
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.invalidParameter("cursor must be the 'next' value of a previous page, got "
                    + QueryParams.shown(cursor));
        }
    }
}
