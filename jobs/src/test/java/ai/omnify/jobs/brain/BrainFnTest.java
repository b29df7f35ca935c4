package ai.omnify.jobs.brain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.metrics.MetricsUpdate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link BrainFn}'s keyed state keeps what {@link Retention} keeps: an organization's day rows older than the history
 * kept and its alerts resolved long ago leave the state when the brain is computed, and the debounce timer is gone.
 */
class BrainFnTest {
    static final String ORG = "6f1d7c52-0000-4000-8000-0000000000f2";
    static final int HISTORY_DAYS = BrainSettings.defaults().historyDays();

    @Test
    void rowsOlderThanTheHistoryKeptAndAlertsResolvedLongAgoLeaveTheState() throws Exception {
        BrainFn fn = new BrainFn(BrainSettings.defaults(), BrainStore.fixed(new OrgGoals("EUR", "UTC", 2.0, null)),
                Duration.ofMillis(100));
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(fn), BrainInput::orgId,
                Types.STRING)) {
            h.open();
            h.setProcessingTime(0);
            int days = HISTORY_DAYS + 20;
            List<MetricsUpdate> rows = SyntheticDays.rows(ORG, 0, days, 1);
            for (MetricsUpdate r : rows) {
                h.processElement(BrainInput.of(r), 0);
            }
            h.processElement(BrainInput.of(alert("resolved-long-ago", "resolved", 2)), 0);
            h.processElement(BrainInput.of(alert("open-long-ago", "open", 2)), 0);
            h.processElement(BrainInput.of(alert("resolved-lately", "resolved", days - 5)), 0);
            h.processElement(BrainInput.loaded(ORG, rows.size(), null), 0);
            h.setProcessingTime(1_000);

            assertThat(h.extractOutputValues()).as("one version, computed on the debounce timer").hasSize(1);
            LocalDate latest = SyntheticDays.FIRST.plusDays(days - 1);
            LocalDate keepFrom = latest.minusDays(HISTORY_DAYS);
            Map<String, MetricsUpdate> kept = map(h, "rows", FlinkTypes.of(MetricsUpdate.class));
            assertThat(kept.values()).extracting(MetricsUpdate::date).allSatisfy(d -> assertThat(d)
                    .isAfterOrEqualTo(keepFrom)).contains(keepFrom, latest);
            assertThat(kept).as("every row of the history kept stays")
                    .hasSize((int) rows.stream().filter(r -> !r.date().isBefore(keepFrom)).count());
            assertThat(map(h, "alerts", FlinkTypes.of(Alert.class)).keySet())
                    .containsExactlyInAnyOrder("open-long-ago", "resolved-lately");
            assertThat(value(h, "timer", Types.LONG)).as("no debounce due").isNull();
            assertThat(h.numProcessingTimeTimers()).isZero();
        }
    }

    static Alert alert(String id, String status, int day) {
        Instant since = SyntheticDays.FIRST.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new Alert(id, ORG, "spend_spike:channel:" + id, "spend_spike", "warning", status,
                SyntheticDays.channelId(ORG, SyntheticDays.CHANNELS.get(0)), null, "spend", since,
                since.plus(Duration.ofDays(1)), new BigDecimal("250"), new BigDecimal("100"), new BigDecimal("6"),
                since, since.plus(Duration.ofDays(1)), "Spend 2.5x the usual");
    }

    /** The organization's entries of a map state of the operator. */
    static <V> Map<String, V> map(KeyedOneInputStreamOperatorTestHarness<String, BrainInput, BrainOutput> h,
            String name, TypeInformation<V> type) throws Exception {
        MapState<String, V> state = backend(h).getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, new MapStateDescriptor<>(name, Types.STRING, type));
        Map<String, V> out = new HashMap<>();
        for (Map.Entry<String, V> e : state.entries()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** The organization's value of a value state of the operator. */
    static <V> V value(KeyedOneInputStreamOperatorTestHarness<String, BrainInput, BrainOutput> h, String name,
            TypeInformation<V> type) throws Exception {
        ValueState<V> state = backend(h).getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, new ValueStateDescriptor<>(name, type));
        return state.value();
    }

    private static KeyedStateBackend<Object> backend(
            KeyedOneInputStreamOperatorTestHarness<String, BrainInput, BrainOutput> h) {
        KeyedStateBackend<Object> backend = ((AbstractStreamOperator<?>) h.getOperator()).getKeyedStateBackend();
        backend.setCurrentKey(ORG);
        return backend;
    }
}
