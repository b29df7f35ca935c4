package ai.omnify.api.metrics;

import ai.omnify.api.auth.AuthHandler;
import ai.omnify.api.auth.Principal;
import ai.omnify.api.http.PageCache;
import ai.omnify.api.http.QueryParams;
import ai.omnify.api.http.Responses;
import ai.omnify.api.metrics.MetricsTable.Granularity;
import ai.omnify.api.orgs.OrgSettingsService;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** HTTP in and out of the metrics endpoints. */
public final class MetricsController {
    private final MetricsService metrics;
    private final OrgSettingsService orgs;
    private final PageCache cache;
    private final Clock clock;

    public MetricsController(MetricsService metrics, OrgSettingsService orgs, PageCache cache, Clock clock) {
        this.metrics = metrics;
        this.orgs = orgs;
        this.cache = cache;
        this.clock = clock;
    }

    /** {@code GET /api/v1/metrics/daily}. */
    public void daily(Context ctx) {
        list(ctx, Granularity.DAY);
    }

    /** {@code GET /api/v1/metrics/hourly}. */
    public void hourly(Context ctx) {
        list(ctx, Granularity.HOUR);
    }

    /** {@code GET /api/v1/metrics/org-daily}. */
    public void orgDaily(Context ctx) {
        UUID orgId = AuthHandler.principal(ctx).orgId();
        var query = MetricsParams.parseOrgDaily(QueryParams.of(ctx), today(orgId));
        Responses.page(ctx, cache.get(List.of(orgId, query), () -> metrics.orgDaily(orgId, query)));
    }

    private void list(Context ctx, Granularity granularity) {
        Principal principal = AuthHandler.principal(ctx);
        MetricsQuery query = MetricsParams.parse(QueryParams.of(ctx), granularity,
                today(principal.orgId()));
        UUID orgId = principal.orgId();
        Responses.page(ctx, cache.get(List.of(orgId, query), () -> metrics.list(orgId, query)));
    }

    private Supplier<LocalDate> today(UUID orgId) {
        return () -> LocalDate.now(clock.withZone(orgs.settings(orgId).timeZone()));
    }
}
