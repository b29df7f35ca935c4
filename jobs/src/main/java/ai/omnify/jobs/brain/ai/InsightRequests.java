package ai.omnify.jobs.brain.ai;

import ai.omnify.model.Json;
import ai.omnify.model.brain.BrainState;
import ai.omnify.model.brain.Memory;
import ai.omnify.model.brain.Oracle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The texts to write for a brain version, each with its facts taken from that organization's state only (so a prompt
 * can never carry another organization's data) and its template text: the executive summary, an explanation per
 * alert, a fatigue analysis per creative about to fatigue (its name is its copy), a rationale per budget move.
 */
public final class InsightRequests {
    static final int MAX_ALERTS = 3;
    static final int MAX_FATIGUE = 5;
    static final int MAX_MOVES = 3;

    private InsightRequests() {}

    public static List<InsightRequest> from(BrainState s) {
        return from(s, Map.of());
    }

    /**
     * @param copies this organization's ads' copy by creative id (never another organization's): a fatigue analysis
     *     gets its creative's headline and body when known
     */
    public static List<InsightRequest> from(BrainState s, Map<String, ai.omnify.jobs.brain.AdCopy> copies) {
        List<InsightRequest> out = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("currency", s.currency());
        summary.put("asOfDate", s.asOfDate() == null ? null : s.asOfDate().toString());
        summary.put("kpis", s.memory().kpis().stream().filter(k -> k.scope().equals("org")).toList());
        summary.put("revenueViews", s.memory().revenueViews());
        summary.put("risks", s.oracle().risks());
        summary.put("riskCount", s.oracle().risks().size());
        summary.put("creativesFatiguingWithin7Days", s.oracle().fatigue().stream()
                .filter(f -> f.daysToFatigue() != null && f.daysToFatigue() <= 7).count());
        summary.put("topActions", s.curiosity().actions().stream().limit(3).toList());
        out.add(new InsightRequest(s.orgId(), s.version(), "summary", "org",
                "Write a 2-3 sentence executive summary of this brand's advertising: what happened, what is at risk, "
                        + "what to do first.", Json.write(summary), s.summary()));

        s.memory().timeline().stream().filter(e -> e.kind().equals("alert") && e.alertId() != null).limit(MAX_ALERTS)
                .forEach(e -> {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("alert", e);
                    f.put("channel", channelKpis(s, e.channelId()));
                    out.add(new InsightRequest(s.orgId(), s.version(), "alert", e.alertId(),
                            "Explain this alert in plain language to a marketer, in 1-2 sentences.", Json.write(f),
                            e.text()));
                });

        s.oracle().fatigue().stream().filter(f -> f.daysToFatigue() != null && f.daysToFatigue() <= 7)
                .limit(MAX_FATIGUE).forEach(f -> {
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("creative", f);
                    ai.omnify.jobs.brain.AdCopy copy = copies.get(f.creativeId());
                    if (copy != null && copy.hasCopy()) {
                        Map<String, Object> c = new LinkedHashMap<>();
                        c.put("headline", copy.headline());
                        c.put("body", copy.body());
                        facts.put("copy", c);
                    }
                    out.add(new InsightRequest(s.orgId(), s.version(), "fatigue", f.creativeId(),
                            "Analyse this creative's fatigue from its copy (" + (facts.containsKey("copy")
                                    ? "headline and body" : "its name") + ") and metrics, in 1-2 sentences, "
                                    + "and say what to change.", Json.write(facts), fatigueTemplate(f,
                                    copy != null && copy.hasCopy() ? copy.headline() : null)));
                });

        s.curiosity().actions().stream().filter(a -> a.kind().equals("budget_move")).limit(MAX_MOVES).forEach(a -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("action", a);
            f.put("from", channelKpis(s, a.target().fromChannelId()));
            f.put("to", channelKpis(s, a.target().toChannelId()));
            out.add(new InsightRequest(s.orgId(), s.version(), "budget_move", a.id(),
                    "Explain why this budget move makes sense, in 1-2 sentences.", Json.write(f), a.rationale()));
        });
        return out;
    }

    private static List<Memory.Kpis> channelKpis(BrainState s, String channelId) {
        return channelId == null ? List.of() : s.memory().kpis().stream()
                .filter(k -> k.scope().equals("channel") && k.id().equals(channelId) && k.windowDays() <= 30).toList();
    }

    static String fatigueTemplate(Oracle.Fatigue f) {
        return fatigueTemplate(f, null);
    }

    /** @param headline the creative's headline when its copy is known (quoted, so the reader knows which ad) */
    static String fatigueTemplate(Oracle.Fatigue f, String headline) {
        String when = f.daysToFatigue() == 0 ? "is past its fatigue threshold"
                : "reaches its fatigue threshold in about " + f.daysToFatigue() + " days";
        return "Creative '" + f.name() + "'" + (headline == null || headline.isBlank() ? ""
                : " (\"" + headline.trim() + "\")") + " " + when + ": " + f.metric().toUpperCase() + " " + f.current()
                + " against " + f.baseline() + " in its best week (threshold " + f.threshold()
                + "). Refresh the copy or image, or shift its budget to fresher creatives.";
    }
}
