package ai.omnify.api.apikeys;

import ai.omnify.api.auth.AuthHandler.Access;
import ai.omnify.api.auth.AuthHandler;
import ai.omnify.api.http.JsonBody;
import ai.omnify.api.http.PageRequest;
import ai.omnify.api.http.PathParams;
import ai.omnify.api.http.QueryParams;
import ai.omnify.api.http.Responses;
import ai.omnify.api.module.ApiModule;
import ai.omnify.model.Json;
import ai.omnify.server.auth.Scope;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** {@code GET|POST /api/v1/api-keys}, {@code DELETE /api/v1/api-keys/{id}}: admins manage the organization's keys. */
public final class ApiKeysModule implements ApiModule {
    private final ApiKeyService keys;
    private final Consumer<String> revoked;

    /**
     * @param revoked told the hash of each key revoked here, so this process's key cache forgets it at once (other
     *     processes stop accepting it within their cache's time to live)
     */
    public ApiKeysModule(ApiKeyService keys, Consumer<String> revoked) {
        this.keys = keys;
        this.revoked = revoked;
    }

    @Override
    public void routes(RoutesConfig routes) {
        Access admin = Access.requires(Scope.ADMIN);
        routes.get("/api/v1/api-keys", this::list, admin);
        routes.post("/api/v1/api-keys", this::create, admin);
        routes.delete("/api/v1/api-keys/{id}", this::revoke, admin);
    }

    /** {@code GET /api/v1/api-keys?includeRevoked&limit&cursor}: never the keys themselves. */
    void list(Context ctx) {
        UUID orgId = AuthHandler.principal(ctx).orgId();
        QueryParams p = QueryParams.of(ctx);
        boolean revoked = p.oneOf("includeRevoked", Set.of("true", "false")).map(Boolean::parseBoolean).orElse(false);
        Responses.page(ctx, keys.list(orgId, revoked, PageRequest.from(p, 100)));
    }

    /** {@code POST /api/v1/api-keys} {name, scopes}: the key is in this answer only. */
    void create(Context ctx) {
        UUID orgId = AuthHandler.principal(ctx).orgId();
        JsonBody b = JsonBody.of(ctx);
        String name = b.string("name", 100);
        List<String> wire = b.strings("scopes", 4);
        if (wire.isEmpty()) {
            throw JsonBody.invalid("scopes is required: one or more of read, ingest, act, admin");
        }
        Set<Scope> scopes = new LinkedHashSet<>();
        for (String s : wire) {
            scopes.add(Scope.parse(s).orElseThrow(() -> JsonBody.invalid("scope (" + QueryParams.shown(s)
                    + ") is not one of read, ingest, act, admin")));
        }
        ApiKeyService.NewKey k = keys.create(orgId, name, new ArrayList<>(scopes));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", k.id().toString());
        out.put("name", k.name());
        out.put("prefix", k.prefix());
        out.put("scopes", k.scopes());
        out.put("createdAt", k.createdAt().toString());
        out.put("key", k.key());
        try {
            Responses.json(ctx, 201, Json.mapper().writeValueAsBytes(out));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code DELETE /api/v1/api-keys/{id}}. */
    void revoke(Context ctx) {
        UUID orgId = AuthHandler.principal(ctx).orgId();
        UUID id = PathParams.uuid(ctx, "id");
        revoked.accept(keys.revoke(orgId, id));
        ctx.status(204);
    }

}
