package ai.omnify.api.metrics;

import static ai.omnify.api.http.RowFormat.field;

import ai.omnify.api.http.JsonPage;
import ai.omnify.api.http.ListQuery;
import ai.omnify.api.http.RowFormat.Kind;
import ai.omnify.api.http.RowFormat;
import ai.omnify.api.http.SortKey;
import ai.omnify.api.metrics.MetricsParams.OrgDailyQuery;
import ai.omnify.server.db.TenantDb;
import java.util.UUID;

/** Metrics rows of one organization, as JSON pages streamed from PostgreSQL. */
public final class MetricsService {
    static final SortKey ORG_DAILY_KEY = SortKey.of("metrics.org-daily.v1", SortKey.date("date"));
    static final RowFormat ORG_DAILY_FORMAT = RowFormat.of(
            field("date", "date", Kind.DATE),
            field("spend", "spend", Kind.DECIMAL),
            field("conversionValue", "conversion_value", Kind.DECIMAL),
            field("storeRevenue", "store_revenue", Kind.DECIMAL),
            field("orders", "orders", Kind.INT),
            field("attributedRevenue", "attributed_revenue", Kind.DECIMAL),
            field("mer", "mer", Kind.DECIMAL),
            field("currency", "currency", Kind.TEXT));

    private final TenantDb db;

    public MetricsService(TenantDb db) {
        this.db = db;
    }

    /** Channel or creative rows, daily or hourly, ordered by date (and hour), then channel id (then creative id). */
    public JsonPage list(UUID orgId, MetricsQuery q) {
        MetricsTable t = q.table();
        ListQuery list = new ListQuery(t.table(), t.format(), t.sortKey(), orgId, q.page())
                .and("date BETWEEN ? AND ?", q.range().from(), q.range().to());
        q.channelId().ifPresent(id -> list.and("channel_id = ?", id));
        q.creativeId().ifPresent(id -> list.and("creative_id = ?", id));
        return db.inOrg(orgId, list::page);
    }

    /** Organization-wide rows per day (all spend against all store revenue: blended MER), ordered by date. */
    public JsonPage orgDaily(UUID orgId, OrgDailyQuery q) {
        ListQuery list = new ListQuery("org_daily_metrics", ORG_DAILY_FORMAT, ORG_DAILY_KEY, orgId, q.page())
                .and("date BETWEEN ? AND ?", q.range().from(), q.range().to());
        return db.inOrg(orgId, list::page);
    }
}
