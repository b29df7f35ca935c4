package ai.omnify.api.metrics;

import ai.omnify.api.http.PageRequest;
import ai.omnify.api.http.QueryParams;
import ai.omnify.api.metrics.MetricsTable.Granularity;
import ai.omnify.api.metrics.MetricsTable.Level;
import ai.omnify.server.http.ApiException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** Reads and validates the query parameters of the metrics endpoints. */
public final class MetricsParams {
    public static final int DEFAULT_LIMIT = 1000;
    private static final Set<String> LEVELS = Set.of("channel", "creative");

    private MetricsParams() {}

    /** {@code from, to, channelId, level, creativeId, limit, cursor} of {@code /metrics/daily} and {@code /hourly}. */
    public static MetricsQuery parse(QueryParams p, Granularity granularity, Supplier<LocalDate> today) {
        Level level = p.oneOf("level", LEVELS).map(l -> l.equals("creative") ? Level.CREATIVE : Level.CHANNEL)
                .orElse(Level.CHANNEL);
        Optional<LocalDate> from = p.date("from");
        Optional<LocalDate> to = p.date("to");
        Optional<UUID> channelId = p.uuid("channelId");
        Optional<UUID> creativeId = p.uuid("creativeId");
        if (creativeId.isPresent() && level != Level.CREATIVE) {
            throw ApiException.invalidParameter("creativeId filters creative rows: add level=creative");
        }
        PageRequest page = PageRequest.from(p, DEFAULT_LIMIT);
        DateRange range = DateRange.resolve(from, to, today, granularity.maxDays());
        return new MetricsQuery(MetricsTable.of(granularity, level), range, channelId, creativeId, page);
    }

    /** {@code from, to, limit, cursor} of {@code /metrics/org-daily}. */
    public static OrgDailyQuery parseOrgDaily(QueryParams p, Supplier<LocalDate> today) {
        Optional<LocalDate> from = p.date("from");
        Optional<LocalDate> to = p.date("to");
        PageRequest page = PageRequest.from(p, DEFAULT_LIMIT);
        return new OrgDailyQuery(DateRange.resolve(from, to, today, Granularity.DAY.maxDays()), page);
    }

    /** A validated request for organization-wide daily rows. */
    public record OrgDailyQuery(DateRange range, PageRequest page) {}
}
