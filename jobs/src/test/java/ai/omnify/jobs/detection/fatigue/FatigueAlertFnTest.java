package ai.omnify.jobs.detection.fatigue;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.detection.CreativeFigures;
import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.FatigueMatch;
import ai.omnify.jobs.detection.HarnessState;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.RulesState;
import ai.omnify.jobs.detection.RulesUpdate;
import ai.omnify.jobs.detection.Windows;
import ai.omnify.model.alert.Alert;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class FatigueAlertFnTest {
    private static final LocalDate D = Windows.FIRST;

    /** 14 usual days (CTR 20-21 per mille), then 4 days of falling CTR and rising frequency. */
    private static List<MetricWindow> history() {
        List<MetricWindow> out = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            out.add(Windows.creativeDay(D.plusDays(i), i, i % 2 == 0 ? 20 : 21, 2.0, 10));
        }
        double[] ctr = {16, 12, 9, 6};
        for (int i = 0; i < ctr.length; i++) {
            out.add(Windows.creativeDay(D.plusDays(14 + i), 14 + i, ctr[i], 2.2 + 0.2 * i, 8 - 2 * i));
        }
        return out;
    }

    private static KeyedBroadcastOperatorTestHarness<String, FatigueSignal, RulesUpdate, Alert> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new FatigueAlertFn(DetectorSettings.defaults()), FatigueSignal::key, Types.STRING,
                RulesState.DESCRIPTOR);
    }

    private static FatigueMatch match(List<MetricWindow> windows) {
        // day 13 (usual) then three worse days: the alert is dated from the first worse one, day 14
        return FatigueRules.match(windows.subList(13, 17));
    }

    @Test
    void aMatchThatArrivesBeforeItsWindowsIsJudgedOnceTheyCame() throws Exception {
        List<MetricWindow> windows = history();
        try (var h = harness()) {
            h.processElement(FatigueSignal.of(match(windows)), 0);
            assertThat(h.extractOutputValues()).as("its reference windows are not there yet").isEmpty();
            for (MetricWindow w : windows) {
                h.processElement(FatigueSignal.of(w), 0);
            }
            assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo("creative_fatigue");
                assertThat(a.since()).isEqualTo(windows.get(14).start());
                assertThat(a.windowEnd()).isEqualTo(windows.get(16).end());
            });
            assertThat(HarnessState.keyedEntries(h)).as("the match that waited is gone: figures, last window, incident")
                    .isEqualTo(3);
        }
    }

    @Test
    void aMatchAfterItsWindowsIsJudgedAtOnce() throws Exception {
        List<MetricWindow> windows = history();
        try (var h = harness()) {
            for (MetricWindow w : windows.subList(0, 17)) {
                h.processElement(FatigueSignal.of(w), 0);
            }
            h.processElement(FatigueSignal.of(match(windows)), 0);
            assertThat(h.extractOutputValues()).singleElement()
                    .satisfies(a -> assertThat(a.since()).isEqualTo(windows.get(14).start()));
        }
    }

    @Test
    void runsThatFallShortDoNotResolveAnOpenIncident() throws Exception {
        // matches reach the lifecycle after the window signals that pass them by: the creative's windows say when an
        // incident is over, not runs that are no fatigue (here four usual days, judged normal)
        List<MetricWindow> windows = history();
        try (var h = harness()) {
            for (MetricWindow w : windows) {
                h.processElement(FatigueSignal.of(w), 0);
            }
            h.processElement(FatigueSignal.of(match(windows)), 0);
            FatigueMatch shortRun = FatigueRules.match(windows.subList(8, 12));
            assertThat(FatigueRules.reading(shortRun, windows.subList(0, 8).stream().map(CreativeFigures::of).toList(),
                    ai.omnify.model.alert.AlertRules.defaults(Windows.ORG)).anomalous()).isFalse();
            for (int i = 0; i < DetectorSettings.defaults().resolveAfter() + 1; i++) {
                h.processElement(FatigueSignal.of(shortRun), 0);
            }
            assertThat(h.extractOutputValues()).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo("open"));
        }
    }

    @Test
    void aMatchJudgedLongAfterItsWindowsStillFindsItsReference() throws Exception {
        // a backfill: the creative's windows for 80 more days go by before the match of its decline arrives
        List<MetricWindow> windows = new ArrayList<>(history());
        for (int i = 18; i < 98; i++) {
            windows.add(Windows.creativeDay(D.plusDays(i), i, i % 2 == 0 ? 20 : 21, 2.0, 10));
        }
        try (var h = harness()) {
            for (MetricWindow w : windows) {
                h.processElement(FatigueSignal.of(w), 0);
            }
            h.processElement(FatigueSignal.of(match(windows)), 0);
            assertThat(h.extractOutputValues()).singleElement()
                    .satisfies(a -> assertThat(a.since()).isEqualTo(windows.get(14).start()));
        }
    }
}
