package ai.omnify.jobs.detection.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.HarnessState;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.RulesState;
import ai.omnify.jobs.detection.RulesUpdate;
import ai.omnify.jobs.detection.StateScenarios;
import ai.omnify.model.Json;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.alert.AlertRules;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The channel operator with Flink's harness: judged windows, the rules from broadcast state, and what it keeps. */
class DetectAnomaliesFnTest {

    private static KeyedBroadcastOperatorTestHarness<String, MetricWindow, RulesUpdate, Alert> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new DetectAnomaliesFn(DetectorSettings.defaults()), MetricWindow::key, Types.STRING,
                RulesState.DESCRIPTOR);
    }

    @Test
    void aSpikeOpensAndResolvesAndTheKeyKeepsOnlyItsRecentHistory() throws Exception {
        try (var h = harness()) {
            for (int day = 0; day < StateScenarios.SPIKE_DAY; day++) {
                h.processElement(StateScenarios.channelDay(day, 1), 0);
            }
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(HarnessState.keyedEntries(h)).as("the windows seen; no incident").isEqualTo(1);
            h.processElement(StateScenarios.channelDay(StateScenarios.SPIKE_DAY, 3), 0);
            assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo("spend_spike");
                assertThat(a.status()).isEqualTo("open");
            });
            assertThat(HarnessState.keyedEntries(h)).as("the windows and the open incident").isEqualTo(2);
            for (int day = StateScenarios.SPIKE_DAY + 1; day < StateScenarios.SPIKE_DAY + 5; day++) {
                h.processElement(StateScenarios.channelDay(day, 1), 0);
            }
            assertThat(h.extractOutputValues()).extracting(Alert::status).containsExactly("open", "resolved");
            assertThat(HarnessState.keyedEntries(h)).as("the incident is forgotten after its cooldown").isEqualTo(1);
        }
    }

    @Test
    void theOrganizationsRulesApplyFromTheNextWindow() throws Exception {
        try (var h = harness()) {
            AlertRules off = Json.read("{\"orgId\":\"" + StateScenarios.ORG
                    + "\",\"kinds\":{\"spend_spike\":{\"enabled\":false}}}", AlertRules.class).value();
            h.processBroadcastElement(new RulesUpdate(StateScenarios.ORG, Json.write(off)), 0);
            for (int day = 0; day < StateScenarios.SPIKE_DAY; day++) {
                h.processElement(StateScenarios.channelDay(day, 1), 0);
            }
            h.processElement(StateScenarios.channelDay(StateScenarios.SPIKE_DAY, 3), 0);
            assertThat(h.extractOutputValues()).as("spend spikes are off: the dearer conversions are the CPA spike's")
                    .extracting(Alert::kind).containsExactly("cpa_spike");
        }
    }
}
