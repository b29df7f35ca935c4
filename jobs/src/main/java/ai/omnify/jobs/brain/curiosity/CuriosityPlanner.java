package ai.omnify.jobs.brain.curiosity;

import ai.omnify.jobs.brain.BrainHistory;
import ai.omnify.jobs.brain.BrainSettings;
import ai.omnify.jobs.brain.Num;
import ai.omnify.jobs.brain.oracle.NearCopies;
import ai.omnify.jobs.brain.oracle.OracleBuilder;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.brain.Curiosity;
import ai.omnify.model.brain.Memory;
import ai.omnify.model.brain.Oracle;
import ai.omnify.model.metrics.MetricsUpdate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Curiosity: ranked actions. Budget moves come from response curves fitted per channel on the last 30 days
 * ({@link ResponseCurveFit}) and the allocator; fatigued creatives are paused (losing money) or refreshed; channels
 * with a marginal ROAS well above target are scaled; open alerts are investigated. Ranked by urgency, then expected
 * impact times confidence.
 */
public final class CuriosityPlanner {
    public static final int IMPACT_DAYS = 14;
    static final int CURVE_DAYS = 30;

    private final BrainSettings settings;

    public CuriosityPlanner(BrainSettings settings) {
        this.settings = settings;
    }

    public Curiosity plan(BrainHistory h, Memory memory, Oracle oracle) {
        List<Curiosity.Action> actions = new ArrayList<>();
        if (h.origin() != null) {
            budgetMoves(h, actions);
            fatigued(h, oracle, actions);
            nearCopies(h, oracle, actions);
        }
        alerts(h, actions);
        actions.sort(Comparator.comparingInt((Curiosity.Action a) -> -urgencyRank(a.urgency()))
                .thenComparing(a -> -a.expectedImpact().value().doubleValue() * a.confidence().doubleValue())
                .thenComparing(Curiosity.Action::id));
        return new Curiosity(actions.size() > settings.maxActions()
                ? List.copyOf(actions.subList(0, settings.maxActions())) : actions);
    }

    /** Per-channel curves and current spend (the last 7 complete days' mean), for channels active now. */
    List<BudgetAllocator.Channel> curves(BrainHistory h, Map<String, ResponseCurveFit> fits) {
        List<BudgetAllocator.Channel> channels = new ArrayList<>();
        LocalDate origin = h.origin();
        for (var e : h.channels().entrySet()) {
            if (!OracleBuilder.active(e.getValue(), origin)) {
                continue;
            }
            var window = new java.util.TreeMap<>(e.getValue().subMap(origin.minusDays(CURVE_DAYS - 1), true, origin, true));
            if (window.isEmpty()) {
                continue;
            }
            double[] spend = BrainHistory.daily(window, origin, r -> Num.d(r.spend()));
            double[] revenue = BrainHistory.daily(window, origin, r -> Num.d(r.conversionValue()));
            ResponseCurveFit fit = ResponseCurveFit.fit(spend, revenue);
            if (fit == null) {
                continue;
            }
            double current = 0;
            for (int i = Math.max(0, spend.length - 7); i < spend.length; i++) {
                current += spend[i];
            }
            current /= Math.min(7, spend.length);
            if (current <= 0) {
                continue;
            }
            fits.put(e.getKey(), fit);
            channels.add(new BudgetAllocator.Channel(e.getKey(), current, fit::revenue));
        }
        return channels;
    }

