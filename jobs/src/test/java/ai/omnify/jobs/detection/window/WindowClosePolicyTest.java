package ai.omnify.jobs.detection.window;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.detection.ChangelogRows;
import ai.omnify.jobs.detection.MetricsRowParser;
import ai.omnify.jobs.detection.Windows;
import ai.omnify.jobs.detection.window.WindowClosePolicy.Arrival;
import ai.omnify.model.metrics.MetricsUpdate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The window-close decisions on their own: a version's arrival, the watermark, and a quiet key's backfill. */
class WindowClosePolicyTest {
    private static final LocalDate D = Windows.FIRST;
    private static final long QUIET = 2_000;
    private final WindowClosePolicy policy = policy(false);

    private static WindowClosePolicy policy(boolean barrier) {
        return new WindowClosePolicy(Duration.ofDays(1), Duration.ofHours(8), Duration.ofMinutes(30),
                Duration.ofMillis(QUIET), barrier);
    }

    private static long ts(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The channel's day {@code d} reported {@code hoursAfterEnd} after its end (negative: before it). */
    private static MetricsUpdate day(LocalDate d, double hoursAfterEnd) {
        Instant at = Instant.ofEpochMilli(ts(d.plusDays(1))).plusSeconds(Math.round(hoursAfterEnd * 3600));
        return ChangelogRows.channelDay(Windows.ORG, Windows.CHANNEL, d, 1, 1, 1, at, at);
    }

    /** Day {@code d}'s store orders alone: a row without ad data. */
    private static MetricsUpdate ordersOnly(LocalDate d, Instant asOf) {
        return ChangelogRows.channelDay(Windows.ORG, Windows.CHANNEL, d, 0, 0, 1, asOf, null);
    }

    @Test
    void aVersionOfAClosedWindowIsLateAndOneOfAWaitingBackfilledWindowIsKept() {
        assertThat(policy.onVersion(day(D, 9), null, ts(D.plusDays(1)), null, false, false, 0, 0))
                .isEqualTo(Arrival.LATE);
        assertThat(policy.onVersion(day(D, 9), day(D, 8), null, 0L, true, false, 100, 0)).isEqualTo(Arrival.KEEP);
    }

    @Test
    void anIntradayPollWaitsForTheWatermarkAndTheMaturePollOfADaySeenBeforeClosesAtOnce() {
        MetricsUpdate evening = day(D, -3);
        assertThat(policy.onVersion(evening, null, null, null, false, false, 0, 0)).isEqualTo(Arrival.AWAIT_WATERMARK);
        assertThat(policy.onVersion(day(D, 5), evening, null, 0L, false, false, 10, 0))
                .as("reported 5 h after the day: not mature yet").isEqualTo(Arrival.AWAIT_WATERMARK);
        assertThat(policy.onVersion(day(D, 8), evening, null, 0L, false, false, 10, 0)).isEqualTo(Arrival.CLOSE);
    }

    @Test
    void aWindowWhoseFirstAdDataIsMatureIsABackfillUnlessItIsTheNextDayOfAQuietKey() {
        long closedUpTo = ts(D.plusDays(1));
        MetricsUpdate next = day(D.plusDays(1), 9);
        assertThat(policy.onVersion(next, null, null, null, false, false, 0, 0))
                .as("a key's first window, mature: a backfill").isEqualTo(Arrival.BACKFILLED);
        assertThat(policy.onVersion(next, null, closedUpTo, 0L, false, false, QUIET, 0))
                .as("history closed right up to it, the key quiet: live").isEqualTo(Arrival.CLOSE);
        assertThat(policy.onVersion(next, null, closedUpTo, 0L, false, false, QUIET - 1, 0))
                .as("the key still receiving versions").isEqualTo(Arrival.BACKFILLED);
        assertThat(policy.onVersion(day(D.plusDays(3), 9), null, closedUpTo, 0L, false, false, QUIET, 0))
                .as("after a gap").isEqualTo(Arrival.BACKFILLED);
        assertThat(policy.onVersion(next, ordersOnly(D.plusDays(1), Instant.EPOCH), closedUpTo, 0L, false, false,
                QUIET, 0)).as("its orders came first: still its first ad data, yet live").isEqualTo(Arrival.CLOSE);
        assertThat(policy.onVersion(next, ordersOnly(D.plusDays(1), Instant.EPOCH), null, 0L, false, false, QUIET, 0))
                .as("its orders came first, nothing closed yet").isEqualTo(Arrival.BACKFILLED);
        assertThat(policy.onVersion(day(D.plusDays(1), 9), day(D.plusDays(1), -2), closedUpTo, 0L, false, true,
                QUIET, 0)).as("an older window of the key still waits").isEqualTo(Arrival.BACKFILLED);
    }

    @Test
    void historyFirstSeenAWeekAfterItsDayWaitsLikeABackfillEvenBeforeItsAdData() {
        MetricsUpdate orders = ordersOnly(D, Instant.EPOCH);
        long weekLater = ts(D.plusDays(1)) + WindowClosePolicy.INCOMPLETE_WAIT_MILLIS;
        assertThat(policy.onVersion(orders, null, null, null, false, false, weekLater, Long.MIN_VALUE))
                .isEqualTo(Arrival.BACKFILLED);
        assertThat(policy.onVersion(orders, null, null, null, false, false, weekLater - 1, Long.MIN_VALUE))
                .isEqualTo(Arrival.AWAIT_WATERMARK);
    }

    @Test
    void withoutMaturityRulesTheWatermarkAloneClosesWindows() {
        WindowClosePolicy plain = new WindowClosePolicy(Duration.ZERO, null, null, Duration.ZERO, false);
        assertThat(plain.onVersion(day(D, 30), null, null, null, false, false, 0, 0))
                .isEqualTo(Arrival.AWAIT_WATERMARK);
        assertThat(plain.onWatermark(ts(D.plusDays(1)), ts(D.plusDays(1)), Map.of(), Set.of()).upTo())
                .isEqualTo(ts(D.plusDays(1)));
    }

    @Test
    void theWatermarkClosesCoveredWindowsAndHoldsUncoveredAndBackfilledOnes() {
        long t = ts(D.plusDays(4));
        var close = policy.onWatermark(t, t, Map.of(ts(D), day(D, 2)), Set.of());
        assertThat(close.upTo()).as("covered: closes up to the settle cutoff").isEqualTo(t - 86_400_000L);
        assertThat(close.timers()).isEmpty();
        close = policy.onWatermark(t, t, Map.of(ts(D), day(D, 2), ts(D.plusDays(1)), day(D.plusDays(1), -4)),
                Set.of());
        assertThat(close.upTo()).as("an evening poll holds its day and what follows").isEqualTo(ts(D.plusDays(1)));
        assertThat(close.timers()).containsExactly(ts(D.plusDays(2)) + WindowClosePolicy.INCOMPLETE_WAIT_MILLIS);
        long weekLater = ts(D.plusDays(2)) + WindowClosePolicy.INCOMPLETE_WAIT_MILLIS;
        assertThat(policy.onWatermark(weekLater, weekLater, Map.of(ts(D.plusDays(1)), day(D.plusDays(1), -4)),
                Set.of()).upTo()).as("never covered: closes a week after its end").isEqualTo(weekLater - 86_400_000L);
        close = policy.onWatermark(t, t, Map.of(ts(D), day(D, 30)), Set.of(ts(D)));
        assertThat(close.upTo()).as("backfilled: waits for the quiet period").isEqualTo(ts(D));
        close = policy.onWatermark(Long.MAX_VALUE, Long.MAX_VALUE, Map.of(ts(D), day(D, 30)), Set.of(ts(D)));
        assertThat(close.upTo()).as("the end of a bounded input closes everything").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aBackfilledKeyClosesOnceItAndItsOrganizationHaveBeenQuiet() {
        assertThat(policy.onQuiet(2_999, 1_000L, null, 1_000L, null)).isEqualTo(
                new WindowClosePolicy.QuietStep(false, 3_000));
        assertThat(policy.onQuiet(3_000, 1_000L, null, 1_000L, null).close()).isTrue();
        assertThat(policy.onQuiet(3_000, 1_000L, 2_500L, 1_000L, null))
                .as("its organization's past days were still being read").isEqualTo(
                        new WindowClosePolicy.QuietStep(false, 4_500));
    }

    @Test
    void aKeyThatNeverGoesQuietClosesAfterTheLongestWait() {
        long giveUp = 1_000 + WindowClosePolicy.MAX_QUIET_WAITS * QUIET;
        assertThat(policy.onQuiet(giveUp - 500, giveUp - 600, null, 1_000L, null))
                .isEqualTo(new WindowClosePolicy.QuietStep(false, giveUp));
        assertThat(policy.onQuiet(giveUp, giveUp - 100, null, 1_000L, null).close()).isTrue();
    }

    @Test
    void withTheBarrierAQuietKeyWaitsForARoundThatLookedUpstreamAfterItsLastVersion() {
        WindowClosePolicy barrier = policy(true);
        assertThat(barrier.onQuiet(3_000, 1_000L, null, 1_000L, null))
                .as("no round since its organization began backfilling")
                .isEqualTo(new WindowClosePolicy.QuietStep(false, 3_000 + WindowClosePolicy.RECHECK_MILLIS));
        assertThat(barrier.onQuiet(3_000, 1_000L, null, 1_000L, 999L).close()).as("a round before its last version")
                .isFalse();
        assertThat(barrier.onQuiet(3_000, 1_000L, null, 1_000L, 1_000L).close()).isTrue();
        assertThat(barrier.onQuiet(4_000, 1_000L, 1_500L, 1_000L, 1_200L).close())
                .as("a round before its organization's last past-day row").isFalse();
        long giveUp = 1_000 + WindowClosePolicy.MAX_QUIET_WAITS * QUIET;
        assertThat(barrier.onQuiet(giveUp, giveUp - 100, null, 1_000L, giveUp - 100).close())
                .as("never quiet: a round after its last version").isTrue();
        assertThat(barrier.onQuiet(giveUp, giveUp - 100, null, 1_000L, giveUp - 200).close()).isFalse();
    }

    @Test
    void theNewestVersionWinsByItsAsOfAndArrivalOrderWithoutOne() {
        MetricsUpdate older = day(D, 1);
        MetricsUpdate newer = day(D, 2);
        assertThat(WindowClosePolicy.newer(newer, older)).isTrue();
        assertThat(WindowClosePolicy.newer(older, newer)).isFalse();
        MetricsUpdate undated = ChangelogRows.channelDay(Windows.ORG, Windows.CHANNEL, D, 1, 1, 1, null, null);
        assertThat(WindowClosePolicy.newer(undated, newer)).isTrue();
        assertThat(MetricsRowParser.windowStart(newer)).isEqualTo(ts(D));
    }
}
