package ai.omnify.jobs.detection.window;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.detection.ChangelogRows;
import ai.omnify.jobs.detection.DetectionSettings;
import ai.omnify.jobs.detection.HarnessState;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.MetricsRowParser;
import ai.omnify.jobs.detection.Windows;
import ai.omnify.model.metrics.MetricsUpdate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class CloseWindowsFnTest {
    private static final String CH = Windows.CHANNEL;
    private static final LocalDate D = Windows.FIRST;

    private static MetricsUpdate row(LocalDate d, double spendF, Instant asOf) {
        return ChangelogRows.channelDay(Windows.ORG, CH, d, spendF, 1, 1, asOf);
    }

    private static long ts(LocalDate d) {
        return d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    @Test
    void aWindowClosesOnceWithItsNewestVersionAndLaterVersionsAreDropped() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h = harness(new WindowClosePolicy(Duration.ZERO, null, null,
                Duration.ZERO, false))) {
            Instant v1 = Instant.parse("2026-06-01T10:00:00Z");
            h.processElement(row(D, 1.0, v1.plusSeconds(60)), ts(D));
            h.processElement(row(D, 0.5, v1), ts(D)); // older version arriving later: ignored
            h.processElement(row(D.plusDays(1), 1.0, v1), ts(D.plusDays(1)));
            both(h, new Watermark(ts(D.plusDays(1))));
            List<MetricWindow> out = h.extractOutputValues();
            assertThat(out).singleElement().satisfies(w -> {
                assertThat(w.start()).isEqualTo(Instant.ofEpochMilli(ts(D)));
                assertThat(w.spendValue()).isGreaterThan(900);
                assertThat(w.history()).isZero();
            });
            // a restatement of the closed day is dropped; the next day closes as the second window
            h.processElement(row(D, 3.0, v1.plusSeconds(3600)), ts(D));
            both(h, new Watermark(ts(D.plusDays(2))));
            assertThat(h.extractOutputValues()).hasSize(2);
            assertThat(h.extractOutputValues().get(1).history()).isEqualTo(1);
            assertThat(h.extractOutputValues().get(1).spendValue()).isLessThan(2000);
        }
    }

    @Test
    void aWindowFirstSeenBehindTheWatermarkIsStillJudged() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h = harness(new WindowClosePolicy(Duration.ZERO, null, null,
                Duration.ZERO, false))) {
            both(h, new Watermark(ts(D.plusDays(5))));
            h.processElement(row(D, 1.0, Instant.now()), ts(D));
            both(h, new Watermark(ts(D.plusDays(5)) + 1));
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(HarnessState.keyedEntries(h)).as("pending window removed; counters and last version time kept").isEqualTo(3);
        }
    }

    @Test
    void aDayClosesEarlyOnlyWhenItsAdDataIsMatureNotWhenAnOrderUpdateMovesItsVersion() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h = harness(new WindowClosePolicy(Duration.ofDays(1),
                Duration.ofHours(8), Duration.ofMinutes(30), DetectionSettings.DEFAULT_BACKFILL_QUIET, false))) {
            Instant dayEnd = Instant.ofEpochMilli(ts(D.plusDays(1)));
            Instant partialPoll = dayEnd.minus(Duration.ofHours(4));
            // the day's ad data from an evening poll, then an order update the next morning (asOf moves, reportedAt
            // does not): the day is not judged on that partial poll
            h.processElement(row(D, 0.8, partialPoll), ts(D));
            h.processElement(ChangelogRows.channelDay(Windows.ORG, CH, D, 0.8, 1, 1.1, dayEnd.plus(Duration.ofHours(9)),
                    partialPoll), ts(D));
            assertThat(h.extractOutputValues()).isEmpty();
            // the morning poll restating the whole day (reported 8 h after its end): judged now, on the full day
            h.processElement(ChangelogRows.channelDay(Windows.ORG, CH, D, 1.0, 1, 1.1, dayEnd.plus(Duration.ofHours(9)),
                    dayEnd.plus(Duration.ofHours(8))), ts(D));
            assertThat(h.extractOutputValues()).singleElement().satisfies(w ->
                    assertThat(w.spendValue()).isEqualTo(row(D, 1.0, dayEnd).spend().doubleValue()));
        }
    }

    @Test
    void theWatermarkDoesNotCloseADayItsAdDataHasNotCoveredYet() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h = harness(new WindowClosePolicy(Duration.ofDays(1),
                Duration.ofHours(8), Duration.ofMinutes(30), DetectionSettings.DEFAULT_BACKFILL_QUIET, false))) {
            Instant dayEnd = Instant.ofEpochMilli(ts(D.plusDays(1)));
            h.processElement(row(D, 0.8, dayEnd.minus(Duration.ofHours(4))), ts(D)); // an evening poll
            // other keys' days run ahead (a replay's partitions apart): the watermark passes the day's end + settle
            both(h, new Watermark(ts(D.plusDays(3))));
            assertThat(h.extractOutputValues()).isEmpty();
            // the morning poll comes: judged on the whole day
            h.processElement(row(D, 1.0, dayEnd.plus(Duration.ofHours(8))), ts(D));
            assertThat(h.extractOutputValues()).singleElement().satisfies(w ->
                    assertThat(w.spendValue()).isEqualTo(row(D, 1.0, dayEnd).spend().doubleValue()));
            // a day that never gets a report after its end closes a week after it
            h.processElement(row(D.plusDays(1), 0.5, dayEnd.plus(Duration.ofHours(2))), ts(D.plusDays(1)));
            both(h, new Watermark(ts(D.plusDays(8))));
            assertThat(h.extractOutputValues()).hasSize(1);
            both(h, new Watermark(ts(D.plusDays(9))));
            assertThat(h.extractOutputValues()).hasSize(2);
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> withMaturity()
            throws Exception {
        return harness(policy(false));
    }

    private static double fullSpend(LocalDate d) {
        return row(d, 1.0, Instant.EPOCH).spend().doubleValue();
    }

    @Test
    void aBackfillBuildingDaysAdByAdIsJudgedOnTheWholeDaysOnceTheKeyIsQuiet() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h = withMaturity()) {
            // a backfill months later: every version reported now (mature on arrival), the changelog emits each
            // channel-day once per ad: ad 1 over all five days, then ad 1 + 2, then all three ads
            Instant now = Instant.ofEpochMilli(ts(D.plusDays(90)));
            int seq = 0;
            h.setProcessingTime(1_000);
            for (int ads = 1; ads <= 3; ads++) {
                for (int day = 0; day < 5; day++) {
                    Instant asOf = now.plusMillis(seq++);
                    h.processElement(ChangelogRows.channelDay(Windows.ORG, CH, D.plusDays(day), ads / 3.0, 1, 1,
                            asOf, asOf), ts(D.plusDays(day)));
                }
                h.setProcessingTime(1_000 + ads * 500L); // versions keep coming, faster than the quiet period
                both(h, new Watermark(ts(D.plusDays(89)))); // the backfill moved the watermark to today
                assertThat(h.extractOutputValues()).as("nothing judged on a partial day").isEmpty();
            }
            // the last versions came at 2,000 ms: quiet 2 s later
            h.setProcessingTime(3_999);
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(4_000);
            List<MetricWindow> out = h.extractOutputValues();
            assertThat(out).hasSize(5);
            for (int day = 0; day < 5; day++) {
                MetricWindow w = out.get(day);
                assertThat(w.start()).isEqualTo(Instant.ofEpochMilli(ts(D.plusDays(day))));
                assertThat(w.history()).isEqualTo(day);
                assertThat(w.spendValue()).as("day %d on all its ads", day).isEqualTo(fullSpend(D.plusDays(day)));
            }
            assertThat(HarnessState.keyedEntries(h)).as("only the close counters and the key's last version time are left").isEqualTo(3);
        }
    }

    @Test
    void aBackfilledDayWaitsWhileItsOrganizationsPastDaysAreStillBeingRead() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h = withMaturity()) {
            Instant now = backfilledFirstDayAt1s(h);
            both(h, new Watermark(ts(D.plusDays(89))));
            // the channel's ads are all in; the store's orders of its past days are still being read (another key's
            // rows, and organization rows, as the MetricsJob works through the orders topic)
            for (long t = 1_500; t <= 6_000; t += 1_500) {
                h.processBroadcastElement(UpstreamSignal.of(new OrgActivity(Windows.ORG, t)), t);
                h.setProcessingTime(t);
            }
            h.setProcessingTime(7_999);
            assertThat(h.extractOutputValues()).as("the organization was busy until 6,000 ms").isEmpty();
            // the order of the day reaches the channel, then everything is quiet
            h.processElement(ChangelogRows.channelDay(Windows.ORG, CH, D, 1.0, 1, 1, now.plusSeconds(1),
                    now.plusSeconds(1)), ts(D));
            h.setProcessingTime(9_998); // the channel's last version came at 7,999 ms
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(9_999);
            assertThat(h.extractOutputValues()).singleElement()
                    .satisfies(w -> assertThat(w.start()).isEqualTo(Instant.ofEpochMilli(ts(D))));
        }
    }

    @Test
    void aBackfilledDayOfAKeyThatNeverGoesQuietClosesAfterTheLongestWait() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h = withMaturity()) {
            Instant now = backfilledFirstDayAt1s(h);
            both(h, new Watermark(ts(D.plusDays(89))));
            // a busy live store: today's day gets a new version every second, never a quiet period of 2 s
            long maxWait = WindowClosePolicy.MAX_QUIET_WAITS * 2_000L;
            for (long t = 2_000; t <= 1_000 + maxWait + 5_000; t += 1_000) {
                Instant poll = now.plusMillis(t);
                h.processElement(ChangelogRows.channelDay(Windows.ORG, CH, D.plusDays(90), 0.5, 1, 1, poll, poll),
                        ts(D.plusDays(90)));
                h.setProcessingTime(t);
                if (t < 1_000 + maxWait) {
                    assertThat(h.extractOutputValues()).as("at %d ms", t).isEmpty();
                }
            }
            assertThat(h.extractOutputValues()).as("the backfilled day, after waiting %d ms; today stays open", maxWait)
                    .singleElement().satisfies(w -> assertThat(w.start()).isEqualTo(Instant.ofEpochMilli(ts(D))));
        }
    }

    @Test
    void aQuietBackfilledDayWaitsUntilTheBarrierSawUpstreamAfterItsLastVersion() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h =
                harness(policy(true))) {
            Instant now = backfilledFirstDayAt1s(h);
            h.setProcessingTime(3_000);
            assertThat(h.extractOutputValues()).as("quiet, but the barrier has found nothing yet").isEmpty();
            settled(h, 2_500, Windows.ORG);
            h.setProcessingTime(4_000);
            assertThat(h.extractOutputValues()).as("its organization was still backfilling").isEmpty();
            // the orders reach the channel meanwhile: the day takes them and waits for quiet again
            h.setProcessingTime(4_500);
            h.processElement(ChangelogRows.channelDay(Windows.ORG, CH, D, 1.0, 1, 1.2, now.plusSeconds(1),
                    now.plusSeconds(1)), ts(D));
            settled(h, 4_000);
            h.setProcessingTime(7_000);
            assertThat(h.extractOutputValues()).as("the barrier looked upstream before the key's last version")
                    .isEmpty();
            settled(h, 5_000, "another-org");
            h.setProcessingTime(8_000);
            assertThat(h.extractOutputValues()).singleElement().satisfies(w ->
                    assertThat(w.orders()).as("judged with the orders that came late")
                            .isEqualTo(ChangelogRows.channelDay(Windows.ORG, CH, D, 1.0, 1, 1.2, now, now)
                                    .attributedOrders()));
            assertThat(h.numProcessingTimeTimers()).as("no quiet timer left").isZero();
        }
    }

    @Test
    void withoutTheBarrierAQuietBackfilledDayClosesOnTheQuietPeriodAlone() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h =
                harness(policy(false))) {
            backfilledFirstDayAt1s(h);
            settled(h, 500, Windows.ORG); // what a barrier would say is not asked
            h.setProcessingTime(3_000);
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void anotherOrganizationsActivityDoesNotHoldADayBack() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h = withMaturity()) {
            backfilledFirstDayAt1s(h);
            h.processBroadcastElement(UpstreamSignal.of(new OrgActivity("another-org", 2_500)), 2_500);
            h.setProcessingTime(3_000);
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void aBackfilledDayWhoseOrdersComeBeforeItsAdsWaitsForThemAndDropsNoOlderDay() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h = withMaturity()) {
            Instant now = Instant.ofEpochMilli(ts(D.plusDays(90)));
            h.setProcessingTime(1_000);
            both(h, new Watermark(ts(D.plusDays(89)))); // the backfill moved the watermark to today
            // day 2's attributed orders are read first: a row without ad data (no reportedAt)
            h.processElement(ChangelogRows.channelDay(Windows.ORG, CH, D.plusDays(2), 0, 0, 1, now, null),
                    ts(D.plusDays(2)));
            both(h, new Watermark(ts(D.plusDays(89)) + 1));
            assertThat(h.extractOutputValues()).as("not judged on its orders alone").isEmpty();
            // then the ads of days 0-2
            for (int day = 0; day < 3; day++) {
                h.processElement(ChangelogRows.channelDay(Windows.ORG, CH, D.plusDays(day), 1.0, 1, 1,
                        now.plusSeconds(1), now.plusSeconds(1)), ts(D.plusDays(day)));
            }
            h.setProcessingTime(3_000);
            assertThat(h.extractOutputValues()).extracting(w -> w.start())
                    .containsExactly(Instant.ofEpochMilli(ts(D)), Instant.ofEpochMilli(ts(D.plusDays(1))),
                            Instant.ofEpochMilli(ts(D.plusDays(2))));
            assertThat(h.extractOutputValues()).allSatisfy(w -> assertThat(w.spendValue()).isGreaterThan(0));
        }
    }

    @Test
    void backfilledDaysWhoseOrdersComeFirstWaitEvenBeforeTheWatermarkMoved() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h = withMaturity()) {
            // the wall clock is 90 days after the days; the job has just started (no watermark yet)
            Instant now = Instant.ofEpochMilli(ts(D.plusDays(90)));
            h.setProcessingTime(now.toEpochMilli());
            for (int day = 0; day < 3; day++) { // the store's orders of three days, read ahead of the ads
                h.processElement(ChangelogRows.channelDay(Windows.ORG, CH, D.plusDays(day), 0, 0, 1, now, null),
                        ts(D.plusDays(day)));
            }
            for (int day = 2; day >= 0; day--) { // then the ads, newest day first
                h.processElement(ChangelogRows.channelDay(Windows.ORG, CH, D.plusDays(day), 1.0, 1, 1,
                        now.plusSeconds(1), now.plusSeconds(1)), ts(D.plusDays(day)));
            }
            assertThat(h.extractOutputValues()).as("nothing judged while the backfill comes").isEmpty();
            h.setProcessingTime(now.toEpochMilli() + 2_000);
            assertThat(h.extractOutputValues()).hasSize(3)
                    .allSatisfy(w -> assertThat(w.spendValue()).isGreaterThan(0));
        }
    }

    @Test
    void aRecentDayWhoseOrdersCameFirstDoesNotCloseItsKeyAheadOfTheBackfill() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h = withMaturity()) {
            // a new connection, 15 h after day 2 ended: the store's orders of day 2 (a recent day) come first, then
            // the live poll's ad row of day 2 (mature), and only then the backfill's older days
            Instant now = Instant.ofEpochMilli(ts(D.plusDays(3))).plus(Duration.ofHours(15));
            h.setProcessingTime(now.toEpochMilli());
            h.processElement(ChangelogRows.channelDay(Windows.ORG, CH, D.plusDays(2), 0, 0, 1, now, null),
                    ts(D.plusDays(2)));
            h.processElement(ChangelogRows.channelDay(Windows.ORG, CH, D.plusDays(2), 1.0, 1, 1, now.plusSeconds(1),
                    now.plusSeconds(1)), ts(D.plusDays(2)));
            assertThat(h.extractOutputValues()).as("its first ad data: it waits like a backfilled day").isEmpty();
            for (int day = 0; day < 2; day++) {
                h.processElement(ChangelogRows.channelDay(Windows.ORG, CH, D.plusDays(day), 1.0, 1, 1,
                        now.plusSeconds(2), now.plusSeconds(2)), ts(D.plusDays(day)));
            }
            h.setProcessingTime(now.toEpochMilli() + 3_000);
            assertThat(h.extractOutputValues()).extracting(w -> w.start())
                    .containsExactly(Instant.ofEpochMilli(ts(D)), Instant.ofEpochMilli(ts(D.plusDays(1))),
                            Instant.ofEpochMilli(ts(D.plusDays(2))));
            assertThat(h.extractOutputValues()).allSatisfy(w -> assertThat(w.spendValue()).isGreaterThan(0));
        }
    }

    @Test
    void aLiveDaySeenBeforeClosesAtOnceOnItsMatureVersion() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h = withMaturity()) {
            Instant dayEnd = Instant.ofEpochMilli(ts(D.plusDays(1)));
            h.setProcessingTime(5_000);
            h.processElement(row(D, 0.6, dayEnd.minus(Duration.ofHours(6))), ts(D)); // intraday polls
            h.processElement(row(D, 0.9, dayEnd.minus(Duration.ofHours(1))), ts(D));
            h.processElement(row(D, 1.0, dayEnd.plus(Duration.ofHours(8))), ts(D)); // the morning poll
            // judged at once: no processing time passed, no watermark
            assertThat(h.extractOutputValues()).singleElement().satisfies(w ->
                    assertThat(w.spendValue()).isEqualTo(fullSpend(D)));
        }
    }

    @Test
    void aMatureLiveDayWaitsForAnOlderDayOfItsKeyStillBeingBackfilled() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h = withMaturity()) {
            Instant d1End = Instant.ofEpochMilli(ts(D.plusDays(2)));
            h.setProcessingTime(0);
            // yesterday is being backfilled (first version already mature), today's polls come in
            h.processElement(row(D, 0.5, d1End.plus(Duration.ofHours(8))), ts(D));
            h.processElement(row(D.plusDays(1), 0.7, d1End.minus(Duration.ofHours(3))), ts(D.plusDays(1)));
            h.setProcessingTime(1_500);
            h.processElement(row(D, 1.0, d1End.plus(Duration.ofHours(8)).plusSeconds(1)), ts(D));
            h.processElement(row(D.plusDays(1), 1.0, d1End.plus(Duration.ofHours(8)).plusSeconds(2)),
                    ts(D.plusDays(1)));
            // the newer day is mature, but closing it would close (or reorder) the older day still receiving ads
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(3_500);
            List<MetricWindow> out = h.extractOutputValues();
            assertThat(out).extracting(MetricWindow::start).containsExactly(Instant.ofEpochMilli(ts(D)),
                    Instant.ofEpochMilli(ts(D.plusDays(1))));
            assertThat(out).extracting(MetricWindow::spendValue).containsExactly(fullSpend(D),
                    fullSpend(D.plusDays(1)));
            // the quiet period is over: the next live day closes at once again
            Instant d2End = Instant.ofEpochMilli(ts(D.plusDays(3)));
            h.processElement(row(D.plusDays(2), 0.4, d2End.minus(Duration.ofHours(5))), ts(D.plusDays(2)));
            h.processElement(row(D.plusDays(2), 1.0, d2End.plus(Duration.ofHours(9))), ts(D.plusDays(2)));
            assertThat(h.extractOutputValues()).hasSize(3);
        }
    }

    @Test
    void aBackfilledDayStillClosesAtTheEndOfABoundedInput() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h = withMaturity()) {
            h.processElement(row(D, 1.0, Instant.ofEpochMilli(ts(D.plusDays(30)))), ts(D));
            both(h, new Watermark(ts(D.plusDays(29))));
            assertThat(h.extractOutputValues()).isEmpty();
            both(h, new Watermark(Long.MAX_VALUE));
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void theNextDayOfAQuietKeyArrivingMatureIsALiveUpdateJudgedAtOnce() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h = withMaturity()) {
            Instant later = Instant.ofEpochMilli(ts(D.plusDays(40)));
            h.setProcessingTime(0);
            h.processElement(row(D, 1.0, later), ts(D)); // history, backfilled
            h.setProcessingTime(2_000);
            assertThat(h.extractOutputValues()).hasSize(1);
            // much later the next day comes mature on one poll (no intraday version): no wait
            h.setProcessingTime(60_000);
            h.processElement(row(D.plusDays(1), 1.0, later.plusSeconds(60)), ts(D.plusDays(1)));
            assertThat(h.extractOutputValues()).hasSize(2);
            // a day after a gap is not the key's next window: it may be a backfill, so it waits for quiet
            h.processElement(row(D.plusDays(5), 1.0, later.plusSeconds(120)), ts(D.plusDays(5)));
            assertThat(h.extractOutputValues()).hasSize(2);
            h.setProcessingTime(62_000);
            assertThat(h.extractOutputValues()).hasSize(3);
        }
    }

    /** The channel's first day, read by a backfill 90 days later, arrives at 1,000 ms processing time. */
    private static Instant backfilledFirstDayAt1s(
            KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h) throws Exception {
        Instant now = Instant.ofEpochMilli(ts(D.plusDays(90)));
        h.setProcessingTime(1_000);
        h.processElement(ChangelogRows.channelDay(Windows.ORG, CH, D, 1.0, 1, 1, now, now), ts(D));
        return now;
    }

    /** The watermark on both inputs (the changelog and the broadcast organization activity). */
    private static void both(KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h,
            Watermark w) throws Exception {
        h.processWatermark(w);
        h.processBroadcastWatermark(w);
    }


    /** Quiet period 2 s, maturity 8 h (days) and 30 min (hours), settle 1 day; with or without the barrier. */
    private static WindowClosePolicy policy(boolean barrier) {
        return new WindowClosePolicy(Duration.ofDays(1), Duration.ofHours(8), Duration.ofMinutes(30),
                Duration.ofSeconds(2), barrier);
    }

    private static KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> harness(
            WindowClosePolicy policy) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new CloseWindowsFn(policy,
                Duration.ofDays(60)), MetricsRowParser::key, Types.STRING, OrgActivity.DESCRIPTOR,
                BackfillSettled.DESCRIPTOR);
    }

    /** The barrier found upstream's data through as of {@code asOf}, these organizations still backfilling. */
    private static void settled(KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal, MetricWindow> h,
            long asOf, String... backfilling) throws Exception {
        h.processBroadcastElement(UpstreamSignal.of(new BackfillSettled(asOf, backfilling)), asOf);
    }
}