    private void budgetMoves(BrainHistory h, List<Curiosity.Action> actions) {
        Map<String, ResponseCurveFit> fits = new java.util.LinkedHashMap<>();
        List<BudgetAllocator.Channel> channels = curves(h, fits);
        if (channels.size() < 2) {
            return;
        }
        BudgetAllocator allocator = new BudgetAllocator(settings.maxShift(), 400);
        BudgetAllocator.Allocation allocation = allocator.allocate(channels);
        double budget = channels.stream().mapToDouble(BudgetAllocator.Channel::currentSpend).sum();
        List<BudgetAllocator.Move> moves = BudgetAllocator.moves(channels, allocation.spend(), budget * 0.01);
        String currency = h.goals().currency();
        for (BudgetAllocator.Move m : moves) {
            ResponseCurveFit from = fits.get(m.from());
            ResponseCurveFit to = fits.get(m.to());
            BudgetAllocator.Channel cf = channels.stream().filter(c -> c.id().equals(m.from())).findFirst().orElseThrow();
            BudgetAllocator.Channel ct = channels.stream().filter(c -> c.id().equals(m.to())).findFirst().orElseThrow();
            double daily = (to.revenue(ct.currentSpend() + m.amount()) - to.revenue(ct.currentSpend()))
                    - (from.revenue(cf.currentSpend()) - from.revenue(cf.currentSpend() - m.amount()));
            if (daily <= 0) {
                continue;
            }
            double confidence = 0.3 + 0.6 * Math.min(
                    ResponseCurveFit.identification(from.days(), 0.05), ResponseCurveFit.identification(to.days(), 0.05));
            String fromName = name(h, m.from());
            String toName = name(h, m.to());
            String rationale = "Move " + Num.money(m.amount()) + " " + currency + " a day from '" + fromName
                    + "' (marginal ROAS " + Num.ratio(from.marginalRoas(cf.currentSpend())).setScale(2, RoundingMode.HALF_EVEN)
                    + " at " + Num.money(cf.currentSpend()) + " a day) to '" + toName + "' (marginal ROAS "
                    + Num.ratio(to.marginalRoas(ct.currentSpend())).setScale(2, RoundingMode.HALF_EVEN) + " at "
                    + Num.money(ct.currentSpend()) + " a day): about " + Num.money(daily * IMPACT_DAYS) + " " + currency
                    + " more revenue over " + IMPACT_DAYS + " days at the same total spend";
            actions.add(action(h, "budget_move", new Curiosity.Target(null, null, m.from(), m.to(), null,
                    Num.money(m.amount())), rationale, "revenue", daily * IMPACT_DAYS, confidence,
                    daily * IMPACT_DAYS > 0.02 * budget * IMPACT_DAYS ? "high" : "medium"));
        }
        // scale winners: a channel whose marginal ROAS at its current spend is well above the target
        for (BudgetAllocator.Channel c : channels) {
            ResponseCurveFit fit = fits.get(c.id());
            double marginal = fit.marginalRoas(c.currentSpend());
            if (marginal > 1.5 * h.goals().targetRoas()) {
                double extra = c.currentSpend() * 0.2;
                double gain = fit.revenue(c.currentSpend() + extra) - fit.revenue(c.currentSpend()) - extra;
                if (gain <= 0) {
                    continue;
                }
                actions.add(action(h, "scale_winner", new Curiosity.Target(c.id(), null, null, null, null,
                        Num.money(extra)), "Raise '" + name(h, c.id()) + "' by " + Num.money(extra) + " "
                        + h.goals().currency() + " a day: each extra unit of spend still returns "
                        + Num.ratio(marginal).setScale(2, RoundingMode.HALF_EVEN) + " in revenue, above the target ROAS of "
                        + h.goals().targetRoas(), "revenue", gain * IMPACT_DAYS,
                        0.3 + 0.5 * ResponseCurveFit.identification(fit.days(), 0.05), "medium"));
            }
        }
    }

    private void fatigued(BrainHistory h, Oracle oracle, List<Curiosity.Action> actions) {
        String currency = h.goals().currency();
        List<NearCopies.NearCopy> copies = NearCopies.find(h, oracle.fatigue());
        for (Oracle.Fatigue f : oracle.fatigue()) {
            if (f.daysToFatigue() == null || f.daysToFatigue() > 7) {
                continue;
            }
            var rows = h.creatives().get(f.creativeId());
            double spend = 0;
            double revenue = 0;
            for (MetricsUpdate r : rows.subMap(h.origin().minusDays(6), true, h.origin(), true).values()) {
                spend += Num.d(r.spend());
                revenue += Num.d(r.conversionValue());
            }
            double roas = spend > 0 ? revenue / spend : 0;
            double dailySpend = spend / 7;
            boolean losing = roas < 1.0;
            String kind = losing ? "pause_creative" : "refresh_creative";
            // pausing saves the spend that does not come back; refreshing recovers the share of revenue fatigue costs
            double impact = losing ? dailySpend * (1 - roas) * IMPACT_DAYS
                    : revenue / 7 * Math.max(0, 1 - f.current().doubleValue() / f.baseline().doubleValue()
                            * (f.metric().equals("ctr") ? 1 : 0)) * IMPACT_DAYS;
            if (impact <= 0 && !losing) {
                impact = revenue / 7 * 0.1 * IMPACT_DAYS;
            }
            String when = f.daysToFatigue() == 0 ? "is past its fatigue threshold"
                    : "will cross its fatigue threshold in about " + f.daysToFatigue() + " days";
            String rationale = "Creative '" + f.name() + "' " + when + " (" + f.metric().toUpperCase() + " "
                    + f.current() + " against " + f.baseline() + " at its best week); last 7 days ROAS "
                    + Num.ratio(roas).setScale(2, RoundingMode.HALF_EVEN) + " on " + Num.money(spend) + " " + currency
                    + (losing ? ": pause it" : ": refresh its copy or image")
                    + copies.stream().filter(n -> n.fatiguedId().equals(f.creativeId())).findFirst()
                            .map(n -> "; new ad '" + n.name() + "' nearly repeats its copy, so change the angle, not "
                                    + "only the ad").orElse("");
            actions.add(action(h, kind, new Curiosity.Target(f.channelId(), f.creativeId(), null, null, null, null),
                    rationale, losing ? "spend" : "revenue", impact, f.daysToFatigue() == 0 ? 0.7 : 0.5,
                    f.daysToFatigue() <= 2 ? "high" : "medium"));
        }
    }

