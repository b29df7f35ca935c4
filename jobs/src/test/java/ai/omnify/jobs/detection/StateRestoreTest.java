package ai.omnify.jobs.detection;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.detection.anomaly.DetectAnomaliesFn;
import ai.omnify.jobs.detection.fatigue.FatigueAlertFn;
import ai.omnify.jobs.detection.fatigue.FatigueSignal;
import ai.omnify.jobs.detection.fatigue.OrderWindowsFn;
import ai.omnify.jobs.detection.window.BackfillSettled;
import ai.omnify.jobs.detection.window.CloseWindowsFn;
import ai.omnify.jobs.detection.window.OrgActivity;
import ai.omnify.jobs.detection.window.UpstreamSignal;
import ai.omnify.jobs.detection.window.WindowClosePolicy;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.metrics.MetricsUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints taken before the detection code was laid out by component (the operators in one package) restore into
 * today's operators: each snapshot in {@code state-snapshots/} was written by the previous layout's operator after
 * {@link StateScenarios}' phase one; restored and fed phase two, an operator emits what one operator fed both phases
 * emits. The state records keep their classes (their names are part of the checkpoint format), the operators their
 * state names.
 */
class StateRestoreTest {
    private static final String RULES = RulesState.parse("{\"orgId\":\"" + StateScenarios.ORG
            + "\",\"dailyBudgets\":{\"" + StateScenarios.CHANNEL + "\":2000}}").value().json();

    private static OperatorSubtaskState snapshot(String name) throws Exception {
        return OperatorSnapshotUtil.readStateHandle(OperatorSnapshotUtil.getResourceFilename(
                "state-snapshots/" + name + ".snapshot"));
    }

