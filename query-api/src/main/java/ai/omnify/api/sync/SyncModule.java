package ai.omnify.api.sync;

import ai.omnify.api.auth.AuthHandler.Access;
import ai.omnify.api.auth.AuthHandler;
import ai.omnify.api.http.Responses;
import ai.omnify.api.module.ApiModule;
import ai.omnify.model.Json;
import ai.omnify.server.auth.Scope;
import ai.omnify.server.db.TenantDb;
import ai.omnify.server.http.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/v1/sync} (read): per connection its state, last success, rows and pages done/total of the current (or
 * last) run, and errors. {@code POST /api/v1/sync/backfills} (admin) {@code {"connectionId","from","to"}}: queues a
 * backfill of those dates (account time zone; Shopify: orders updated since {@code from}), answered 202; the ingest
 * service's scheduler runs it within {@code SYNC_RECONCILE_INTERVAL}. {@code GET /api/v1/sync/runs/{id}} (read): one run.
 */
public final class SyncModule implements ApiModule {
    public static final int MAX_BACKFILL_DAYS = 1200;
    private final SyncService service;
    private final Clock clock;

    public SyncModule(SyncService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    public SyncModule(TenantDb db, Clock clock) {
        this(new SyncService(db), clock);
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get("/api/v1/sync", this::status, Access.requires(Scope.READ));
        routes.post("/api/v1/sync/backfills", this::backfill, Access.requires(Scope.ADMIN));
        routes.get("/api/v1/sync/runs/{id}", this::run, Access.requires(Scope.READ));
    }

    void status(Context ctx) {
        UUID org = AuthHandler.principal(ctx).orgId();
        Responses.singlePage(ctx, service.status(org));
    }

    void run(Context ctx) {
        UUID org = AuthHandler.principal(ctx).orgId();
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("id must be a sync run id (a UUID)");
        }
        Map<String, Object> run = service.run(org, id);
        if (run == null) {
            throw ApiException.notFound("no sync run " + id + " in this organization");
        }
        Responses.json(ctx, 200, Responses.withNulls(run));
    }

    void backfill(Context ctx) {
        UUID org = AuthHandler.principal(ctx).orgId();
        JsonNode body;
        try {
            body = Json.mapper().readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "invalid_backfill", "the body must be {\"connectionId\",\"from\",\"to\"}");
        }
        UUID connection;
        try {
            connection = UUID.fromString(body.path("connectionId").asText(""));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_backfill", "connectionId must be a connection id (GET /api/v1/connections)");
        }
        LocalDate from = date(body, "from");
        LocalDate to = date(body, "to");
        LocalDate tomorrow = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1);
        if (from.isAfter(to)) {
            throw new ApiException(400, "invalid_backfill", "from (" + from + ") is after to (" + to + ")");
        }
        if (to.isAfter(tomorrow)) {
            throw new ApiException(400, "invalid_backfill", "to (" + to + ") is in the future");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_BACKFILL_DAYS) {
            throw new ApiException(400, "invalid_backfill", "at most " + MAX_BACKFILL_DAYS + " days per backfill");
        }
        Responses.json(ctx, 202, Responses.withNulls(service.requestBackfill(org, connection, from, to)));
    }

    private static LocalDate date(JsonNode body, String field) {
        String s = body.path(field).asText("");
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "invalid_backfill", field + " must be a date YYYY-MM-DD" + (s.isEmpty() ? ""
                    : " (got '" + (s.length() > 20 ? s.substring(0, 20) + "..." : s) + "')"));
        }
    }
}
