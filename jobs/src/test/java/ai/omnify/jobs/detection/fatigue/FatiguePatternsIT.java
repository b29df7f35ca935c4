package ai.omnify.jobs.detection.fatigue;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.testing.TestFlink;
import ai.omnify.jobs.detection.CollectingSink;
import ai.omnify.jobs.detection.FatigueMatch;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.Windows;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The creative-fatigue CEP sequence on a MiniCluster, fed its windows out of order. */
class FatiguePatternsIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestFlink.miniCluster(2);

    /** 10 warm-up days, then CTR falls 5% a day for 5 days while frequency and CPA rise, then it recovers. */
    static List<MetricWindow> fatiguingCreative() {
        List<MetricWindow> out = new ArrayList<>();
        LocalDate d0 = Windows.FIRST;
        for (int i = 0; i < 10; i++) {
            // noisy but flat: CTR alternates, so no run of worse days
            out.add(Windows.creativeDay(d0.plusDays(i), i, i % 2 == 0 ? 20 : 21, 2.0 + 0.01 * (i % 2), 10));
        }
        double ctr = 20;
        double freq = 2.0;
        double conv = 10;
        for (int i = 10; i < 15; i++) {
            ctr *= 0.92;
            freq += 0.15;
            conv -= 1;
            out.add(Windows.creativeDay(d0.plusDays(i), i, ctr, freq, conv));
        }
        for (int i = 15; i < 20; i++) {
            out.add(Windows.creativeDay(d0.plusDays(i), i, i % 2 == 0 ? 20 : 21, 2.0, 10));
        }
        return out;
    }

    @Test
    void matchesTheDeclineOnceEnoughWindowsWorsenedEvenWhenWindowsArriveOutOfOrder() throws Exception {
        StreamExecutionEnvironment env = TestFlink.environment(2);
        FlinkTypes.register();
        List<MetricWindow> windows = fatiguingCreative();
        // a second creative that never fatigues
        List<MetricWindow> input = new ArrayList<>(windows);
        for (MetricWindow w : windows.subList(0, 10)) {
            input.add(new MetricWindow(w.orgId(), w.level(), "other", w.channelId(), "other", w.grain(), w.start(),
                    w.end(), w.history(), w.spend(), w.impressions(), w.clicks(), w.conversions(), w.revenue(),
                    w.orders(), w.frequency()));
        }
        // shuffled within a 3-day disorder bound
        Collections.shuffle(input, new Random(7));
        input.sort(Comparator.comparingLong(w -> w.start().toEpochMilli() / (3 * 86_400_000L)));
        DataStream<MetricWindow> stream = env.fromData(input, FlinkTypes.of(MetricWindow.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<MetricWindow>forBoundedOutOfOrderness(Duration.ofDays(3))
                        .withTimestampAssigner((w, ts) -> w.start().toEpochMilli()));
        CollectingSink<FatigueMatch> sink = new CollectingSink<>("fatigue-matches");
        FatiguePatterns.matches(FatiguePatterns.inOrder(stream, Duration.ofDays(3), Duration.ofDays(30))
                .keyBy(MetricWindow::key, Types.STRING), 4, 7).sinkTo(sink);
        env.execute("fatigue pattern");

        List<FatigueMatch> matches = sink.values();
        matches.sort(Comparator.comparing(FatigueMatch::windowEnd));
        // runs of 4 in the 6 windows day 9..14 (day 9 = last flat day, then 5 worse days): starts 9, 10, 11
        assertThat(matches).extracting(m -> m.since().toString()).containsExactly(
                "2026-06-10T00:00:00Z", "2026-06-11T00:00:00Z", "2026-06-12T00:00:00Z");
        assertThat(matches).allSatisfy(m -> {
            assertThat(m.creativeId()).isEqualTo(Windows.CREATIVE);
            assertThat(m.windows()).isEqualTo(4);
            assertThat(m.ctrLast()).isLessThan(m.ctrFirst());
            assertThat(m.frequencyLast()).isGreaterThan(m.frequencyFirst());
        });
    }

    @Test
    void noMatchBeforeWarmUp() throws Exception {
        StreamExecutionEnvironment env = TestFlink.environment(1);
        FlinkTypes.register();
        List<MetricWindow> input = fatiguingCreative();
        DataStream<MetricWindow> stream = env.fromData(input, FlinkTypes.of(MetricWindow.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<MetricWindow>forMonotonousTimestamps()
                        .withTimestampAssigner((w, ts) -> w.start().toEpochMilli()));
        CollectingSink<FatigueMatch> sink = new CollectingSink<>("fatigue-warmup");
        // a warm-up of 12 windows: only the runs starting at day 12 or later could count, and those are too short
        FatiguePatterns.matches(FatiguePatterns.inOrder(stream, Duration.ofDays(3), Duration.ofDays(30))
                .keyBy(MetricWindow::key, Types.STRING), 4, 12).sinkTo(sink);
        env.execute("fatigue warm-up");
        assertThat(sink.values()).isEmpty();
    }

    /**
     * A backfill closes one creative's whole history at a time: here three creatives that never fatigue, then the
     * fatiguing one, each key's windows in order. The stream's watermark is past the fatiguing creative's days before
     * its first window comes; its decline must still match (an event-time CEP operator dropped every such window).
     */
    @Test
    void matchesACreativeWhoseHistoryComesAfterTheWatermarkPassedIt() throws Exception {
        StreamExecutionEnvironment env = TestFlink.environment(1);
        FlinkTypes.register();
        List<MetricWindow> fatiguing = fatiguingCreative();
        List<MetricWindow> input = new ArrayList<>();
        for (String other : List.of("a", "b", "c")) {
            for (MetricWindow w : fatiguing) {
                // flat: the warm-up windows' pattern, shifted 10 days later than the fatiguing creative's last day
                MetricWindow flat = fatiguing.get(w.history() % 2);
                input.add(new MetricWindow(w.orgId(), w.level(), other, w.channelId(), other, w.grain(),
                        w.start().plus(Duration.ofDays(30)), w.end().plus(Duration.ofDays(30)), w.history(),
                        flat.spend(), flat.impressions(), flat.clicks(), flat.conversions(), flat.revenue(),
                        flat.orders(), flat.frequency()));
            }
        }
        input.addAll(fatiguing);
        // a watermark after every window (2 days behind the latest start), so it is ahead when the fatiguing one comes
        DataStream<MetricWindow> stream = env.fromData(input, FlinkTypes.of(MetricWindow.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<MetricWindow>forGenerator(c -> new EveryWindowWatermarks())
                        .withTimestampAssigner((w, ts) -> w.start().toEpochMilli()));
        CollectingSink<FatigueMatch> sink = new CollectingSink<>("fatigue-backfill-order");
        FatiguePatterns.matches(FatiguePatterns.inOrder(stream, Duration.ofDays(2), Duration.ofDays(30))
                .keyBy(MetricWindow::key, Types.STRING), 4, 7).sinkTo(sink);
        env.execute("fatigue after the watermark");

        List<FatigueMatch> matches = sink.values();
        matches.sort(Comparator.comparing(FatigueMatch::windowEnd));
        assertThat(matches).extracting(m -> m.since().toString()).containsExactly(
                "2026-06-10T00:00:00Z", "2026-06-11T00:00:00Z", "2026-06-12T00:00:00Z");
        assertThat(matches).allSatisfy(m -> assertThat(m.creativeId()).isEqualTo(Windows.CREATIVE));
    }

    /** A watermark after every window, two days behind the latest start seen. */
    static final class EveryWindowWatermarks implements WatermarkGenerator<MetricWindow> {
        private long max = Long.MIN_VALUE;

        @Override
        public void onEvent(MetricWindow w, long ts, WatermarkOutput out) {
            max = Math.max(max, ts);
            out.emitWatermark(new Watermark(max - Duration.ofDays(2).toMillis()));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput out) {}
    }
}
