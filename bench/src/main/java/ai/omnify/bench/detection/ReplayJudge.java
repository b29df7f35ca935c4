package ai.omnify.bench.detection;

import ai.omnify.jobs.detection.CreativeFigures;
import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.FatigueMatch;
import ai.omnify.jobs.detection.IncidentState;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.Point;
import ai.omnify.jobs.detection.anomaly.ChannelJudge;
import ai.omnify.jobs.detection.fatigue.FatigueRules;
import ai.omnify.jobs.detection.lifecycle.AlertLifecycle;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.jobs.detection.lifecycle.Target;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DetectionJob's judging of day windows, offline and in plain maps (pure): each channel's windows in date order
 * through {@link ChannelJudge} as {@code DetectAnomaliesFn} does it (history pruned to the settings' weeks, incident
 * states carried per channel), and each creative's through the fatigue sequence as {@code FatiguePatterns} (CEP, no
 * skip) and {@code FatigueAlertFn} do it. Also keeps every reading, so a miss can be explained.
 */
public final class ReplayJudge {
    private final AlertRules rules;
    private final DetectorSettings settings;
    private final Instant now;
    private final List<Alert> alerts = new ArrayList<>();
    /** Per channel id, per window start: what every detector read. */
    private final Map<String, Map<Instant, Map<AlertKind, Reading>>> channelReadings = new HashMap<>();
    /** Per creative id: every fatigue match and its reading (null: too little reference). */
    private final Map<String, List<MatchReading>> fatigueReadings = new HashMap<>();

    public record MatchReading(FatigueMatch match, Reading reading) {}

    public ReplayJudge(AlertRules rules, DetectorSettings settings, Instant now) {
        this.rules = rules;
        this.settings = settings;
        this.now = now;
    }

    /** One channel's day windows, in date order. */
    public void channel(List<MetricWindow> windows) {
        TreeMap<Long, Point> history = new TreeMap<>();
        Map<String, IncidentState> incidents = new HashMap<>();
        for (MetricWindow w : windows) {
            List<Point> past = new ArrayList<>(history.values());
            ChannelJudge.Outcome outcome = ChannelJudge.judge(w, past, incidents, 0, rules, settings, now);
            channelReadings.computeIfAbsent(w.channelId(), k -> new TreeMap<>()).put(w.start(),
                    ChannelJudge.readings(w, past, 0, ChannelJudge.budgetOf(w, rules), rules, settings));
            alerts.addAll(outcome.alerts());
            incidents = new HashMap<>(outcome.incidents());
            history.put(w.start().toEpochMilli(), Point.of(w));
            long oldest = w.start().toEpochMilli() - settings.historyMillis();
            history.headMap(oldest).clear();
        }
    }

    /**
     * One creative's day windows, in date order: for each window first its normal signal (past warm-up), then the
     * fatigue match ending on it (a run of {@code fatigueWindows} windows: the first past warm-up, each next one
     * directly following and worse; with no skip every such run is a match).
     */
    public void creative(List<MetricWindow> windows) {
        int n = settings.fatigueWindows();
        IncidentState incident = null;
        TreeMap<Long, CreativeFigures> figures = new TreeMap<>();
        for (int j = 0; j < windows.size(); j++) {
            MetricWindow w = windows.get(j);
            // the window as a signal: remembered, a normal reading past warm-up
            figures.put(w.start().toEpochMilli(), CreativeFigures.of(w));
            figures.headMap(w.start().toEpochMilli() - 2 * FatigueRules.REFERENCE_SPAN.toMillis()).clear();
            if (FatigueRules.canStart(w, settings.fatigueWarmup())) {
                incident = step(incident, Reading.normal(AlertKind.CREATIVE_FATIGUE, "ctr", w.ctr(), w.ctr(), 0),
                        Target.of(w));
            }
            // the match ending on this window, if any
            int i = j - (n - 1);
            if (i < 0 || !FatigueRules.canStart(windows.get(i), settings.fatigueWarmup())) {
                continue;
            }
            boolean run = true;
            for (int k = i + 1; k <= j && run; k++) {
                run = FatigueRules.worsened(windows.get(i), windows.get(k - 1), windows.get(k));
            }
            if (!run) {
                continue;
            }
            FatigueMatch m = FatigueRules.match(windows.subList(i, j + 1));
            long to = m.since().toEpochMilli();
            List<CreativeFigures> reference = new ArrayList<>(
                    figures.subMap(to - FatigueRules.REFERENCE_SPAN.toMillis(), to).values());
            Reading reading = rules.enabled(AlertKind.CREATIVE_FATIGUE) ? FatigueRules.reading(m, reference, rules)
                    : null;
            fatigueReadings.computeIfAbsent(m.creativeId(), k -> new ArrayList<>()).add(new MatchReading(m, reading));
            incident = step(incident, FatigueRules.asEvidence(reading), new Target(m.orgId(), "creative", m.creativeId(), m.channelId(),
                    m.creativeId(), m.fellSince(), m.windowEnd()));
        }
    }

    private IncidentState step(IncidentState s, Reading r, Target t) {
        AlertLifecycle.Step step = AlertLifecycle.step(s, r, t, rules, settings.resolveAfter(), settings.cooldown(),
                now);
        if (step.alert() != null) {
            alerts.add(step.alert());
        }
        return step.state();
    }

    /** Every alert record emitted (opened, escalated, resolved), in the order judged. */
    public List<Alert> alerts() {
        return alerts;
    }

    public Map<String, Map<Instant, Map<AlertKind, Reading>>> channelReadings() {
        return channelReadings;
    }

    public Map<String, List<MatchReading>> fatigueReadings() {
        return fatigueReadings;
    }
}
