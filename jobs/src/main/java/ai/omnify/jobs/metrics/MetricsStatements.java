package ai.omnify.jobs.metrics;

import ai.omnify.model.Ids;
import ai.omnify.model.insight.AdEntity;
import ai.omnify.model.insight.AdEntityRules;
import ai.omnify.model.metrics.MetricsUpdate;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

/**
 * The upserts of the metrics tables. Each sets the row to the values given — never adds to what is stored — so
 * writing a row twice, or replaying after a restore, leaves the same row.
 */
public final class MetricsStatements {
    private MetricsStatements() {}

    private static final String METRIC_COLUMNS = "spend, impressions, clicks, conversions, conversion_value, "
            + "attributed_revenue, attributed_orders, roas, cpa, ctr, cpc, cpm, currency, as_of";
    private static final String METRIC_UPDATES = """
            spend = EXCLUDED.spend, impressions = EXCLUDED.impressions, clicks = EXCLUDED.clicks,
            conversions = EXCLUDED.conversions, conversion_value = EXCLUDED.conversion_value,
            attributed_revenue = EXCLUDED.attributed_revenue, attributed_orders = EXCLUDED.attributed_orders,
            roas = EXCLUDED.roas, cpa = EXCLUDED.cpa, ctr = EXCLUDED.ctr, cpc = EXCLUDED.cpc, cpm = EXCLUDED.cpm,
            currency = EXCLUDED.currency, as_of = EXCLUDED.as_of, updated_at = now()""";

    public static final String CHANNEL_DAILY = "INSERT INTO daily_metrics (organization_id, channel_id, date, "
            + METRIC_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (channel_id, date) DO UPDATE SET " + METRIC_UPDATES;

    public static final String CHANNEL_HOURLY = "INSERT INTO hourly_metrics (organization_id, channel_id, date, hour, "
            + METRIC_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (channel_id, date, hour) DO UPDATE SET " + METRIC_UPDATES;

    public static final String CREATIVE_DAILY = "INSERT INTO creative_daily_metrics (organization_id, creative_id, "
            + "channel_id, date, " + METRIC_COLUMNS + ", reach, frequency, day_source, reported_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (creative_id, date) DO UPDATE SET " + METRIC_UPDATES
            + ", channel_id = EXCLUDED.channel_id, reach = EXCLUDED.reach, frequency = EXCLUDED.frequency, "
            + "day_source = EXCLUDED.day_source, reported_at = EXCLUDED.reported_at";

    public static final String CREATIVE_HOURLY = "INSERT INTO creative_hourly_metrics (organization_id, creative_id, "
            + "channel_id, date, hour, " + METRIC_COLUMNS + ", reach, reported_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (creative_id, date, hour) DO UPDATE SET " + METRIC_UPDATES
            + ", channel_id = EXCLUDED.channel_id, reach = EXCLUDED.reach, reported_at = EXCLUDED.reported_at";

    public static final String ORG_DAILY = """
            INSERT INTO org_daily_metrics (organization_id, date, spend, conversion_value, store_revenue, orders,
                attributed_revenue, mer, currency, as_of)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (organization_id, date) DO UPDATE SET spend = EXCLUDED.spend,
                conversion_value = EXCLUDED.conversion_value, store_revenue = EXCLUDED.store_revenue,
                orders = EXCLUDED.orders, attributed_revenue = EXCLUDED.attributed_revenue, mer = EXCLUDED.mer,
                currency = EXCLUDED.currency, as_of = EXCLUDED.as_of, updated_at = now()""";

    public static final String ORDERS = """
            INSERT INTO orders (organization_id, order_id, event_id, created_at, updated_at, order_date, total_price,
                refunded, currency, net_revenue, reporting_currency, cancelled_at, customer_id, landing_site,
                referring_site, utm_source, utm_medium, utm_campaign, utm_content, platform, channel_id, creative_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (organization_id, order_id) DO UPDATE SET event_id = EXCLUDED.event_id,
                created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, order_date = EXCLUDED.order_date,
                total_price = EXCLUDED.total_price, refunded = EXCLUDED.refunded, currency = EXCLUDED.currency,
                net_revenue = EXCLUDED.net_revenue, reporting_currency = EXCLUDED.reporting_currency,
                cancelled_at = EXCLUDED.cancelled_at, customer_id = EXCLUDED.customer_id,
                landing_site = EXCLUDED.landing_site, referring_site = EXCLUDED.referring_site,
                utm_source = EXCLUDED.utm_source, utm_medium = EXCLUDED.utm_medium,
                utm_campaign = EXCLUDED.utm_campaign, utm_content = EXCLUDED.utm_content,
                platform = EXCLUDED.platform, channel_id = EXCLUDED.channel_id, creative_id = EXCLUDED.creative_id
            WHERE orders.updated_at <= EXCLUDED.updated_at""";

