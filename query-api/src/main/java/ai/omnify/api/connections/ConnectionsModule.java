package ai.omnify.api.connections;

import ai.omnify.api.auth.AuthHandler.Access;
import ai.omnify.api.auth.AuthHandler;
import ai.omnify.api.http.Responses;
import ai.omnify.api.module.ApiModule;
import ai.omnify.model.Json;
import ai.omnify.server.auth.Scope;
import ai.omnify.server.crypto.CredentialCipher;
import ai.omnify.server.db.TenantDb;
import ai.omnify.server.http.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.UUID;

/**
 * {@code GET /api/v1/connections} (read), {@code POST /api/v1/connections} and {@code DELETE
 * /api/v1/connections/{id}} (admin). A new connection is picked up by the ingest service's scheduler within
 * {@code SYNC_RECONCILE_INTERVAL}: its first backfill, then polls. New credentials for an existing connection (a
 * reconnect after {@code needs_reauth}) move its poll to now ({@link PollRequests}). Secrets are never returned or
 * logged.
 */
public final class ConnectionsModule implements ApiModule {
    private final ConnectionService service;
    private final PollRequests polls;

    public ConnectionsModule(ConnectionService service, PollRequests polls) {
        this.service = service;
        this.polls = polls;
    }

    public ConnectionsModule(ConnectionService service) {
        this(service, PollRequests.NONE);
    }

    public ConnectionsModule(TenantDb db, CredentialCipher cipher) {
        this(new ConnectionService(db, cipher));
    }

    /** New credentials of an existing connection (a reconnect after {@code needs_reauth}) are tried at once. */
    public ConnectionsModule(TenantDb db, CredentialCipher cipher, PollRequests polls) {
        this(new ConnectionService(db, cipher), polls);
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get("/api/v1/connections", this::list, Access.requires(Scope.READ));
        routes.post("/api/v1/connections", this::create, Access.requires(Scope.ADMIN));
        routes.delete("/api/v1/connections/{id}", this::delete, Access.requires(Scope.ADMIN));
    }

    void list(Context ctx) {
        UUID org = AuthHandler.principal(ctx).orgId();
        Responses.singlePage(ctx, service.list(org));
    }

    void create(Context ctx) {
        UUID org = AuthHandler.principal(ctx).orgId();
        JsonNode body;
        try {
            body = Json.mapper().readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw new ApiException(400, "invalid_connection", "the body is not JSON: send {\"platform\",\"account\","
                    + "\"credentials\":{...}}");
        }
        ConnectionService.Saved saved = service.save(org, ConnectionRequest.parse(body));
        if (!saved.created()) { // new credentials: poll now instead of at the next interval (a new one gets its backfill)
            polls.pollNow(org, UUID.fromString(String.valueOf(saved.connection().get("id"))));
        }
        Responses.json(ctx, saved.created() ? 201 : 200, Responses.withNulls(saved.connection()));
    }

    void delete(Context ctx) {
        UUID org = AuthHandler.principal(ctx).orgId();
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("id must be a connection id (a UUID)");
        }
        if (!service.delete(org, id)) {
            throw ApiException.notFound("no connection " + id + " in this organization");
        }
        ctx.status(204);
    }
}
