package ai.omnify.jobs.brain.oracle;

import ai.omnify.jobs.brain.BrainHistory;
import ai.omnify.jobs.brain.BrainSettings;
import ai.omnify.jobs.brain.Num;
import ai.omnify.jobs.brain.OrgGoals;
import ai.omnify.model.brain.Memory;
import ai.omnify.model.brain.Oracle;
import ai.omnify.model.metrics.MetricsUpdate;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Oracle: forecasts per channel and for the organization, creative fatigue, and risks. */
public final class OracleBuilder {
    public static final List<String> METRICS = List.of("spend", "revenue", "roas");
    static final int FATIGUE_SHOWN = 20;

    private final BrainSettings settings;
    private final SeriesForecaster forecaster;
    private final FatigueForecaster fatigue;

    public OracleBuilder(BrainSettings settings) {
        this.settings = settings;
        this.forecaster = new SeriesForecaster(settings.holdout());
        this.fatigue = FatigueForecaster.defaults();
    }

    public Oracle build(BrainHistory h, Memory memory, List<Oracle.Accuracy> accuracy) {
        if (h.origin() == null) {
            return new Oracle(List.of(), List.of(), List.of(), accuracy);
        }
        List<Oracle.Forecast> forecasts = new ArrayList<>();
        if (!h.org().isEmpty()) {
            forecasts.addAll(forecastSeries(null, h.org(), h.origin()));
        }
        for (var e : h.channels().entrySet()) {
            if (active(e.getValue(), h.origin())) {
                forecasts.addAll(forecastSeries(e.getKey(), e.getValue(), h.origin()));
            }
        }
        List<Oracle.Fatigue> fatigue = fatigue(h);
        List<Oracle.Risk> risks = new ArrayList<>(risks(h, memory, forecasts));
        risks.addAll(nearCopies(h, fatigue));
        return new Oracle(forecasts, fatigue, risks, accuracy);
    }

    /** A channel is forecast when it has at least a week of history and spend in the last 7 complete days. */
    public static boolean active(TreeMap<LocalDate, MetricsUpdate> rows, LocalDate origin) {
        if (rows.isEmpty() || rows.firstKey().isAfter(origin.minusDays(6))) {
            return false;
        }
        return rows.subMap(origin.minusDays(6), true, origin, true).values().stream()
                .anyMatch(r -> r.spend() != null && r.spend().signum() > 0);
    }

    List<Oracle.Forecast> forecastSeries(String channelId, TreeMap<LocalDate, MetricsUpdate> rows, LocalDate origin) {
        List<Oracle.Forecast> out = new ArrayList<>();
        for (String metric : METRICS) {
            double[] y = trim(BrainHistory.daily(rows, origin, r -> value(metric, r)));
            if (y.length == 0) {
                continue;
            }
            SeriesForecaster.Result result = forecaster.forecast(y, settings.horizon());
            List<Oracle.Point> points = new ArrayList<>();
            for (SeriesForecaster.Step s : result.steps()) {
                points.add(new Oracle.Point(origin.plusDays(s.horizon()), s.horizon(),
                        round(metric, s.value()), round(metric, s.lower()), round(metric, s.upper())));
            }
            out.add(new Oracle.Forecast(channelId, metric, result.model(), Num.ratio(result.backtestMape()),
                    Num.ratio(result.naiveMape()), origin, points));
        }
        return out;
    }

    private double[] trim(double[] y) {
        return y.length > settings.historyDays() ? Arrays.copyOfRange(y, y.length - settings.historyDays(), y.length) : y;
    }

    static double value(String metric, MetricsUpdate r) {
        double spend = Num.d(r.spend());
        double revenue = Num.d(r.conversionValue());
        return switch (metric) {
            case "spend" -> spend;
            case "revenue" -> revenue;
            default -> spend > 0 ? revenue / spend : 0;
        };
    }

    private static java.math.BigDecimal round(String metric, double v) {
        return metric.equals("roas") ? Num.ratio(v) : Num.money(v);
    }