    /**
     * Refresh a new ad that nearly repeats a fatigued one, before it tires too; when the new ad already has a refresh
     * or pause action (it is fatiguing itself), the near-copy is added to that action's rationale instead.
     */
    private void nearCopies(BrainHistory h, Oracle oracle, List<Curiosity.Action> actions) {
        for (NearCopies.NearCopy n : NearCopies.find(h, oracle.fatigue())) {
            Curiosity.Target target = new Curiosity.Target(n.channelId(), n.creativeId(), null, null, null, null);
            String note = "Refresh creative '" + n.name() + "' before it tires: " + NearCopies.describe(n);
            String id = actionId(h.orgId(), "refresh_creative", target);
            int existing = -1;
            for (int i = 0; i < actions.size(); i++) {
                Curiosity.Action a = actions.get(i);
                if (a.id().equals(id) || (a.kind().equals("pause_creative")
                        && n.creativeId().equals(a.target().creativeId()))) {
                    existing = i;
                }
            }
            if (existing >= 0) {
                Curiosity.Action a = actions.get(existing);
                actions.set(existing, new Curiosity.Action(a.id(), a.kind(), a.target(), a.rationale() + ". " + note,
                        a.expectedImpact(), a.confidence(), a.urgency()));
                continue;
            }
            double revenue = 0;
            var rows = h.creatives().get(n.creativeId());
            if (rows != null) {
                for (MetricsUpdate r : rows.subMap(h.origin().minusDays(6), true, h.origin(), true).values()) {
                    revenue += Num.d(r.conversionValue());
                }
            }
            // what refreshing keeps: the share of revenue a tired copy loses (10 %), over the impact horizon
            actions.add(action(h, "refresh_creative", target, note, "revenue", revenue / 7 * 0.1 * IMPACT_DAYS,
                    n.method().equals("embeddings") ? 0.5 : 0.4, n.fatiguedDays() == 0 ? "medium" : "low"));
        }
    }

    private void alerts(BrainHistory h, List<Curiosity.Action> actions) {
        for (Alert a : h.alerts()) {
            if (!"open".equals(a.status())) {
                continue;
            }
            double gap = a.observed() != null && a.expected() != null
                    ? Math.abs(a.observed().doubleValue() - a.expected().doubleValue()) : 0;
            boolean money = a.metric() != null && List.of("spend", "revenue", "conversion_value", "attributed_revenue")
                    .contains(a.metric());
            double impact = money ? gap * 7 : 0;
            String urgency = "critical".equals(a.severity()) ? "high" : "warning".equals(a.severity()) ? "medium" : "low";
            String rationale = "Investigate the " + a.kind().replace('_', ' ') + " alert"
                    + (a.channelId() != null ? " on channel '" + name(h, a.channelId()) + "'" : "")
                    + (a.explanation() != null ? ": " + a.explanation() : "");
            actions.add(action(h, "investigate_alert", new Curiosity.Target(a.channelId(), a.creativeId(), null, null,
                    a.id(), null), rationale, money ? a.metric().equals("spend") ? "spend" : "revenue" : "revenue",
                    impact, 0.5, urgency));
        }
    }

    private static String name(BrainHistory h, String channelId) {
        MetricsUpdate info = h.channelInfo(channelId);
        return info == null || info.name() == null ? channelId : info.name();
    }

    private static Curiosity.Action action(BrainHistory h, String kind, Curiosity.Target t, String rationale,
            String metric, double impact, double confidence, String urgency) {
        return new Curiosity.Action(actionId(h.orgId(), kind, t), kind, t, rationale,
                new Curiosity.Impact(metric, Num.money(Math.max(0, impact)), h.goals().currency(), IMPACT_DAYS),
                BigDecimal.valueOf(Math.min(1, Math.max(0, confidence))).setScale(2, RoundingMode.HALF_EVEN), urgency);
    }

    /** Stable per organization, kind and target (not amount), so a decision sticks while the action stays. */
    public static String actionId(String orgId, String kind, Curiosity.Target t) {
        String key = orgId + "|" + kind + "|" + t.channelId() + "|" + t.creativeId() + "|" + t.fromChannelId() + "|"
                + t.toChannelId() + "|" + t.alertId();
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static int urgencyRank(String u) {
        return switch (u) {
            case "high" -> 2;
            case "medium" -> 1;
            default -> 0;
        };
    }
}
