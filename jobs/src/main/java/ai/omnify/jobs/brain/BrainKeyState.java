package ai.omnify.jobs.brain;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.metrics.MetricsUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The keyed state of {@link BrainFn} for the current organization. The state names are those of the job's
 * checkpoints.
 */
final class BrainKeyState {
    final MapState<String, MetricsUpdate> rows;
    final MapState<String, Alert> alerts;
    final MapState<String, AdCopy> ads;
    /** Whether the organization's stored history has been reloaded. */
    final ValueState<Boolean> ready;
    /** Published forecast points not yet scored, by {@link ForecastRow#key()}. */
    final MapState<String, ForecastRow> ledger;
    /** Running accuracy by {@code metric:horizon}. */
    final MapState<String, AccuracyTally> tallies;
    /** Actions recommended, as the JSON of their last row, by id. */
    final MapState<String, String> openActions;
    final ValueState<Long> version;
    /** The JSON of the last state computed: an unchanged state makes no version. */
    final ValueState<String> fingerprint;
    /** The debounce timer due. */
    final ValueState<Long> timer;

    BrainKeyState(RuntimeContext ctx) {
        rows = ctx.getMapState(new MapStateDescriptor<>("rows", Types.STRING, FlinkTypes.of(MetricsUpdate.class)));
        alerts = ctx.getMapState(new MapStateDescriptor<>("alerts", Types.STRING, FlinkTypes.of(Alert.class)));
        ads = ctx.getMapState(new MapStateDescriptor<>("ads", Types.STRING, FlinkTypes.of(AdCopy.class)));
        ready = ctx.getState(new ValueStateDescriptor<>("history-ready", Types.BOOLEAN));
        ledger = ctx.getMapState(new MapStateDescriptor<>("ledger", Types.STRING, FlinkTypes.of(ForecastRow.class)));
        tallies = ctx.getMapState(new MapStateDescriptor<>("tallies", Types.STRING,
                FlinkTypes.of(AccuracyTally.class)));
        openActions = ctx.getMapState(new MapStateDescriptor<>("actions", Types.STRING, Types.STRING));
        version = ctx.getState(new ValueStateDescriptor<>("version", Types.LONG));
        fingerprint = ctx.getState(new ValueStateDescriptor<>("fingerprint", Types.STRING));
        timer = ctx.getState(new ValueStateDescriptor<>("timer", Types.LONG));
    }

    /**
     * Takes an input in: a day row unless an older version of it (the changelog is at least once), an alert unless a
     * reloaded one older than what is kept, an ad's copy when not older, the end of the history reload.
     *
     * @return false for an older version of a day row (nothing changed)
     */
    boolean take(BrainInput in) throws Exception {
        if (in.metrics() != null) {
            MetricsUpdate m = in.metrics();
            String key = m.level() + ":" + m.key().substring(m.orgId().length() + m.level().length() + 2);
            MetricsUpdate old = rows.get(key);
            if (old != null && old.asOf() != null && m.asOf() != null && m.asOf().isBefore(old.asOf())) {
                return false;
            }
            rows.put(key, m);
        } else if (in.alert() != null) {
            Alert old = alerts.get(in.alert().id());
            if (old == null || in.alert().revision() >= old.revision()) {
                alerts.put(in.alert().id(), in.alert());
            }
        } else if (in.ad() != null) {
            if (in.ad().supersedes(ads.get(in.ad().creativeId()))) {
                ads.put(in.ad().creativeId(), in.ad());
            }
        } else if (in.loaded() != null) {
            ready.update(true);
        }
        return true;
    }

    /** Everything kept of the organization, as the brain reads it. */
    BrainHistory history(String orgId, OrgGoals goals) throws Exception {
        return new BrainHistory(orgId, goals, list(rows), list(alerts), list(ads));
    }

    /** Forgets what {@link Retention} no longer keeps. */
    void prune(BrainHistory h, int historyDays) throws Exception {
        for (String k : Retention.oldRows(map(rows), h, historyDays)) {
            rows.remove(k);
        }
        for (String k : Retention.staleAlerts(map(alerts), h)) {
            alerts.remove(k);
        }
        for (String k : Retention.goneAds(map(ads), h, historyDays)) {
            ads.remove(k);
        }
    }

    /** The entries of a map state in its own order. */
    static <V> Map<String, V> map(MapState<String, V> state) throws Exception {
        Map<String, V> out = new LinkedHashMap<>();
        for (Map.Entry<String, V> e : state.entries()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static <V> List<V> list(MapState<String, V> state) throws Exception {
        List<V> out = new ArrayList<>();
        state.values().forEach(out::add);
        return out;
    }
}
