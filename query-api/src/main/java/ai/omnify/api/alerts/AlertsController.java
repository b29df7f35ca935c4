package ai.omnify.api.alerts;

import ai.omnify.api.auth.AuthHandler;
import ai.omnify.api.auth.Principal;
import ai.omnify.api.http.PageRequest;
import ai.omnify.api.http.QueryParams;
import ai.omnify.api.http.Responses;
import ai.omnify.model.Json;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import ai.omnify.model.alert.Severity;
import ai.omnify.server.http.ApiException;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** HTTP in and out of {@code /api/v1/alerts}, {@code /api/v1/alerts/{id}/ack} and {@code /api/v1/alert-rules}. */
public final class AlertsController {
    public static final int DEFAULT_LIMIT = 100;
    static final Set<String> KINDS = Arrays.stream(AlertKind.values()).map(AlertKind::wire)
            .collect(Collectors.toUnmodifiableSet());
    static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    static final Set<String> STATUSES = Set.of("open", "acknowledged", "resolved");

    private final AlertService alerts;
    private final AlertRulesService rules;
    private final Clock clock;

    public AlertsController(AlertService alerts, AlertRulesService rules, Clock clock) {
        this.alerts = alerts;
        this.rules = rules;
        this.clock = clock;
    }

    /** {@code GET /api/v1/alerts?since&severity&kind&status&limit&cursor}: newest first. */
    public void list(Context ctx) {
        UUID orgId = AuthHandler.principal(ctx).orgId();
        QueryParams p = QueryParams.of(ctx);
        AlertService.Filter f = new AlertService.Filter(since(p),
                p.oneOf("severity", SEVERITIES).flatMap(Severity::parse),
                p.oneOf("kind", KINDS), p.oneOf("status", STATUSES));
        PageRequest page = PageRequest.from(p, DEFAULT_LIMIT);
        Responses.page(ctx, alerts.list(orgId, f, page.limit(), page.cursor()));
    }

    /** {@code POST /api/v1/alerts/{id}/ack}. */
    public void ack(Context ctx) {
        UUID orgId = AuthHandler.principal(ctx).orgId();
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("alert id '" + QueryParams.shown(ctx.pathParam("id"))
                    + "' is not a UUID");
        }
        Responses.json(ctx, 200, Responses.withNulls(alerts.acknowledge(orgId, id)));
    }

    /** {@code GET /api/v1/alert-rules}. */
    public void getRules(Context ctx) {
        UUID orgId = AuthHandler.principal(ctx).orgId();
        Responses.json(ctx, 200, Json.writeBytes(rules.get(orgId)));
    }

    /** {@code PUT /api/v1/alert-rules}: the whole rules; applied by the running job on its next record. */
    public void putRules(Context ctx) {
        Principal principal = AuthHandler.principal(ctx);
        String by = principal.method().name().toLowerCase() + ":" + principal.subjectId();
        AlertRules stored = rules.put(principal.orgId(), ctx.body(), by, clock.instant());
        Responses.json(ctx, 200, Json.writeBytes(stored));
    }

    /** {@code since}: an instant (ISO-8601) or a date (its start, UTC). */
    static Optional<Instant> since(QueryParams p) {
        Optional<String> raw = p.string("since");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String s = raw.get();
        try {
            return Optional.of(s.length() == 10 ? java.time.LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC)
                    .toInstant() : Instant.parse(s));
        } catch (DateTimeParseException e) {
            throw ApiException.invalidParameter("since '" + QueryParams.shown(s)
                    + "' is not an instant (2026-07-01T00:00:00Z) or a date (2026-07-01)");
        }
    }
}
