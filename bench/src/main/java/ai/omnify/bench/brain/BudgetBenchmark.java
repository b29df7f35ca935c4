package ai.omnify.bench.brain;

import ai.omnify.bench.Log;
import ai.omnify.bench.report.Figure;
import ai.omnify.bench.report.Report;
import ai.omnify.jobs.brain.curiosity.BudgetAllocator;
import ai.omnify.jobs.brain.curiosity.ResponseCurveFit;
import ai.omnify.simulator.brand.AdAccount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Budget recommendations on the simulator, whose true response curves are known: per ad account (one currency), the
 * brain fits a curve per campaign on its last 30 days and splits the account's current daily spend (last 7 days'
 * mean) within ±30% per campaign; the revenue that split earns on the true curves over 14 days, minus what the
 * current split earns, is compared with the best split under the same bounds on the true curves. True curves give
 * expected revenue on an average weekday with fresh creatives, so the figure isolates the allocation itself.
 */
public final class BudgetBenchmark {
    public record Options(long seed, int days) {}

    private final Options options;
    private final Report report;

    public BudgetBenchmark(Options options, Report report) {
        this.options = options;
        this.report = report;
    }

    public void run() {
        var brand = SimulatorSeries.brand(options.seed(), options.days());
        var series = SimulatorSeries.of(brand);
        double gained = 0;
        double best = 0;
        double base = 0;
        int campaigns = 0;
        List<String> perAccount = new ArrayList<>();
        for (AdAccount account : brand.catalog().accounts()) {
            List<BudgetAllocator.Channel> fitted = new ArrayList<>();
            List<BudgetAllocator.Channel> truth = new ArrayList<>();
            for (var s : series) {
                if (!s.campaign().account().equals(account)) {
                    continue;
                }
                int n = s.spend().length;
                double current = Arrays.stream(s.spend(), n - 7, n).sum() / 7;
                if (current <= 0) {
                    continue;
                }
                ResponseCurveFit fit = ResponseCurveFit.fit(Arrays.copyOfRange(s.spend(), n - 30, n),
                        Arrays.copyOfRange(s.revenue(), n - 30, n));
                if (fit == null) {
                    continue;
                }
                var curve = s.campaign().curve();
                fitted.add(new BudgetAllocator.Channel(s.campaign().campaignId(), current, fit::revenue));
                truth.add(new BudgetAllocator.Channel(s.campaign().campaignId(), current, curve::revenue));
            }
            if (fitted.size() < 2) {
                continue;
            }
            campaigns += fitted.size();
            BudgetAllocator allocator = new BudgetAllocator(0.3, 400);
            double[] ours = allocator.allocate(fitted).spend();
            BudgetAllocator.Allocation optimal = allocator.allocate(truth);
            double trueOurs = 0;
            for (int i = 0; i < truth.size(); i++) {
                trueOurs += truth.get(i).revenue().applyAsDouble(ours[i]);
            }
            gained += (trueOurs - optimal.currentRevenue()) * 14;
            best += optimal.gain() * 14;
            base += optimal.currentRevenue() * 14;
            Log.info("budget %s: ours %+.2f, best %+.2f a day (%s, %d campaigns)", account.platform().wire(),
                    trueOurs - optimal.currentRevenue(), optimal.gain(), account.currency(), fitted.size());
            perAccount.add(account.platform().wire() + " " + String.format("%.2f",
                    optimal.gain() > 0 ? (trueOurs - optimal.currentRevenue()) / optimal.gain() : Double.NaN));
        }
        double share = best > 0 ? gained / best : Double.NaN;
        report.add(Figure.of("budget", String.format("%.0f%% of the best reallocation", 100 * share),
                String.format("+%.1f%% revenue over 14 days (best +%.1f%%)", 100 * gained / base, 100 * best / base))
                .with("shareOfBest", share).with("shareOfBestPerAccount", perAccount)
                .with("note", "totals add the accounts' own currencies (USD, EUR, GBP) without conversion").with("revenueGained14d", gained).with("bestGain14d", best)
                .with("baseline14d", base).with("campaigns", campaigns).with("maxShift", 0.3)
                .with("seed", options.seed()).with("days", options.days()));
    }
}
