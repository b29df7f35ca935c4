package ai.omnify.jobs.brain;

import ai.omnify.jobs.brain.ai.InsightRequest;
import ai.omnify.jobs.brain.ai.InsightRequests;
import ai.omnify.jobs.brain.curiosity.ActionRows;
import ai.omnify.jobs.brain.oracle.ForecastLedger;
import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.model.Json;
import ai.omnify.model.brain.BrainState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by organization: keeps its day rows, alerts and ads' copy ({@link BrainKeyState}), and after changes settle
 * ({@code debounce}, processing time) recomputes the brain ({@link BrainComputer}) — once the organization's stored
 * history has been reloaded (the {@link BrainInput.HistoryLoaded} marker; its rows merge with the changelog's, the
 * newer {@code asOf} winning). A state whose content did not change makes no version. Side outputs: forecast points
 * (new or changed), their scores once the day is complete ({@link ForecastLedger}), actions (new, changed, or no
 * longer recommended: {@link ActionRows}), and the texts to write for the new version.
 */
public final class BrainFn extends KeyedProcessFunction<String, BrainInput, BrainOutput> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<ForecastRow> FORECASTS = new OutputTag<>("forecasts", FlinkTypes.of(ForecastRow.class));
    public static final OutputTag<ScoreRow> SCORES = new OutputTag<>("scores", FlinkTypes.of(ScoreRow.class));
    public static final OutputTag<ActionRow> ACTIONS = new OutputTag<>("actions", FlinkTypes.of(ActionRow.class));
    public static final OutputTag<InsightRequest> INSIGHTS = new OutputTag<>("insights",
            FlinkTypes.of(InsightRequest.class));

    private final BrainSettings settings;
    private final BrainStore store;
    private final long debounceMs;
    private transient BrainKeyState org;
    private transient BrainComputer computer;
    /** Organizations whose version has been checked against the stored ones since this task (re)started. */
    private transient Set<String> reconciled;

    public BrainFn(BrainSettings settings, BrainStore store, Duration debounce) {
        this.settings = settings;
        this.store = store;
        this.debounceMs = debounce.toMillis();
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        org = new BrainKeyState(getRuntimeContext());
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
        if (!org.take(in)) {
            return;
        }
        // nothing is computed before the organization's stored history is in (see FirstSightFn, LoadHistoryFn)
        if (Boolean.TRUE.equals(org.ready.value()) && org.timer.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + debounceMs;
            ctx.timerService().registerProcessingTimeTimer(at);
            org.timer.update(at);
        }
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<BrainOutput> out) throws Exception {
        org.timer.clear();
        String orgId = ctx.getCurrentKey();
        BrainHistory h = org.history(orgId, store.goals(orgId));
        org.prune(h, settings.historyDays());

        // score the forecasts whose day is now complete
        ForecastLedger.Scoring scoring = ForecastLedger.score(BrainKeyState.map(org.ledger),
                BrainKeyState.map(org.tallies), h);
        scoring.scores().forEach(s -> ctx.output(SCORES, s));
        org.tallies.putAll(scoring.tallies());
        for (String k : scoring.scored()) {
            org.ledger.remove(k);
        }
        BrainState state = computer.compute(h, ForecastLedger.accuracy(BrainKeyState.map(org.tallies).values()), 0,
                null);
        String print = Json.write(state);
        if (print.equals(org.fingerprint.value())) {
            return; // nothing changed: no new version
        }
        org.fingerprint.update(print);
        long next = nextVersion(org.version.value(), reconciled.add(orgId), () -> store.lastVersion(orgId));
        org.version.update(next);
        BrainState published = state.withVersion(next, Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()));
        out.collect(new BrainOutput(orgId, next, published.computedAt(), published.asOfDate(), published.summary(),
                Json.write(published), Json.write(published.memory()), Json.write(published.oracle()),
                Json.write(published.curiosity())));
        for (ForecastRow row : ForecastLedger.rows(orgId, published)) {
            if (!row.equals(org.ledger.get(row.key()))) {
                org.ledger.put(row.key(), row);
                ctx.output(FORECASTS, row);
            }
        }
        emitActions(ActionRows.open(orgId, published), ctx);
        for (InsightRequest request : InsightRequests.from(published, h.ads())) {
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

    /** New or changed actions as open, those no longer recommended as expired. */
    private void emitActions(List<ActionRow> open, OnTimerContext ctx) throws Exception {
        Set<String> now = new HashSet<>();
        for (ActionRow row : open) {
            now.add(row.id());
            String print = Json.write(row);
            if (!print.equals(org.openActions.get(row.id()))) {
                org.openActions.put(row.id(), print);
                ctx.output(ACTIONS, row);
            }
        }
        for (Map.Entry<String, String> e : BrainKeyState.map(org.openActions).entrySet()) {
            if (!now.contains(e.getKey())) {
                ctx.output(ACTIONS, ActionRows.expired(Json.read(e.getValue(), ActionRow.class).value()));
                org.openActions.remove(e.getKey());
            }
        }
    }
}
