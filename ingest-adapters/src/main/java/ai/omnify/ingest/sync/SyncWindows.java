package ai.omnify.ingest.sync;

import ai.omnify.model.Platform;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Which data a poll or a nightly resync reads. Pure. Ad platforms: the lookback days before today plus today, in
 * the account's time zone. Shopify: orders updated since the previous poll's start less an overlap (or, for the first
 * poll and the nightly pass, since the lookback days before now).
 */
public final class SyncWindows {
    private SyncWindows() {}

    /** A window: dates for ad platforms, an instant for Shopify. */
    public record Window(LocalDate from, LocalDate to, Instant updatedSince) {}

    public static Window forRead(SyncKind kind, Platform platform, SyncConfig config, ZoneId zone, Instant now,
                                 Instant highWater) {
        int days = kind == SyncKind.NIGHTLY ? config.nightlyLookbackDays().get(platform)
                : config.pollLookbackDays().get(platform);
        if (platform == Platform.SHOPIFY) {
            if (kind == SyncKind.POLL && highWater != null) {
                return new Window(null, null, highWater.minus(config.shopifyOverlap()));
            }
            return new Window(null, null, now.minus(Duration.ofDays(Math.max(days, 1))));
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        return new Window(today.minusDays(days), today, null);
    }

    /** A backfill of {@code days} days before today (plus today). */
    public static Window backfill(Platform platform, int days, ZoneId zone, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate from = today.minusDays(days);
        return dates(platform, from, today, zone);
    }

    /** A backfill of the given dates; for Shopify, orders updated since the start of {@code from} in the zone. */
    public static Window dates(Platform platform, LocalDate from, LocalDate to, ZoneId zone) {
        if (platform == Platform.SHOPIFY) {
            return new Window(null, null, from.atStartOfDay(zone).toInstant());
        }
        return new Window(from, to, null);
    }
}