    List<Oracle.Fatigue> fatigue(BrainHistory h) {
        List<Oracle.Fatigue> out = new ArrayList<>();
        LocalDate origin = h.origin();
        for (var e : h.creatives().entrySet()) {
            TreeMap<LocalDate, MetricsUpdate> rows = e.getValue();
            if (rows.firstKey().isAfter(origin) || rows.subMap(origin.minusDays(2), true, origin, true).values()
                    .stream().noneMatch(r -> r.spend() != null && r.spend().signum() > 0)) {
                continue; // not running now
            }
            List<FatigueForecaster.Day> days = new ArrayList<>();
            for (LocalDate d = rows.firstKey(); !d.isAfter(origin); d = d.plusDays(1)) {
                MetricsUpdate r = rows.get(d);
                days.add(r == null ? new FatigueForecaster.Day(d, 0, 0, 0, 0)
                        : new FatigueForecaster.Day(d, r.impressions(), r.clicks(), Num.d(r.spend()),
                                Num.d(r.conversions())));
            }
            FatigueForecaster.Verdict ctr = fatigue.ctr(days);
            FatigueForecaster.Verdict cpa = fatigue.cpa(days);
            FatigueForecaster.Verdict v = sooner(ctr, cpa);
            if (v == null || v.daysToFatigue() == null) {
                continue;
            }
            double dailySpend = days.subList(Math.max(0, days.size() - 7), days.size()).stream()
                    .mapToDouble(FatigueForecaster.Day::spend).sum() / Math.min(7, days.size());
            MetricsUpdate last = rows.lastEntry().getValue();
            boolean isCtr = v.metric().equals("ctr");
            out.add(new Oracle.Fatigue(e.getKey(), last.channelId(), last.name(), v.metric(),
                    isCtr ? scaled(v.current()) : Num.money(v.current()),
                    isCtr ? scaled(v.baseline()) : Num.money(v.baseline()),
                    isCtr ? scaled(v.threshold()) : Num.money(v.threshold()),
                    isCtr ? scaled(v.trendPerDay()) : Num.ratio(v.trendPerDay()),
                    v.daysToFatigue(), Num.money(dailySpend)));
        }
        out.sort(Comparator.comparing(Oracle.Fatigue::daysToFatigue)
                .thenComparing(Oracle.Fatigue::dailySpend, Comparator.reverseOrder())
                .thenComparing(Oracle.Fatigue::creativeId));
        return out.size() > FATIGUE_SHOWN ? List.copyOf(out.subList(0, FATIGUE_SHOWN)) : out;
    }

    private static java.math.BigDecimal scaled(double v) {
        return Double.isFinite(v) ? java.math.BigDecimal.valueOf(v).setScale(6, java.math.RoundingMode.HALF_EVEN) : null;
    }

    private static FatigueForecaster.Verdict sooner(FatigueForecaster.Verdict a, FatigueForecaster.Verdict b) {
        if (a == null || a.daysToFatigue() == null) {
            return b != null && b.daysToFatigue() != null ? b : a;
        }
        if (b == null || b.daysToFatigue() == null) {
            return a;
        }
        return b.daysToFatigue() < a.daysToFatigue() ? b : a;
    }

    /**
     * New creatives whose name and copy nearly repeat a creative that is fatigued or fatiguing ({@link NearCopies}):
     * they are likely to tire as fast.
     */
    static List<Oracle.Risk> nearCopies(BrainHistory h, List<Oracle.Fatigue> fatigue) {
        List<Oracle.Risk> out = new ArrayList<>();
        for (NearCopies.NearCopy n : NearCopies.find(h, fatigue)) {
            String text = NearCopies.describe(n);
            out.add(new Oracle.Risk("near_copy_of_fatigued", n.fatiguedDays() == 0 ? "warning" : "info", n.channelId(),
                    Num.ratio(n.similarity()), Num.ratio(ai.omnify.jobs.brain.ai.CreativeSimilarity.NEAR_COPY),
                    Character.toUpperCase(text.charAt(0)) + text.substring(1) + ": it will likely tire as fast"));
        }
        return out;
    }

