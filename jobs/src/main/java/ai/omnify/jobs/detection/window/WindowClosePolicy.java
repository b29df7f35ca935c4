package ai.omnify.jobs.detection.window;

import ai.omnify.jobs.detection.MetricsRowParser;
import ai.omnify.model.metrics.MetricsUpdate;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a window of the metrics changelog (many successive versions of each day or hour) is final and may be judged
 * (pure; {@link CloseWindowsFn} keeps the state and the timers). The newest version ({@code asOf}) of a window wins.
 * Versions of a window that is already closed are late and dropped (the detectors judge what was known at the close,
 * in history and live alike). Windows of a key close in order: a window never closes while an older window of its
 * key still waits.
 *
 * <ul>
 *   <li>Without maturity rules a window closes when the watermark passes its end plus {@code settle}; lateness is per
 *       key: a window whose first version arrives after the watermark passed its end is still judged, at the next
 *       watermark.</li>
 *   <li>With maturity rules, a window seen before (intraday polls) closes at once on its first mature version: one
 *       whose ad data ({@code reportedAt}, not {@code asOf}, which order updates move too) was reported at least the
 *       maturity after its end (the live path: no added latency). The watermark closes only windows whose ad data
 *       covers them (a report made after the window's end): in a replay the Kafka partitions of the ad data run apart
 *       by days, the watermark follows the fastest, and a window closed on it would be judged on a partial poll. A
 *       window that never gets such a report closes {@link #INCOMPLETE_WAIT_MILLIS} after its end.</li>
 *   <li>A window whose <em>first</em> ad data is already mature is being backfilled: the MetricsJob builds such a day
 *       ad by ad, every version reported now. It waits ({@link Arrival#BACKFILLED}) until its key has had no new
 *       version, and its organization no past-day activity ({@link OrgActivity}), for {@code backfillQuiet}
 *       (processing time), at most {@link #MAX_QUIET_WAITS} such periods, and then, when the job watches upstream,
 *       until the backfill barrier has seen everything upstream had by then come through ({@link BackfillSettled}).
 *       Except the key's next window arriving mature on a quiet key whose history is closed right up to it: a live
 *       update, judged at once. A window first seen a week after its end (its orders read ahead of its ad data) waits
 *       the same way.</li>
 * </ul>
 */
public final class WindowClosePolicy implements Serializable {
    private static final long serialVersionUID = 1L;
    /** How long after its end a window whose ad data never covered it waits before the watermark closes it. */
    public static final long INCOMPLETE_WAIT_MILLIS = Duration.ofDays(7).toMillis();
    /** How soon a quiet key whose organization's backfill has not come through asks again. */
    public static final long RECHECK_MILLIS = 1_000;
    /**
     * How many quiet periods a key's backfilled windows wait at most for the key (and its organization's past days)
     * to go quiet: 10 minutes at the default 30 s. A key that never pauses that long (a live store whose orders touch
     * the channel's day every few seconds, an organization with late orders of past days all the time) would otherwise
     * keep its backfilled days waiting for ever. After that, the backfill barrier (which the quiet period only goes
     * before) decides alone.
     */
    public static final int MAX_QUIET_WAITS = 20;

    private final long settleMillis;
    private final long dayMaturityMillis;
    private final long hourMaturityMillis;
    private final long backfillQuietMillis;
    private final boolean awaitUpstream;

    /**
     * @param settle the fallback: a window closes when the watermark passes its end plus this
     * @param dayMaturity a day window closes as soon as it has a version whose ad data was reported at least this long
     *     after its end (null: never early)
     * @param hourMaturity the same for hour windows
     * @param backfillQuiet a backfilled window closes once its key had no new version for this long; zero: at once,
     *     like a window seen before
     * @param awaitUpstream whether backfilled windows then also wait for the backfill barrier
     */
    public WindowClosePolicy(Duration settle, Duration dayMaturity, Duration hourMaturity, Duration backfillQuiet,
            boolean awaitUpstream) {
        this.settleMillis = settle.toMillis();
        this.dayMaturityMillis = dayMaturity == null ? -1 : dayMaturity.toMillis();
        this.hourMaturityMillis = hourMaturity == null ? -1 : hourMaturity.toMillis();
        this.backfillQuietMillis = backfillQuiet.toMillis();
        this.awaitUpstream = awaitUpstream;
    }

    public long quietMillis() {
        return backfillQuietMillis;
    }

    public long settleMillis() {
        return settleMillis;
    }

    /** What becomes of a version that arrives. */
    public enum Arrival {
        /** its window is closed already: dropped */
        LATE,
        /** its window already waits as backfilled: kept as the newest version */
        KEEP,
        /** its window waits as backfilled from now on */
        BACKFILLED,
        /** its window, and every older one of the key, closes now */
        CLOSE,
        /** its window waits for the watermark to pass its end plus the settle time */
        AWAIT_WATERMARK
    }

    /**
     * @param current the window's pending version before {@code u} (null: {@code u} is its first)
     * @param closedUpTo end of the key's last closed window (null: none yet)
     * @param previousVersionAt processing time of the key's previous version (null: none)
     * @param backfilled whether the window already waits as backfilled
     * @param backfilledBefore whether an older window of the key waits as backfilled
     */
    public Arrival onVersion(MetricsUpdate u, MetricsUpdate current, Long closedUpTo, Long previousVersionAt,
            boolean backfilled, boolean backfilledBefore, long now, long watermark) {
        long start = MetricsRowParser.windowStart(u);
        long end = MetricsRowParser.windowEnd(u);
        if (closedUpTo != null && start < closedUpTo) {
            return Arrival.LATE;
        }
        if (backfilled) {
            return Arrival.KEEP;
        }
        boolean first = current == null;
        if (first && backfillQuietMillis > 0 && maturityRules()
                && Math.max(watermark, now) >= end + INCOMPLETE_WAIT_MILLIS) {
            // history arriving long after its day (a backfill: the watermark, or the clock, is a week past it), before
            // its ad data: e.g. the store's orders of the day read ahead of the ads. Closed on the watermark, or on
            // the next day's ads, it would be judged on the orders alone and every later version of the key's older
            // days dropped
            return Arrival.BACKFILLED;
        }
        long maturity = MetricsUpdate.HOUR.equals(u.grain()) ? hourMaturityMillis : dayMaturityMillis;
        if (maturity < 0 || u.reportedAt() == null || u.reportedAt().toEpochMilli() < end + maturity) {
            return Arrival.AWAIT_WATERMARK;
        }
        // a quiet key whose history is closed right up to this window and gets it mature at once: a live update (a
        // poll that first saw the day mature), judged now; any other window mature on arrival is a backfill
        boolean liveNext = closedUpTo != null && start == closedUpTo
                && (previousVersionAt == null || now - previousVersionAt >= backfillQuietMillis);
        // the window's first ad data: before it the window had no version, or only the store's orders (a row without
        // ad data, not reported by any poll). Such a version is no live day that polls saw before: it is a
        // backfill's (a key's first versions are often the orders of its last days; then a live poll's mature ad row
        // of one of them before any older day, judged at once, would close the key up to it, and the whole backfill
        // that followed would be dropped as late)
        boolean firstAd = first || current.reportedAt() == null;
        if ((firstAd && backfillQuietMillis > 0 && !liveNext) || backfilledBefore) {
            return Arrival.BACKFILLED;
        }
        // mature: judged now, on data as old relative to the window as every other window's (history and live)
        return Arrival.CLOSE;
    }

    /**
     * When the watermark passes {@code timestamp} (an event-time timer of the key): the windows to close and the
     * timers to set for those that wait.
     *
     * @param upTo every pending window ending at or before this closes
     * @param timers event-time timers to set
     */
    public record WatermarkClose(long upTo, List<Long> timers) {}

    /**
     * @param pending the key's pending windows (by start) with their newest versions
     * @param backfilled the starts of those that wait as backfilled
     */
    public WatermarkClose onWatermark(long timestamp, long watermark, Map<Long, MetricsUpdate> pending,
            Set<Long> backfilled) {
        boolean endOfInput = watermark == Long.MAX_VALUE;
        long cutoff = endOfInput ? Long.MAX_VALUE : timestamp - settleMillis;
        List<Long> timers = new ArrayList<>();
        if (!maturityRules() || endOfInput) {
            return new WatermarkClose(cutoff, timers);
        }
        // a backfilled window waits for its key's quiet period, not the watermark (a backfill moves the watermark to
        // today at once), unless the input has ended
        long upTo = cutoff;
        for (Map.Entry<Long, MetricsUpdate> e : pending.entrySet()) {
            MetricsUpdate u = e.getValue();
            long end = MetricsRowParser.windowEnd(u);
            if (end > cutoff) {
                continue;
            }
            if (backfilled.contains(e.getKey())) {
                upTo = Math.min(upTo, e.getKey());
            } else if (!covered(u, end) && timestamp < end + INCOMPLETE_WAIT_MILLIS) {
                upTo = Math.min(upTo, MetricsRowParser.windowStart(u));
                timers.add(end + INCOMPLETE_WAIT_MILLIS);
            }
        }
        return new WatermarkClose(upTo, timers);
    }

    /**
     * When a key with backfilled windows has its quiet-period timer: close them all ({@code close}), or look again at
     * {@code nextCheck}.
     */
    public record QuietStep(boolean close, long nextCheck) {}

    /**
     * @param lastVersionAt processing time of the key's latest version
     * @param orgActivityAt processing time of its organization's latest past-day activity (null: none)
     * @param waitingSince since when the key has had backfilled windows waiting (null: unknown)
     * @param settledAsOf when the backfill barrier last took the upstream's ends with the organization not
     *     backfilling (null: never since it began backfilling)
     */
    public QuietStep onQuiet(long now, Long lastVersionAt, Long orgActivityAt, Long waitingSince, Long settledAsOf) {
        long quietFrom = Math.max(lastVersionAt == null ? Long.MIN_VALUE : lastVersionAt,
                orgActivityAt == null ? Long.MIN_VALUE : orgActivityAt);
        long giveUpAt = waitingSince == null ? Long.MAX_VALUE : waitingSince + MAX_QUIET_WAITS * backfillQuietMillis;
        if (quietFrom != Long.MIN_VALUE && now < quietFrom + backfillQuietMillis && now < giveUpAt) {
            // the key, or its organization's past days, still receive rows
            return new QuietStep(false, Math.min(quietFrom + backfillQuietMillis, giveUpAt));
        }
        // quiet (or waited long enough): the backfill barrier must have taken upstream's ends after the key's last
        // version, so everything that was on its way then has come
        long since = Math.min(quietFrom, giveUpAt);
        if (awaitUpstream && (settledAsOf == null || settledAsOf < since)) {
            return new QuietStep(false, now + RECHECK_MILLIS);
        }
        return new QuietStep(true, now);
    }

    /** Whether {@code candidate} is not older than {@code current} (by {@code asOf}; arrival order without one). */
    public static boolean newer(MetricsUpdate candidate, MetricsUpdate current) {
        if (candidate.asOf() == null || current.asOf() == null) {
            return true;
        }
        return !candidate.asOf().isBefore(current.asOf());
    }

    /** Whether the ad data of {@code u} was reported after its window ended (the whole window seen once). */
    static boolean covered(MetricsUpdate u, long end) {
        return u.reportedAt() != null && u.reportedAt().toEpochMilli() >= end;
    }

    private boolean maturityRules() {
        return dayMaturityMillis >= 0 || hourMaturityMillis >= 0;
    }
}
