package ai.omnify.jobs.brain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.metrics.MetricsUpdate;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The history reload's operators with Flink's harnesses: the first sight of an organization asks once for its stored
 * history, and the brain computes nothing for it before the reload's marker has arrived.
 */
class FirstSightTest {
    private static final String A = "6f1d7c52-0000-4000-8000-0000000000e1";
    private static final String B = "6f1d7c52-0000-4000-8000-0000000000e2";

    @Test
    void eachOrganizationIsAskedForOnceAndEveryInputPassesOn() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, BrainInput, BrainInput> h =
                     ProcessFunctionTestHarnesses.forKeyedProcessFunction(new FirstSightFn(), BrainInput::orgId,
                             Types.STRING)) {
            List<MetricsUpdate> a = SyntheticDays.rows(A, 0, 1, 1);
            for (MetricsUpdate r : a) {
                h.processElement(BrainInput.of(r), 0);
            }
            h.processElement(BrainInput.of(SyntheticDays.rows(B, 0, 1, 1).get(0)), 0);
            h.processElement(BrainInput.of(a.get(0)), 0);
            assertThat(h.extractOutputValues()).hasSize(a.size() + 2);
            assertThat(h.getSideOutput(FirstSightFn.HISTORY_REQUESTS)).extracting(StreamRecord::getValue)
                    .containsExactly(A, B);
            assertThat(h.numKeyedStateEntries()).as("one mark per organization seen, nothing else").isEqualTo(2);
        }
    }

    @Test
    void aJobRestoredFromACheckpointDoesNotReloadAgain() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, BrainInput, BrainInput> h =
                     ProcessFunctionTestHarnesses.forKeyedProcessFunction(new FirstSightFn(), BrainInput::orgId,
                             Types.STRING)) {
            h.processElement(BrainInput.of(SyntheticDays.rows(A, 0, 1, 1).get(0)), 0);
            snapshot = h.snapshot(1, 1);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, BrainInput, BrainInput> h =
                     new KeyedOneInputStreamOperatorTestHarness<>(
                             new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(new FirstSightFn()),
                             BrainInput::orgId, Types.STRING)) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(BrainInput.of(SyntheticDays.rows(A, 1, 1, 1).get(0)), 0);
            h.processElement(BrainInput.of(SyntheticDays.rows(B, 1, 1, 1).get(0)), 0);
            assertThat(h.extractOutputValues()).hasSize(2);
            assertThat(h.getSideOutput(FirstSightFn.HISTORY_REQUESTS)).extracting(StreamRecord::getValue)
                    .containsExactly(B);
        }
    }

    @Test
    void theBrainWaitsForTheReloadBeforeItsFirstVersion() throws Exception {
        BrainFn fn = new BrainFn(BrainSettings.defaults(), BrainStore.fixed(new OrgGoals("EUR", "UTC", 2.0, null)),
                Duration.ofMillis(100));
        try (KeyedOneInputStreamOperatorTestHarness<String, BrainInput, BrainOutput> h =
                     ProcessFunctionTestHarnesses.forKeyedProcessFunction(fn, BrainInput::orgId, Types.STRING)) {
            h.setProcessingTime(0);
            // the changelog's last days arrive first
            for (MetricsUpdate r : SyntheticDays.rows(A, 33, 2, 1)) {
                h.processElement(BrainInput.of(r), 0);
            }
            h.setProcessingTime(1_000);
            assertThat(h.extractOutputValues()).isEmpty();
            // then the stored history, an older copy of one changelog row among it, and the marker
            for (MetricsUpdate r : SyntheticDays.rows(A, 0, 35, 1)) {
                h.processElement(BrainInput.of(r), 0);
            }
            h.processElement(BrainInput.loaded(A, 35, null), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(2_000);
            assertThat(h.extractOutputValues()).singleElement().satisfies(o -> {
                assertThat(o.version()).isEqualTo(1);
                assertThat(o.asOfDate()).isEqualTo(SyntheticDays.FIRST.plusDays(34));
            });
            // from now on a new row makes a new version after the debounce, as before
            for (MetricsUpdate r : SyntheticDays.rows(A, 35, 1, 1)) {
                h.processElement(BrainInput.of(r), 0);
            }
            h.setProcessingTime(3_000);
            assertThat(h.extractOutputValues()).hasSize(2);
            assertThat(h.numProcessingTimeTimers()).as("the debounce timer fired and is gone").isZero();
        }
    }

    @Test
    void aFailedReloadStillLetsTheBrainGoOnWithWhatItHas() throws Exception {
        BrainFn fn = new BrainFn(BrainSettings.defaults(), BrainStore.fixed(new OrgGoals("EUR", "UTC", 2.0, null)),
                Duration.ofMillis(100));
        try (KeyedOneInputStreamOperatorTestHarness<String, BrainInput, BrainOutput> h =
                     ProcessFunctionTestHarnesses.forKeyedProcessFunction(fn, BrainInput::orgId, Types.STRING)) {
            h.setProcessingTime(0);
            for (MetricsUpdate r : SyntheticDays.rows(A, 0, 10, 1)) {
                h.processElement(BrainInput.of(r), 0);
            }
            h.processElement(BrainInput.loaded(A, 0, "the stored history could not be read: connection refused"), 0);
            h.setProcessingTime(1_000);
            assertThat(h.extractOutputValues()).singleElement()
                    .satisfies(o -> assertThat(o.asOfDate()).isEqualTo(SyntheticDays.FIRST.plusDays(9)));
        }
    }
}
