package ai.omnify.api.metrics;

import ai.omnify.api.http.PageRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A validated request for metrics rows of one table. */
public record MetricsQuery(MetricsTable table, DateRange range, Optional<UUID> channelId, Optional<UUID> creativeId,
        PageRequest page) {
    public MetricsQuery {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(page, "page");
        if (creativeId.isPresent() && table.level() != MetricsTable.Level.CREATIVE) {
            throw new IllegalArgumentException("creativeId filters creative-level tables only");
        }
    }
}
