package ai.omnify.simulator.incident;

import ai.omnify.model.Platform;
import ai.omnify.simulator.brand.Ad;
import ai.omnify.simulator.brand.BrandCatalog;
import ai.omnify.simulator.brand.Campaign;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The standard set of incidents the simulator injects with {@code --incidents}: every alert kind, one after the
 * other, each on a different campaign (the biggest ones that deliver all along, so their volumes can show it), from
 * day 35 of the history on (after the detectors' warm-up), whole days in the account's time zone, with gaps between
 * them. Ground truth: {@code incidents.json} (kind, platform, campaign, ad, start, end).
 *
 * <ul>
 *   <li>spend_spike: 2.6x spend for a day (conversions do not follow)</li>
 *   <li>tracking_break: spend and clicks go on, no conversion and no order for two days</li>
 *   <li>conversion_drop: 30% of the conversions for three days</li>
 *   <li>cpa_spike: 1.5x spend buying 60% of the conversions, for three days</li>
 *   <li>roas_drop: platform conversions as usual, 30% of the store orders, for three days</li>
 *   <li>budget_pacing: 1.35x spend for a day (the campaign's daily budget must be in the alert rules)</li>
 *   <li>creative_fatigue: one ad, five days in a row of falling CTR and conversions and rising frequency</li>
 * </ul>
 */
public final class IncidentPlan {
    static final int FIRST_DAY = 35;
    static final int GAP_DAYS = 6;

    private IncidentPlan() {}

    public static Incidents standard(BrandCatalog catalog, LocalDate firstDay, int days) {
        List<Incident> out = new ArrayList<>();
        LocalDate last = firstDay.plusDays(days - 3L);
        List<Campaign> big = catalog.campaigns().stream()
                .filter(c -> c.deliversOn(firstDay.plusDays(FIRST_DAY - 28L)) && c.pausedFrom() == null)
                .sorted(Comparator.comparing(Campaign::dailyBudget).reversed())
                .toList();
        if (big.size() < 6) {
            return new Incidents(out);
        }
        LocalDate d = firstDay.plusDays(FIRST_DAY);
        int k = 0;
        String[] kinds = {"spend_spike", "tracking_break", "conversion_drop", "cpa_spike", "roas_drop",
            "budget_pacing"};
        while (!d.isAfter(last)) {
            String kind = kinds[k % kinds.length];
            Campaign c = big.get(k % big.size());
            int length = length(kind);
            if (d.plusDays(length).isAfter(last.plusDays(1))) {
                break;
            }
            Instant start = d.atStartOfDay(c.account().zone()).toInstant();
            Instant end = d.plusDays(length).atStartOfDay(c.account().zone()).toInstant();
            Platform p = c.account().platform();
            out.add(switch (kind) {
                case "spend_spike" -> new Incident(kind, p, c.campaignId(), null, start, end, 2.6, 1, 1, 1,
                        "a runaway bid: spend 2.6x");
                case "tracking_break" -> new Incident(kind, p, c.campaignId(), null, start, end, 1, 1, 0, 0,
                        "pixel and checkout tracking broken");
                case "conversion_drop" -> new Incident(kind, p, c.campaignId(), null, start, end, 1, 1, 0.3, 1,
                        "landing page broken: 30% of the conversions");
                case "cpa_spike" -> new Incident(kind, p, c.campaignId(), null, start, end, 1.5, 1, 0.6, 1,
                        "auction pressure: 1.5x spend for 60% of the conversions");
                case "roas_drop" -> new Incident(kind, p, c.campaignId(), null, start, end, 1, 1, 1, 0.3,
                        "store orders fall to 30% while the platform reports as usual");
                default -> new Incident(kind, p, c.campaignId(), null, start, end, 1.35, 1, 1, 1,
                        "overspending: 1.35x the usual spend");
            });
            d = d.plusDays(length + GAP_DAYS);
            k++;
        }
        fatigue(catalog, firstDay, days).ifPresent(out::addAll);
        return new Incidents(out);
    }

    /**
     * Days an incident of {@code kind} lasts. Spend kinds show on one day. A tracking break is plain at any volume
     * (nothing where there were dozens). The count-based kinds last three days: real conversion drops,
     * auction-pressure CPA rises and store-order shortfalls go on for days until someone acts, and on the simulator's
     * campaigns (10-30 conversions, 5-15 attributed orders a day) one or two days of them are hard to tell from
     * chance: 30% of the orders for two days on a campaign with 8 a day (5 instead of 16) happens by chance about
     * once in 300 channel-days, several times a month for a brand with 20 campaigns.
     */
    static int length(String kind) {
        return switch (kind) {
            case "spend_spike", "budget_pacing" -> 1;
            case "tracking_break" -> 2;
            default -> 3;
        };
    }

    /** Five consecutive days of one ad (of an account that reports reach) getting tired. */
    static java.util.Optional<List<Incident>> fatigue(BrandCatalog catalog, LocalDate firstDay, int days) {
        LocalDate start = firstDay.plusDays(Math.min(days - 8L, FIRST_DAY + 3L));
        Ad ad = catalog.ads().stream()
                .filter(a -> a.campaign().account().reportsReach())
                .filter(a -> a.ageOn(start) > 10 && a.deliversOn(start) && a.deliversOn(start.plusDays(6)))
                .max(Comparator.comparingDouble(Ad::deliveryWeight).thenComparing(a -> a.campaign().dailyBudget()))
                .orElse(null);
        if (ad == null || start.isBefore(firstDay.plusDays(14))) {
            return java.util.Optional.empty();
        }
        List<Incident> out = new ArrayList<>();
        Campaign c = ad.campaign();
        for (int i = 0; i < 5; i++) {
            LocalDate d = start.plusDays(i);
            double f = Math.pow(0.8, i + 1);
            out.add(new Incident("creative_fatigue", c.account().platform(), c.campaignId(), ad.adId(),
                    d.atStartOfDay(c.account().zone()).toInstant(), d.plusDays(1).atStartOfDay(c.account().zone())
                            .toInstant(), 1, f, f, 1, 1 + 0.25 * (i + 1),
                    "creative fatigue, day " + (i + 1) + ": CTR x" + String.format(java.util.Locale.ROOT, "%.2f", f)));
        }
        return java.util.Optional.of(out);
    }
}
