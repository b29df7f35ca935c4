package ai.omnify.api.metrics;

import static ai.omnify.api.http.RowFormat.field;

import ai.omnify.api.http.RowFormat;
import ai.omnify.api.http.RowFormat.Field;
import ai.omnify.api.http.RowFormat.Kind;
import ai.omnify.api.http.SortKey;
import java.util.ArrayList;
import java.util.List;

/** The metrics tables the API reads, each with the JSON shape of its rows and its order. */
public enum MetricsTable {
    CHANNEL_DAILY("daily_metrics", Granularity.DAY, Level.CHANNEL,
            SortKey.of("metrics.daily.channel.v1", SortKey.date("date"), SortKey.uuid("channel_id"))),
    CHANNEL_HOURLY("hourly_metrics", Granularity.HOUR, Level.CHANNEL,
            SortKey.of("metrics.hourly.channel.v1", SortKey.date("date"), SortKey.integer("hour"),
                    SortKey.uuid("channel_id"))),
    CREATIVE_DAILY("creative_daily_metrics", Granularity.DAY, Level.CREATIVE,
            SortKey.of("metrics.daily.creative.v1", SortKey.date("date"), SortKey.uuid("channel_id"),
                    SortKey.uuid("creative_id"))),
    CREATIVE_HOURLY("creative_hourly_metrics", Granularity.HOUR, Level.CREATIVE,
            SortKey.of("metrics.hourly.creative.v1", SortKey.date("date"), SortKey.integer("hour"),
                    SortKey.uuid("channel_id"), SortKey.uuid("creative_id")));

    public enum Granularity {
        DAY(400), HOUR(31);

        private final int maxDays;

        Granularity(int maxDays) {
            this.maxDays = maxDays;
        }

        /** The longest range one request may ask for. */
        public int maxDays() {
            return maxDays;
        }
    }

    public enum Level { CHANNEL, CREATIVE }

    private final String table;
    private final Granularity granularity;
    private final Level level;
    private final SortKey sortKey;
    private final RowFormat format;

    MetricsTable(String table, Granularity granularity, Level level, SortKey sortKey) {
        this.table = table;
        this.granularity = granularity;
        this.level = level;
        this.sortKey = sortKey;
        this.format = format(granularity, level);
    }

    public static MetricsTable of(Granularity granularity, Level level) {
        for (MetricsTable t : values()) {
            if (t.granularity == granularity && t.level == level) {
                return t;
            }
        }
        throw new IllegalArgumentException(granularity + "/" + level);
    }

    public String table() {
        return table;
    }

    public Granularity granularity() {
        return granularity;
    }

    public Level level() {
        return level;
    }

    public SortKey sortKey() {
        return sortKey;
    }

    public RowFormat format() {
        return format;
    }

    private static RowFormat format(Granularity granularity, Level level) {
        List<Field> f = new ArrayList<>();
        if (level == Level.CREATIVE) {
            f.add(field("creativeId", "creative_id", Kind.UUID));
        }
        f.add(field("channelId", "channel_id", Kind.UUID));
        f.add(field("date", "date", Kind.DATE));
        if (granularity == Granularity.HOUR) {
            f.add(field("hour", "hour", Kind.INT));
        }
        f.add(field("spend", "spend", Kind.DECIMAL));
        f.add(field("impressions", "impressions", Kind.LONG));
        f.add(field("clicks", "clicks", Kind.LONG));
        f.add(field("conversions", "conversions", Kind.DECIMAL));
        f.add(field("conversionValue", "conversion_value", Kind.DECIMAL));
        f.add(field("attributedRevenue", "attributed_revenue", Kind.DECIMAL));
        f.add(field("attributedOrders", "attributed_orders", Kind.INT));
        if (level == Level.CREATIVE) {
            f.add(field("reach", "reach", Kind.LONG));
            f.add(granularity == Granularity.DAY
                    ? field("frequency", "frequency", Kind.DECIMAL)
                    // the hourly table keeps no frequency: impressions / reach, half-even to 4 places like MetricMath
                    : field("frequency", "impressions::numeric / NULLIF(reach, 0) AS frequency", Kind.RATIO4));
        }
        f.add(field("roas", "roas", Kind.DECIMAL));
        f.add(field("cpa", "cpa", Kind.DECIMAL));
        f.add(field("ctr", "ctr", Kind.DECIMAL));
        f.add(field("cpc", "cpc", Kind.DECIMAL));
        f.add(field("cpm", "cpm", Kind.DECIMAL));
        f.add(field("currency", "currency", Kind.TEXT));
        return RowFormat.of(f.toArray(Field[]::new));
    }
}
