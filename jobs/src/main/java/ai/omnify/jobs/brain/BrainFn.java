package ai.omnify.jobs.brain;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.model.Json;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.brain.BrainState;
import ai.omnify.model.brain.Curiosity;
import ai.omnify.model.brain.Oracle;
import ai.omnify.model.metrics.MetricsUpdate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by organization: keeps its day rows, alerts and ads' copy, and after changes settle ({@code debounce},
 * processing time) recomputes the brain — once the organization's stored history has been reloaded (the
 * {@link BrainInput.HistoryLoaded} marker; its rows merge with the changelog's, the newer {@code asOf} winning). A
 * state whose content did not change makes no version. Side outputs: forecast points (new or changed), their scores
 * once the day is complete, actions (new, changed, or no longer recommended), and the texts to write for the new
 * version.
 */
public final class BrainFn extends KeyedProcessFunction<String, BrainInput, BrainOutput> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<ForecastRow> FORECASTS = new OutputTag<>("forecasts", FlinkTypes.of(ForecastRow.class));
    public static final OutputTag<ScoreRow> SCORES = new OutputTag<>("scores", FlinkTypes.of(ScoreRow.class));
    public static final OutputTag<ActionRow> ACTIONS = new OutputTag<>("actions", FlinkTypes.of(ActionRow.class));
    public static final OutputTag<ai.omnify.jobs.brain.ai.InsightRequest> INSIGHTS = new OutputTag<>("insights",
            FlinkTypes.of(ai.omnify.jobs.brain.ai.InsightRequest.class));

    private final BrainSettings settings;
    private final BrainStore store;
    private final long debounceMs;

    private transient MapState<String, MetricsUpdate> rows;
    private transient MapState<String, Alert> alerts;
    private transient MapState<String, AdCopy> ads;
    private transient ValueState<Boolean> ready;
    private transient MapState<String, ForecastRow> ledger;
    private transient MapState<String, AccuracyTally> tallies;
    private transient MapState<String, String> openActions;
    private transient ValueState<Long> version;
    private transient ValueState<String> fingerprint;
    private transient ValueState<Long> timer;
    private transient BrainComputer computer;
    /** Organizations whose version has been checked against the stored ones since this task (re)started. */
    private transient Set<String> reconciled;

    public BrainFn(BrainSettings settings, BrainStore store, java.time.Duration debounce) {
        this.settings = settings;
        this.store = store;
        this.debounceMs = debounce.toMillis();
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        rows = getRuntimeContext().getMapState(new MapStateDescriptor<>("rows", Types.STRING, FlinkTypes.of(MetricsUpdate.class)));
        alerts = getRuntimeContext().getMapState(new MapStateDescriptor<>("alerts", Types.STRING, FlinkTypes.of(Alert.class)));
        ads = getRuntimeContext().getMapState(new MapStateDescriptor<>("ads", Types.STRING, FlinkTypes.of(AdCopy.class)));
        ready = getRuntimeContext().getState(new ValueStateDescriptor<>("history-ready", Types.BOOLEAN));
        ledger = getRuntimeContext().getMapState(new MapStateDescriptor<>("ledger", Types.STRING, FlinkTypes.of(ForecastRow.class)));
        tallies = getRuntimeContext().getMapState(new MapStateDescriptor<>("tallies", Types.STRING, FlinkTypes.of(AccuracyTally.class)));
        openActions = getRuntimeContext().getMapState(new MapStateDescriptor<>("actions", Types.STRING, Types.STRING));
        version = getRuntimeContext().getState(new ValueStateDescriptor<>("version", Types.LONG));
        fingerprint = getRuntimeContext().getState(new ValueStateDescriptor<>("fingerprint", Types.STRING));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("timer", Types.LONG));
        computer = new BrainComputer(settings);
        reconciled = new HashSet<>();
        store.open();
    }

    @Override
    public void close() throws Exception {
        store.close();
    }

    @Override
    public void processElement(BrainInput in, Context ctx, Collector<BrainOutput> out) throws Exception {
        if (in.metrics() != null) {
            MetricsUpdate m = in.metrics();
            String key = m.level() + ":" + m.key().substring(m.orgId().length() + m.level().length() + 2);
            MetricsUpdate old = rows.get(key);
            if (old != null && old.asOf() != null && m.asOf() != null && m.asOf().isBefore(old.asOf())) {
                return; // an older version of the row (the changelog is at least once)
            }
            rows.put(key, m);
        } else if (in.alert() != null) {
            Alert old = alerts.get(in.alert().id());
            if (old == null || in.alert().revision() >= old.revision()) { // a reloaded alert never undoes a newer one
                alerts.put(in.alert().id(), in.alert());
            }
        } else if (in.ad() != null) {
            if (in.ad().supersedes(ads.get(in.ad().creativeId()))) {
                ads.put(in.ad().creativeId(), in.ad());
            }
        } else if (in.loaded() != null) {
            ready.update(true);
        }
        // nothing is computed before the organization's stored history is in (see FirstSightFn, LoadHistoryFn)
        if (Boolean.TRUE.equals(ready.value()) && timer.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + debounceMs;
            ctx.timerService().registerProcessingTimeTimer(at);
            timer.update(at);
        }
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<BrainOutput> out) throws Exception {
        timer.clear();
        String orgId = ctx.getCurrentKey();
        OrgGoals goals = store.goals(orgId);
        List<MetricsUpdate> all = new ArrayList<>();
        rows.values().forEach(all::add);
        List<Alert> alertList = new ArrayList<>();
        alerts.values().forEach(alertList::add);
        List<AdCopy> adList = new ArrayList<>();
        ads.values().forEach(adList::add);
        BrainHistory h = new BrainHistory(orgId, goals, all, alertList, adList);
        prune(h);

        // score the forecasts whose day is now complete
        if (h.origin() != null) {
            List<String> done = new ArrayList<>();
            for (Map.Entry<String, ForecastRow> e : ledger.entries()) {
                if (!e.getValue().targetDate().isAfter(h.origin())) {
                    ScoreRow s = ForecastScorer.score(e.getValue(), h);
                    ctx.output(SCORES, s);
                    String k = s.metric() + ":" + s.horizon();
                    AccuracyTally t = tallies.get(k);
                    tallies.put(k, (t == null ? new AccuracyTally(s.metric(), s.horizon(), 0, 0, 0, 0) : t).add(s));
                    done.add(e.getKey());
                }
            }
            for (String k : done) {
                ledger.remove(k);
            }
        }
        List<Oracle.Accuracy> accuracy = new ArrayList<>();
        tallies.values().forEach(t -> accuracy.add(t.view()));
        accuracy.sort(Comparator.comparing(Oracle.Accuracy::metric).thenComparingInt(Oracle.Accuracy::horizon));

        BrainState state = computer.compute(h, accuracy, 0, null);
        String print = Json.write(state);
        if (print.equals(fingerprint.value())) {
            return; // nothing changed: no new version
        }
        fingerprint.update(print);
        long next = nextVersion(version.value(), reconciled.add(orgId), () -> store.lastVersion(orgId));
        version.update(next);
        BrainState published = state.withVersion(next, Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()));
        out.collect(new BrainOutput(orgId, next, published.computedAt(), published.asOfDate(), published.summary(),
                Json.write(published), Json.write(published.memory()), Json.write(published.oracle()),
                Json.write(published.curiosity())));
        emitForecasts(orgId, published, ctx);
        emitActions(orgId, published, ctx);
        for (var request : ai.omnify.jobs.brain.ai.InsightRequests.from(published, h.ads())) {
            ctx.output(INSIGHTS, request);
        }
    }

    /**
     * The next version of an organization's brain: one more than the newest it knows of. State restored from a
     * checkpoint may be behind the versions already stored after that checkpoint, so the first version after a
     * (re)start also looks at the store: versions stay monotonic across restores and never collide with a stored one.
     */
    static long nextVersion(Long stateVersion, boolean firstSinceStart, java.util.function.LongSupplier storedVersion) {
        long known = stateVersion == null ? 0 : stateVersion;
        if (stateVersion == null || firstSinceStart) {
            known = Math.max(known, storedVersion.getAsLong());
        }
        return known + 1;
    }

    private void emitForecasts(String orgId, BrainState s, OnTimerContext ctx) throws Exception {
        for (Oracle.Forecast f : s.oracle().forecasts()) {
            String series = f.channelId() == null ? "org" : f.channelId();
            for (Oracle.Point p : f.points()) {
                ForecastRow row = new ForecastRow(orgId, series, f.channelId(), f.metric(), f.origin(), p.horizon(),
                        p.date(), f.model(), p.value(), p.lower(), p.upper());
                ForecastRow old = ledger.get(row.key());
                if (!row.equals(old)) {
                    ledger.put(row.key(), row);
                    ctx.output(FORECASTS, row);
                }
            }
        }
    }

    private void emitActions(String orgId, BrainState s, OnTimerContext ctx) throws Exception {
        Set<String> now = new HashSet<>();
        for (Curiosity.Action a : s.curiosity().actions()) {
            now.add(a.id());
            ActionRow row = new ActionRow(a.id(), orgId, a.kind(), Json.write(a.target()), a.rationale(),
                    a.expectedImpact().metric(), a.expectedImpact().value(), a.expectedImpact().currency(),
                    a.confidence(), a.urgency(), a.expectedImpact().horizonDays(), "open");
            String print = Json.write(row);
            if (!print.equals(openActions.get(a.id()))) {
                openActions.put(a.id(), print);
                ctx.output(ACTIONS, row);
            }
        }
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, String> e : openActions.entries()) {
            if (!now.contains(e.getKey())) {
                gone.add(e.getKey());
            }
        }
        for (String id : gone) {
            ActionRow last = Json.read(openActions.get(id), ActionRow.class).value();
            ctx.output(ACTIONS, new ActionRow(last.id(), last.orgId(), last.kind(), last.targetJson(), last.rationale(),
                    last.impactMetric(), last.expectedImpact(), last.currency(), last.confidence(), last.urgency(),
                    last.expectedDays(), "expired"));
            openActions.remove(id);
        }
    }

    /** Drops rows older than the history kept, resolved alerts older than 30 days, and the copy of ads long gone. */
    private void prune(BrainHistory h) throws Exception {
        if (h.latest() == null) {
            return;
        }
        LocalDate keepFrom = h.latest().minusDays(settings.historyDays());
        List<String> old = new ArrayList<>();
        for (Map.Entry<String, MetricsUpdate> e : rows.entries()) {
            if (e.getValue().date().isBefore(keepFrom)) {
                old.add(e.getKey());
            }
        }
        for (String k : old) {
            rows.remove(k);
        }
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, Alert> e : alerts.entries()) {
            Alert a = e.getValue();
            if (!"open".equals(a.status()) && MemoryBuilder.alertDay(a, h.latest()).isBefore(h.latest().minusDays(30))) {
                stale.add(e.getKey());
            }
        }
        for (String k : stale) {
            alerts.remove(k);
        }
        // paused or archived ads launched before the kept history with no day rows left: their copy is no longer used
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, AdCopy> e : ads.entries()) {
            AdCopy a = e.getValue();
            if (!a.isLive() && (a.launchDate() == null || a.launchDate().isBefore(keepFrom))
                    && !h.creatives().containsKey(e.getKey())) {
                gone.add(e.getKey());
            }
        }
        for (String k : gone) {
            ads.remove(k);
        }
    }
}
