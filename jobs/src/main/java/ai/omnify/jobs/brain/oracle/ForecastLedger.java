package ai.omnify.jobs.brain.oracle;

import ai.omnify.jobs.brain.AccuracyTally;
import ai.omnify.jobs.brain.BrainHistory;
import ai.omnify.jobs.brain.ForecastRow;
import ai.omnify.jobs.brain.ScoreRow;
import ai.omnify.model.brain.BrainState;
import ai.omnify.model.brain.Oracle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The forecasts an organization's brain has published and not yet scored (its ledger), and the running accuracy of
 * those it has (pure): a forecast point is scored once the history has its day, and then leaves the ledger.
 */
public final class ForecastLedger {
    private ForecastLedger() {}

    /**
     * The ledger's points whose day the history has, scored.
     *
     * @param scores the scores, in the ledger's order
     * @param scored the ledger keys scored (to remove)
     * @param tallies the tallies that changed, by {@code metric:horizon}
     */
    public record Scoring(List<ScoreRow> scores, List<String> scored, Map<String, AccuracyTally> tallies) {}

    /** Scores what is due in {@code ledger} against {@code h}, adding each score to its metric's and horizon's tally. */
    public static Scoring score(Map<String, ForecastRow> ledger, Map<String, AccuracyTally> tallies, BrainHistory h) {
        List<ScoreRow> scores = new ArrayList<>();
        List<String> scored = new ArrayList<>();
        Map<String, AccuracyTally> changed = new HashMap<>();
        if (h.origin() == null) {
            return new Scoring(scores, scored, changed);
        }
        for (Map.Entry<String, ForecastRow> e : ledger.entrySet()) {
            if (!e.getValue().targetDate().isAfter(h.origin())) {
                ScoreRow s = ForecastScorer.score(e.getValue(), h);
                scores.add(s);
                String k = s.metric() + ":" + s.horizon();
                AccuracyTally t = changed.containsKey(k) ? changed.get(k) : tallies.get(k);
                changed.put(k, (t == null ? new AccuracyTally(s.metric(), s.horizon(), 0, 0, 0, 0) : t).add(s));
                scored.add(e.getKey());
            }
        }
        return new Scoring(scores, scored, changed);
    }

    /** The tallies as the Oracle shows them, by metric then horizon. */
    public static List<Oracle.Accuracy> accuracy(Collection<AccuracyTally> tallies) {
        List<Oracle.Accuracy> out = new ArrayList<>();
        tallies.forEach(t -> out.add(t.view()));
        out.sort(Comparator.comparing(Oracle.Accuracy::metric).thenComparingInt(Oracle.Accuracy::horizon));
        return out;
    }

    /** Every forecast point of a published state, as {@code brain_forecasts} keeps it. */
    public static List<ForecastRow> rows(String orgId, BrainState s) {
        List<ForecastRow> out = new ArrayList<>();
        for (Oracle.Forecast f : s.oracle().forecasts()) {
            String series = f.channelId() == null ? "org" : f.channelId();
            for (Oracle.Point p : f.points()) {
                out.add(new ForecastRow(orgId, series, f.channelId(), f.metric(), f.origin(), p.horizon(), p.date(),
                        f.model(), p.value(), p.lower(), p.upper()));
            }
        }
        return out;
    }
}