    public static final String CHANNELS = """
            INSERT INTO channels (id, organization_id, name, platform, external_id, account_id, first_seen_date)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,
                account_id = COALESCE(EXCLUDED.account_id, channels.account_id),
                first_seen_date = LEAST(channels.first_seen_date, EXCLUDED.first_seen_date), updated_at = now()""";

    public static final String CREATIVES = """
            INSERT INTO creatives (id, organization_id, channel_id, name, external_id, launch_date)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, channel_id = EXCLUDED.channel_id,
                launch_date = COALESCE(creatives.platform_launch_date, LEAST(creatives.launch_date, EXCLUDED.launch_date)),
                updated_at = now()""";

    /**
     * An ad as its platform describes it ({@code omnify.ad-entities}): the same row as its insights make (the id is
     * {@code Ids.creativeId}); status, copy and the platform's launch date, which then wins over the first day with
     * data. An entity older than the one stored changes nothing.
     */
    public static final String AD_ENTITIES = """
            INSERT INTO creatives (id, organization_id, channel_id, name, external_id, status, launch_date,
                platform_launch_date, creative_name, headline, body, platform_status, entity_updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, channel_id = EXCLUDED.channel_id,
                status = EXCLUDED.status, launch_date = COALESCE(EXCLUDED.platform_launch_date, creatives.launch_date),
                platform_launch_date = EXCLUDED.platform_launch_date, creative_name = EXCLUDED.creative_name,
                headline = EXCLUDED.headline, body = EXCLUDED.body, platform_status = EXCLUDED.platform_status,
                entity_updated_at = EXCLUDED.entity_updated_at, updated_at = now()
            WHERE creatives.entity_updated_at IS NULL OR creatives.entity_updated_at <= EXCLUDED.entity_updated_at""";

    /**
     * A campaign's status from an entity of one of its ads. Only an existing channel is updated (a campaign becomes a
     * channel with its first data); an entity older than the one that set the status changes nothing.
     */
    public static final String CHANNEL_STATUS = """
            UPDATE channels SET status = ?, entity_updated_at = ?, updated_at = now()
            WHERE id = ? AND organization_id = ?
              AND (entity_updated_at IS NULL OR entity_updated_at <= ?)""";

    public static void bindChannelStatus(PreparedStatement ps, AdEntity e) throws SQLException {
        ps.setString(1, e.campaignStatus());
        ps.setTimestamp(2, ts(e.updatedAt()));
        ps.setObject(3, Ids.channelId(e.orgId(), e.platform(), e.campaignId()));
        ps.setObject(4, uuid(e.orgId()));
        ps.setTimestamp(5, ts(e.updatedAt()));
    }

    public static void bindChannelDaily(PreparedStatement ps, MetricsUpdate m) throws SQLException {
        int i = 1;
        ps.setObject(i++, uuid(m.orgId()));
        ps.setObject(i++, uuid(m.channelId()));
        ps.setObject(i++, m.date());
        bindMetrics(ps, i, m);
    }

    public static void bindChannelHourly(PreparedStatement ps, MetricsUpdate m) throws SQLException {
        int i = 1;
        ps.setObject(i++, uuid(m.orgId()));
        ps.setObject(i++, uuid(m.channelId()));
        ps.setObject(i++, m.date());
        ps.setInt(i++, m.hour());
        bindMetrics(ps, i, m);
    }

    public static void bindCreativeDaily(PreparedStatement ps, MetricsUpdate m) throws SQLException {
        int i = 1;
        ps.setObject(i++, uuid(m.orgId()));
        ps.setObject(i++, uuid(m.creativeId()));
        ps.setObject(i++, uuid(m.channelId()));
        ps.setObject(i++, m.date());
        i = bindMetrics(ps, i, m);
        setLong(ps, i++, m.reach());
        ps.setBigDecimal(i++, m.frequency());
        ps.setString(i++, m.daySource() == null ? "day" : m.daySource());
        ps.setTimestamp(i, ts(m.reportedAt()));
    }

    public static void bindCreativeHourly(PreparedStatement ps, MetricsUpdate m) throws SQLException {
        int i = 1;
        ps.setObject(i++, uuid(m.orgId()));
        ps.setObject(i++, uuid(m.creativeId()));
        ps.setObject(i++, uuid(m.channelId()));
        ps.setObject(i++, m.date());
        ps.setInt(i++, m.hour());
        i = bindMetrics(ps, i, m);
        setLong(ps, i++, m.reach());
        ps.setTimestamp(i, ts(m.reportedAt()));
    }