    private static <IN1, IN2, OUT> KeyedBroadcastOperatorTestHarness<String, IN1, IN2, OUT> broadcastHarness(
            KeyedBroadcastProcessFunction<String, IN1, IN2, OUT> fn, KeySelector<IN1, String> key,
            OperatorSubtaskState restoreFrom, MapStateDescriptor<?, ?>... descriptors) throws Exception {
        var h = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(fn, List.of(descriptors)),
                key, Types.STRING, 1, 1, 0);
        h.setup();
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }

    @Test
    void channelHistoryIncidentsAndDaySpendRestore() throws Exception {
        List<Alert> restored;
        try (var h = broadcastHarness(new DetectAnomaliesFn(DetectorSettings.defaults()), MetricWindow::key,
                snapshot("detect-anomalies"), RulesState.DESCRIPTOR)) {
            for (MetricWindow w : StateScenarios.channelPhaseTwo()) {
                h.processElement(w, 0);
            }
            restored = h.extractOutputValues();
        }
        try (var h = broadcastHarness(new DetectAnomaliesFn(DetectorSettings.defaults()), MetricWindow::key, null,
                RulesState.DESCRIPTOR)) {
            h.processBroadcastElement(new RulesUpdate(StateScenarios.ORG, RULES), 0);
            StateScenarios.channelPhaseOne().forEach(w -> process(h, w));
            int before = h.extractOutputValues().size();
            assertThat(h.extractOutputValues()).extracting(Alert::kind).contains("spend_spike");
            StateScenarios.channelPhaseTwo().forEach(w -> process(h, w));
            List<Alert> reference = h.extractOutputValues().subList(before, h.extractOutputValues().size());
            assertThat(reference).as("the spike resolves")
                    .extracting(Alert::kind, Alert::status)
                    .contains(org.assertj.core.groups.Tuple.tuple("spend_spike", "resolved"));
            assertThat(restored).usingRecursiveFieldByFieldElementComparatorIgnoringFields("detectedAt")
                    .containsExactlyElementsOf(reference);
        }
    }

    @Test
    void creativeFiguresWaitingMatchesAndTheFatigueIncidentRestore() throws Exception {
        List<Alert> restored;
        try (var h = broadcastHarness(new FatigueAlertFn(DetectorSettings.defaults()), FatigueSignal::key,
                snapshot("fatigue-alerts"), RulesState.DESCRIPTOR)) {
            for (FatigueSignal s : StateScenarios.creativePhaseTwo()) {
                h.processElement(s, 0);
            }
            restored = h.extractOutputValues();
        }
        try (var h = broadcastHarness(new FatigueAlertFn(DetectorSettings.defaults()), FatigueSignal::key, null,
                RulesState.DESCRIPTOR)) {
            h.processBroadcastElement(new RulesUpdate(StateScenarios.ORG, RULES), 0);
            StateScenarios.creativePhaseOne().forEach(s -> process(h, s));
            assertThat(h.extractOutputValues()).as("the match still waits for its windows").isEmpty();
            StateScenarios.creativePhaseTwo().forEach(s -> process(h, s));
            assertThat(h.extractOutputValues()).extracting(Alert::kind, Alert::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("creative_fatigue", "open"),
                    org.assertj.core.groups.Tuple.tuple("creative_fatigue", "resolved"));
            assertThat(restored).usingRecursiveFieldByFieldElementComparatorIgnoringFields("detectedAt")
                    .containsExactlyElementsOf(h.extractOutputValues());
        }
    }

    @Test
    void creativeWindowsWaitingForTheirOrderRestore() throws Exception {
        var days = StateScenarios.creativeDays();
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new OrderWindowsFn(Duration.ofDays(2), Duration.ofDays(60))), MetricWindow::key, Types.STRING)) {
            h.setup();
            h.initializeState(snapshot("order-windows"));
            h.open();
            h.processElement(days.get(1), days.get(1).start().toEpochMilli());
            assertThat(h.extractOutputValues()).as("the first day still waits for the bound").isEmpty();
            h.processWatermark(new Watermark(days.get(0).start().plus(Duration.ofDays(2)).toEpochMilli()));
            assertThat(h.extractOutputValues()).as("day 0, then the days that follow on, in order")
                    .extracting(MetricWindow::history).containsExactly(0, 1, 2, 3);
            assertThat(h.numKeyedStateEntries()).as("nothing waits").isEqualTo(1);
        }
    }

    @Test
    void pendingAndBackfilledWindowsTheirTimersAndOrganizationActivityRestore() throws Exception {
        WindowClosePolicy policy = new WindowClosePolicy(Duration.ofDays(1), Duration.ofHours(8),
                Duration.ofMinutes(30), Duration.ofSeconds(2), false);
        List<MetricWindow> restored;
        try (var h = broadcastHarness(new CloseWindowsFn(policy, Duration.ofDays(60)), MetricsRowParser::key,
                snapshot("close-windows"), OrgActivity.DESCRIPTOR, BackfillSettled.DESCRIPTOR)) {
            h.setProcessingTime(1_000);
            phaseTwo(h);
            restored = h.extractOutputValues();
        }
        try (var h = broadcastHarness(new CloseWindowsFn(policy, Duration.ofDays(60)), MetricsRowParser::key, null,
                OrgActivity.DESCRIPTOR, BackfillSettled.DESCRIPTOR)) {
            h.setProcessingTime(1_000);
            h.processBroadcastElement(UpstreamSignal.of(new OrgActivity(StateScenarios.ORG, 1_000)), 1_000);
            for (MetricsUpdate u : StateScenarios.changelogPhaseOne()) {
                h.processElement(u, MetricsRowParser.windowStart(u));
            }
            int before = h.extractOutputValues().size();
            assertThat(before).as("the live day 0").isEqualTo(1);
            phaseTwo(h);
            List<MetricWindow> reference = h.extractOutputValues().subList(before, h.extractOutputValues().size());
            assertThat(reference).extracting(MetricWindow::history).containsExactly(1, 2, 3, 4);
            assertThat(restored).containsExactlyElementsOf(reference);
        }
    }

    /** Day 1's morning poll at 1,500 ms, then the quiet period of the backfilled days 2-4 passes. */
    private static void phaseTwo(KeyedBroadcastOperatorTestHarness<String, MetricsUpdate, UpstreamSignal,
            MetricWindow> h) throws Exception {
        Instant d2 = StateScenarios.start(StateScenarios.FIRST.plusDays(2));
        h.setProcessingTime(1_500);
        MetricsUpdate morning = StateScenarios.changelogDay(1, 1, d2.plusSeconds(9 * 3600), d2.plusSeconds(9 * 3600));
        h.processElement(morning, MetricsRowParser.windowStart(morning));
        h.processWatermark(new Watermark(StateScenarios.start(StateScenarios.FIRST.plusDays(3)).toEpochMilli()));
        h.processBroadcastWatermark(new Watermark(StateScenarios.start(StateScenarios.FIRST.plusDays(3))
                .toEpochMilli()));
        for (long t = 2_000; t <= 4_000; t += 500) {
            h.setProcessingTime(t);
        }
    }

    private static <IN> void process(KeyedBroadcastOperatorTestHarness<String, IN, ?, ?> h, IN element) {
        try {
            h.processElement(element, 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
