package ai.omnify.jobs.metrics;

import java.time.Instant;
import java.time.LocalDate;

/** What {@link LatestOrderFn} remembers of an order: the version it holds, and where its revenue went. */
public record OrderState(String eventId, Instant updatedAt, String channelId, LocalDate date) {}
