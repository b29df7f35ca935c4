package ai.omnify.jobs.brain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint taken before the brain's code was laid out by component restores into today's {@link BrainFn}: the
 * snapshot in {@code state-snapshots/} was written by the previous layout's operator after
 * {@link BrainStateScenarios}' phase one; restored and fed phase two, the operator emits what one operator fed both
 * phases emits, on every output.
 */
class BrainStateRestoreTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, BrainInput, BrainOutput> harness() throws Exception {
        BrainFn fn = new BrainFn(BrainSettings.defaults(), BrainStore.fixed(new OrgGoals("EUR", "UTC", 2.0, null)),
                Duration.ofMillis(100));
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(fn), BrainInput::orgId,
                Types.STRING);
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, BrainInput, BrainOutput> h,
            List<BrainStateScenarios.Step> steps) throws Exception {
        for (BrainStateScenarios.Step s : steps) {
            if (s.input() != null) {
                h.processElement(s.input(), 0);
            }
            if (s.processingTime() != null) {
                h.setProcessingTime(s.processingTime());
            }
        }
    }

    /** What a harness emitted on the main output and every side output, from the given counts on. */
    private record Emitted(List<BrainOutput> states, List<Object> forecasts, List<Object> scores, List<Object> actions,
            List<Object> insights) {
        static Emitted of(KeyedOneInputStreamOperatorTestHarness<String, BrainInput, BrainOutput> h, Emitted from) {
            return new Emitted(h.extractOutputValues().subList(from == null ? 0 : from.states.size(),
                    h.extractOutputValues().size()), side(h, BrainFn.FORECASTS, from == null ? 0 : from.forecasts.size()),
                    side(h, BrainFn.SCORES, from == null ? 0 : from.scores.size()),
                    side(h, BrainFn.ACTIONS, from == null ? 0 : from.actions.size()),
                    side(h, BrainFn.INSIGHTS, from == null ? 0 : from.insights.size()));
        }

        private static List<Object> side(KeyedOneInputStreamOperatorTestHarness<String, BrainInput, BrainOutput> h,
                OutputTag<?> tag, int from) {
            var q = h.getSideOutput(tag);
            List<Object> all = q == null ? List.of() : q.stream().map(r -> (Object) ((StreamRecord<?>) r).getValue())
                    .toList();
            return all.subList(Math.min(from, all.size()), all.size());
        }
    }

    @Test
    void rowsAlertsAdsLedgerTalliesActionsAndVersionRestore() throws Exception {
        Emitted restored;
        try (var h = harness()) {
            h.setup();
            h.initializeState(OperatorSnapshotUtil.readStateHandle(OperatorSnapshotUtil.getResourceFilename(
                    "state-snapshots/brain.snapshot")));
            h.open();
            h.setProcessingTime(2_000);
            feed(h, BrainStateScenarios.phaseTwo());
            restored = Emitted.of(h, null);
            assertThat(h.numProcessingTimeTimers()).as("the debounce timer fired and is gone").isZero();
        }
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(0);
            feed(h, BrainStateScenarios.phaseOne());
            Emitted one = Emitted.of(h, null);
            assertThat(one.states()).as("a version on the reload, another on the next days").hasSize(2);
            assertThat(one.scores()).as("the first version's forecasts of days now complete").isNotEmpty();
            feed(h, BrainStateScenarios.phaseTwo());
            Emitted two = Emitted.of(h, one);
            assertThat(two.states()).singleElement().satisfies(o -> assertThat(o.version()).isEqualTo(3));
            assertThat(restored).isEqualTo(two);
        }
    }
}
