package ai.omnify.bench.brain;

import ai.omnify.simulator.brand.Ad;
import ai.omnify.simulator.brand.Campaign;
import ai.omnify.simulator.performance.Totals;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator brand's true daily spend and platform revenue per campaign (account currency), the series the brain
 * sees for each channel once every day is complete.
 */
final class SimulatorSeries {
    /** One campaign: its days, and spend and revenue per day. */
    record Series(Campaign campaign, LocalDate first, double[] spend, double[] revenue) {}

    private SimulatorSeries() {}

    static SyntheticBrand brand(long seed, int days) {
        return SyntheticBrand.create(SimulationConfig.of(seed, days, Instant.parse("2026-11-01T00:00:00Z"), null));
    }

    static List<Series> of(SyntheticBrand brand) {
        var catalog = brand.catalog();
        int n = catalog.days();
        List<Series> out = new ArrayList<>();
        for (Campaign c : catalog.campaigns()) {
            double scale = Math.pow(10, c.account().spendScale());
            double[] spend = new double[n];
            double[] revenue = new double[n];
            List<Ad> ads = catalog.adsOf(c);
            for (int d = 0; d < n; d++) {
                LocalDate date = catalog.firstDay().plusDays(d);
                for (Ad ad : ads) {
                    Totals t = brand.performance().adDay(ad, date).total();
                    spend[d] += t.spendUnits() / scale;
                    revenue[d] += t.valueCents() / 100.0;
                }
            }
            out.add(new Series(c, catalog.firstDay(), spend, revenue));
        }
        return out;
    }
}