    List<Oracle.Risk> risks(BrainHistory h, Memory memory, List<Oracle.Forecast> forecasts) {
        List<Oracle.Risk> risks = new ArrayList<>();
        OrgGoals goals = h.goals();
        Map<String, Oracle.Forecast> byKey = new LinkedHashMap<>();
        for (Oracle.Forecast f : forecasts) {
            byKey.put(f.channelId() + ":" + f.metric(), f);
        }
        // budget exhaustion: month-to-date spend plus the forecast to the month's end against the monthly budget
        Oracle.Forecast orgSpend = byKey.get("null:spend");
        if (goals.monthlyBudget() != null && orgSpend != null) {
            LocalDate first = h.origin().plusDays(1);
            YearMonth month = YearMonth.from(first);
            double spent = month.atDay(1).isAfter(h.origin()) ? 0
                    : h.org().subMap(month.atDay(1), true, h.origin(), true).values().stream()
                            .mapToDouble(r -> Num.d(r.spend())).sum();
            double cumulative = spent;
            LocalDate exhausted = spent >= goals.monthlyBudget() ? h.origin() : null;
            double lastValue = 0;
            for (LocalDate d = first; !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
                int horizon = (int) (d.toEpochDay() - h.origin().toEpochDay());
                lastValue = horizon <= orgSpend.points().size()
                        ? orgSpend.points().get(horizon - 1).value().doubleValue() : lastValue;
                cumulative += lastValue;
                if (exhausted == null && cumulative > goals.monthlyBudget()) {
                    exhausted = d;
                }
            }
            if (exhausted != null) {
                long days = exhausted.toEpochDay() - h.origin().toEpochDay();
                risks.add(new Oracle.Risk("budget_exhaustion", days <= 7 ? "critical" : "warning", null,
                        Num.money(cumulative), Num.money(goals.monthlyBudget()),
                        "At the forecast pace the monthly budget of " + Num.money(goals.monthlyBudget()) + " "
                                + goals.currency() + " runs out on " + exhausted + " (projected month spend "
                                + Num.money(cumulative) + ")"));
            }
        }
        // ROAS below target over the next 7 days
        for (Memory.Kpis k : memory.kpis()) {
            if (k.windowDays() != 7 || !(k.scope().equals("channel") || k.scope().equals("org"))) {
                continue;
            }
            String channelId = k.scope().equals("org") ? null : k.id();
            Oracle.Forecast spend = byKey.get(channelId + ":spend");
            Oracle.Forecast revenue = byKey.get(channelId + ":revenue");
            if (spend == null || revenue == null
                    || (channelId != null && (k.spendShare() == null || k.spendShare().doubleValue() < 0.02))) {
                continue;
            }
            double s = spend.points().stream().limit(7).mapToDouble(p -> p.value().doubleValue()).sum();
            double r = revenue.points().stream().limit(7).mapToDouble(p -> p.value().doubleValue()).sum();
            if (s <= 0) {
                continue;
            }
            double roas = r / s;
            if (roas < goals.targetRoas()) {
                String who = channelId == null ? "All channels" : "'" + k.name() + "'";
                risks.add(new Oracle.Risk("roas_below_target", roas < 0.75 * goals.targetRoas() ? "critical" : "warning",
                        channelId, Num.ratio(roas), Num.ratio(goals.targetRoas()),
                        who + ": forecast ROAS " + Num.ratio(roas).setScale(2, java.math.RoundingMode.HALF_EVEN)
                                + " over the next 7 days, below the target of " + goals.targetRoas()
                                + " (last 7 days: " + (k.roas() == null ? "n/a" : k.roas().setScale(2, java.math.RoundingMode.HALF_EVEN)) + ")"));
            }
        }
        // dependency on one channel or platform (30-day spend share)
        for (Memory.Kpis k : memory.kpis()) {
            if (k.windowDays() != 30 || k.spendShare() == null) {
                continue;
            }
            double share = k.spendShare().doubleValue();
            boolean channel = k.scope().equals("channel") && share > settings.dependencyShare();
            boolean platform = k.scope().equals("platform") && share > Math.max(0.8, settings.dependencyShare());
            if (channel || platform) {
                risks.add(new Oracle.Risk("channel_dependency", share > 0.85 ? "critical" : "warning",
                        channel ? k.id() : null, k.spendShare(), Num.ratio(settings.dependencyShare()),
                        (channel ? "Channel '" + k.name() + "'" : "Platform " + k.id()) + " takes "
                                + k.spendShare().movePointRight(2).setScale(1, java.math.RoundingMode.HALF_EVEN)
                                + "% of the last 30 days' spend"));
            }
        }
        return risks;
    }
}
