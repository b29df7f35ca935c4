package ai.omnify.ingest.sync;

import ai.omnify.config.Env;
import ai.omnify.model.Platform;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the sync scheduler, from the environment with defaults.
 *
 * @param enabled {@code SYNC_ENABLED} (default true): run the scheduler in this ingest instance
 * @param pollIntervals {@code SYNC_POLL_INTERVAL_<PLATFORM>} (defaults meta 5m, shopify 5m, google 15m, tiktok 30m)
 * @param pollLookbackDays {@code SYNC_LOOKBACK_DAYS_<PLATFORM>}: days before today each poll re-reads (defaults meta 3,
 *     google 14, tiktok 3; shopify: days of updated orders a first poll reads, 1)
 * @param nightlyLookbackDays {@code SYNC_NIGHTLY_LOOKBACK_DAYS_<PLATFORM>} (defaults meta 28, google 14, tiktok 3,
 *     shopify 3)
 * @param nightlyAt {@code SYNC_NIGHTLY_AT} (default 02:00), in each organization's time zone
 * @param initialBackfillDays {@code SYNC_INITIAL_BACKFILL_DAYS} (default 90; 0 = none): history a new connection reads
 * @param shopifyOverlap {@code SYNC_SHOPIFY_OVERLAP} (default 10m): a Shopify poll re-reads orders updated this long
 *     before the previous poll started
 * @param threads {@code SYNC_THREADS} (default 4) concurrent syncs per instance
 * @param schedulerPolling {@code SYNC_SCHEDULER_POLL} (default 5s): how often due work is looked for
 * @param heartbeat {@code SYNC_HEARTBEAT} (default 30s): a run whose instance stops heart-beating for 4 of these is
 *     taken over by another instance, from its stored page cursor
 * @param reconcileInterval {@code SYNC_RECONCILE_INTERVAL} (default 30s): how soon a new connection or a requested
 *     backfill is picked up
 * @param backfillRetry {@code SYNC_BACKFILL_RETRY} (default 30s): the first wait before a backfill that met a
 *     transient error resumes from its stored page; each further wait doubles, up to 30 minutes, with jitter (see
 *     {@link SyncScheduler#backfillWait}); at most {@code SYNC_BACKFILL_ATTEMPTS} (default 60, about 14 hours of
 *     outage) attempts
 * @param pageAckTimeout {@code SYNC_PAGE_ACK_TIMEOUT} (default 60s): how long a page's records may take to be
 *     acknowledged by Kafka before the run stops (transient)
 * @param entitiesInterval {@code SYNC_ENTITIES_INTERVAL} (default 1h; 0 = every poll): a poll also publishes the
 *     connection's ads (status, copy, launch date) to {@code omnify.ad-entities} when the last publish is older than
 *     this; backfills and the nightly pass always do
 */
public record SyncConfig(
        boolean enabled,
        Map<Platform, Duration> pollIntervals,
        Map<Platform, Integer> pollLookbackDays,
        Map<Platform, Integer> nightlyLookbackDays,
        LocalTime nightlyAt,
        int initialBackfillDays,
        Duration shopifyOverlap,
        int threads,
        Duration schedulerPolling,
        Duration heartbeat,
        Duration reconcileInterval,
        Duration backfillRetry,
        int backfillAttempts,
        Duration pageAckTimeout,
        Duration entitiesInterval) {

    public SyncConfig {
        pollIntervals = Map.copyOf(pollIntervals);
        pollLookbackDays = Map.copyOf(pollLookbackDays);
        nightlyLookbackDays = Map.copyOf(nightlyLookbackDays);
        for (Platform p : Platform.values()) {
            Objects.requireNonNull(pollIntervals.get(p), "poll interval of " + p);
            Objects.requireNonNull(pollLookbackDays.get(p), "lookback of " + p);
            Objects.requireNonNull(nightlyLookbackDays.get(p), "nightly lookback of " + p);
        }
        Objects.requireNonNull(nightlyAt, "nightlyAt");
        Objects.requireNonNull(entitiesInterval, "entitiesInterval");
    }

    public static SyncConfig defaults() {
        return fromEnv(Map.of());
    }

    public static SyncConfig fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        Map<Platform, Duration> intervals = new EnumMap<>(Platform.class);
        Map<Platform, Integer> lookback = new EnumMap<>(Platform.class);
        Map<Platform, Integer> nightly = new EnumMap<>(Platform.class);
        Map<Platform, Duration> defaultInterval = Map.of(Platform.META, Duration.ofMinutes(5), Platform.SHOPIFY,
                Duration.ofMinutes(5), Platform.GOOGLE, Duration.ofMinutes(15), Platform.TIKTOK, Duration.ofMinutes(30));
        Map<Platform, Integer> defaultLookback = Map.of(Platform.META, 3, Platform.GOOGLE, 14, Platform.TIKTOK, 3,
                Platform.SHOPIFY, 1);
        Map<Platform, Integer> defaultNightly = Map.of(Platform.META, 28, Platform.GOOGLE, 14, Platform.TIKTOK, 3,
                Platform.SHOPIFY, 3);
        for (Platform p : Platform.values()) {
            String suffix = p.wire().toUpperCase(Locale.ROOT);
            intervals.put(p, positive(env, "SYNC_POLL_INTERVAL_" + suffix, defaultInterval.get(p)));
            lookback.put(p, env.integer("SYNC_LOOKBACK_DAYS_" + suffix, defaultLookback.get(p), 0, 400));
            nightly.put(p, env.integer("SYNC_NIGHTLY_LOOKBACK_DAYS_" + suffix, defaultNightly.get(p), 0, 400));
        }
        String at = env.string("SYNC_NIGHTLY_AT", "02:00");
        LocalTime nightlyAt;
        try {
            nightlyAt = LocalTime.parse(at);
        } catch (DateTimeParseException e) {
            throw new Env.ConfigException("SYNC_NIGHTLY_AT=" + at + " is not a time of day: use HH:MM, e.g. 02:00");
        }
        return new SyncConfig(
                env.bool("SYNC_ENABLED", true), intervals, lookback, nightly, nightlyAt,
                env.integer("SYNC_INITIAL_BACKFILL_DAYS", 90, 0, 1200),
                env.duration("SYNC_SHOPIFY_OVERLAP", Duration.ofMinutes(10)),
                env.integer("SYNC_THREADS", 4, 1, 64),
                positive(env, "SYNC_SCHEDULER_POLL", Duration.ofSeconds(5)),
                positive(env, "SYNC_HEARTBEAT", Duration.ofSeconds(30)),
                positive(env, "SYNC_RECONCILE_INTERVAL", Duration.ofSeconds(30)),
                positive(env, "SYNC_BACKFILL_RETRY", Duration.ofSeconds(30)),
                env.integer("SYNC_BACKFILL_ATTEMPTS", 60, 1, 1000),
                positive(env, "SYNC_PAGE_ACK_TIMEOUT", Duration.ofSeconds(60)),
                env.duration("SYNC_ENTITIES_INTERVAL", Duration.ofHours(1)));
    }

    private static Duration positive(Env env, String name, Duration fallback) {
        Duration d = env.duration(name, fallback);
        if (d.isZero()) {
            throw new Env.ConfigException(name + "=0 is not allowed: use a positive duration, e.g. " + fallback.toSeconds() + "s");
        }
        return d;
    }

    public Duration pollInterval(Platform p) {
        return pollIntervals.get(p);
    }

    /** The same configuration with every poll interval and the scheduler timings set (tests). */
    public SyncConfig withTimings(Duration poll, Duration schedulerPoll, Duration heartbeatInterval, Duration reconcile) {
        Map<Platform, Duration> all = new EnumMap<>(Platform.class);
        for (Platform p : Platform.values()) {
            all.put(p, poll);
        }
        return new SyncConfig(enabled, all, pollLookbackDays, nightlyLookbackDays, nightlyAt, initialBackfillDays,
                shopifyOverlap, threads, schedulerPoll, heartbeatInterval, reconcile, backfillRetry, backfillAttempts,
                pageAckTimeout, entitiesInterval);
    }

    public SyncConfig withInitialBackfillDays(int days) {
        return new SyncConfig(enabled, pollIntervals, pollLookbackDays, nightlyLookbackDays, nightlyAt, days,
                shopifyOverlap, threads, schedulerPolling, heartbeat, reconcileInterval, backfillRetry, backfillAttempts,
                pageAckTimeout, entitiesInterval);
    }

    public SyncConfig withThreads(int n) {
        return new SyncConfig(enabled, pollIntervals, pollLookbackDays, nightlyLookbackDays, nightlyAt,
                initialBackfillDays, shopifyOverlap, n, schedulerPolling, heartbeat, reconcileInterval, backfillRetry,
                backfillAttempts, pageAckTimeout, entitiesInterval);
    }

    public SyncConfig withBackfillRetry(Duration retry) {
        return new SyncConfig(enabled, pollIntervals, pollLookbackDays, nightlyLookbackDays, nightlyAt,
                initialBackfillDays, shopifyOverlap, threads, schedulerPolling, heartbeat, reconcileInterval, retry,
                backfillAttempts, pageAckTimeout, entitiesInterval);
    }
}