    public static void bindOrgDaily(PreparedStatement ps, MetricsUpdate m) throws SQLException {
        ps.setObject(1, uuid(m.orgId()));
        ps.setObject(2, m.date());
        ps.setBigDecimal(3, m.spend());
        ps.setBigDecimal(4, m.conversionValue());
        ps.setBigDecimal(5, m.storeRevenue());
        ps.setLong(6, m.storeOrders() == null ? 0 : m.storeOrders());
        ps.setBigDecimal(7, m.attributedRevenue());
        ps.setBigDecimal(8, m.mer());
        ps.setString(9, m.currency());
        ps.setTimestamp(10, ts(m.asOf()));
    }

    public static void bindOrder(PreparedStatement ps, OrderRow o) throws SQLException {
        int i = 1;
        ps.setObject(i++, uuid(o.orgId()));
        ps.setString(i++, o.orderId());
        ps.setString(i++, o.eventId());
        ps.setTimestamp(i++, ts(o.createdAt()));
        ps.setTimestamp(i++, ts(o.updatedAt()));
        ps.setObject(i++, o.orderDate());
        ps.setBigDecimal(i++, o.totalPrice());
        ps.setBigDecimal(i++, o.refunded());
        ps.setString(i++, o.currency());
        ps.setBigDecimal(i++, o.netRevenue());
        ps.setString(i++, o.reportingCurrency());
        ps.setTimestamp(i++, ts(o.cancelledAt()));
        ps.setString(i++, o.customerId());
        ps.setString(i++, o.landingSite());
        ps.setString(i++, o.referringSite());
        ps.setString(i++, o.utmSource());
        ps.setString(i++, o.utmMedium());
        ps.setString(i++, o.utmCampaign());
        ps.setString(i++, o.utmContent());
        ps.setString(i++, o.platform());
        ps.setObject(i++, o.channelId() == null ? null : uuid(o.channelId()), Types.OTHER);
        ps.setObject(i, o.creativeId() == null ? null : uuid(o.creativeId()), Types.OTHER);
    }

    public static void bindChannel(PreparedStatement ps, DimensionRow d) throws SQLException {
        ps.setObject(1, uuid(d.id()));
        ps.setObject(2, uuid(d.orgId()));
        ps.setString(3, d.name() == null ? d.externalId() : d.name());
        ps.setString(4, d.platform());
        ps.setString(5, d.externalId());
        ps.setString(6, d.accountId());
        ps.setObject(7, d.firstSeen());
    }

    public static void bindCreative(PreparedStatement ps, DimensionRow d) throws SQLException {
        ps.setObject(1, uuid(d.id()));
        ps.setObject(2, uuid(d.orgId()));
        ps.setObject(3, uuid(d.channelId()));
        ps.setString(4, d.name() == null ? d.externalId() : d.name());
        ps.setString(5, d.externalId());
        ps.setObject(6, d.firstSeen());
    }

    public static void bindAdEntity(PreparedStatement ps, AdEntity e) throws SQLException {
        ps.setObject(1, Ids.creativeId(e.orgId(), e.platform(), e.adId()));
        ps.setObject(2, uuid(e.orgId()));
        ps.setObject(3, Ids.channelId(e.orgId(), e.platform(), e.campaignId()));
        ps.setString(4, AdEntityRules.displayName(e));
        ps.setString(5, e.adId());
        ps.setString(6, e.status());
        ps.setObject(7, e.launchDate());
        ps.setObject(8, e.launchDate());
        ps.setString(9, e.creativeName());
        ps.setString(10, e.headline());
        ps.setString(11, e.body());
        ps.setString(12, e.platformStatus());
        ps.setTimestamp(13, ts(e.updatedAt()));
    }

    private static int bindMetrics(PreparedStatement ps, int i, MetricsUpdate m) throws SQLException {
        ps.setBigDecimal(i++, m.spend());
        ps.setLong(i++, m.impressions());
        ps.setLong(i++, m.clicks());
        ps.setBigDecimal(i++, m.conversions());
        ps.setBigDecimal(i++, m.conversionValue());
        ps.setBigDecimal(i++, m.attributedRevenue());
        ps.setLong(i++, m.attributedOrders());
        setDecimal(ps, i++, m.roas());
        setDecimal(ps, i++, m.cpa());
        setDecimal(ps, i++, m.ctr());
        setDecimal(ps, i++, m.cpc());
        setDecimal(ps, i++, m.cpm());
        ps.setString(i++, m.currency());
        ps.setTimestamp(i++, ts(m.asOf()));
        return i;
    }

    private static void setDecimal(PreparedStatement ps, int i, BigDecimal v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.NUMERIC);
        } else {
            ps.setBigDecimal(i, v);
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static Timestamp ts(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }

    private static UUID uuid(String s) {
        return UUID.fromString(s);
    }

}
