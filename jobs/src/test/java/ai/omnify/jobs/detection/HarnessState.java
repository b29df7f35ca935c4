package ai.omnify.jobs.detection;

import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/** What a keyed broadcast operator under test keeps, as the one-input harness's {@code numKeyedStateEntries()}. */
public final class HarnessState {
    private HarnessState() {}

    /** Keyed state entries left in the operator (heap backend): one per state and key that holds anything. */
    public static int keyedEntries(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) {
        var op = (AbstractStreamOperator<?>) h.getTwoInputOperator();
        return ((HeapKeyedStateBackend<?>) op.getKeyedStateBackend()).numKeyValueStateEntries();
    }
}
