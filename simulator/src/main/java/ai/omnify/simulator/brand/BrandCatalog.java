package ai.omnify.simulator.brand;

import ai.omnify.model.Platform;
import ai.omnify.simulator.random.Rng;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The brand's accounts, campaigns and ads: who advertises what, since when, with which true response curve. Built
 * deterministically from the seed and the window (first day, number of days); no I/O.
 *
 * @param firstDay first day of history (launch and pause dates are placed relative to the window)
 * @param days number of history days before {@code firstDay + days} ("today")
 */
public record BrandCatalog(
        String brandName,
        long seed,
        LocalDate firstDay,
        int days,
        List<AdAccount> accounts,
        Store store,
        List<Campaign> campaigns,
        List<Ad> ads) {

    public static final String BRAND_NAME = "Fieldhouse Outfitters";

    public BrandCatalog {
        accounts = List.copyOf(accounts);
        campaigns = List.copyOf(campaigns);
        ads = List.copyOf(ads);
    }

    /** The day after the last history day: the first day reported live. */
    public LocalDate today() {
        return firstDay.plusDays(days);
    }

    public AdAccount account(Platform platform) {
        return accounts.stream().filter(a -> a.platform() == platform).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no ad account on " + platform.wire()));
    }

    public List<Campaign> campaignsOf(AdAccount account) {
        return campaigns.stream().filter(c -> c.account().equals(account)).toList();
    }

    public List<Ad> adsOf(Campaign campaign) {
        return ads.stream().filter(a -> a.campaign().equals(campaign)).toList();
    }

    public Map<String, Ad> adsById() {
        return ads.stream().collect(Collectors.toMap(Ad::adId, Function.identity()));
    }

    /** Builds the catalog for {@code seed} and a window of {@code days} history days starting on {@code firstDay}. */
    public static BrandCatalog generate(long seed, LocalDate firstDay, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        Rng rng = Rng.of(seed, "catalog");
        Set<String> usedIds = new HashSet<>();
        AdAccount meta = new AdAccount(Platform.META, "act_" + unique(rng, usedIds, "", 16),
                BRAND_NAME + " - US", "USD", ZoneId.of("America/New_York"), 2, 11.5, 0.0125, true, false, 0.68, 0.92);
        AdAccount google = new AdAccount(Platform.GOOGLE, unique(rng, usedIds, "", 10),
                BRAND_NAME + " - DE", "EUR", ZoneId.of("Europe/Berlin"), 4, 7.5, 0.028, false, true, 0.80, 1.0);
        AdAccount tiktok = new AdAccount(Platform.TIKTOK, unique(rng, usedIds, "7", 18),
                BRAND_NAME + " - UK", "GBP", ZoneId.of("Europe/London"), 2, 6.0, 0.009, true, false, 0.55, 1.17);
        List<AdAccount> accounts = List.of(meta, google, tiktok);
        Store store = new Store("fieldhouse-outfitters.myshopify.com", BRAND_NAME, "EUR", ZoneId.of("Europe/Berlin"),
                110, 86);

        List<Campaign> campaigns = new ArrayList<>();
        List<Ad> ads = new ArrayList<>();
        for (CatalogTemplates.CampaignTemplate t : CatalogTemplates.CAMPAIGNS) {
            AdAccount account = t.platform() == Platform.META ? meta : t.platform() == Platform.GOOGLE ? google : tiktok;
            Campaign campaign = campaign(rng, usedIds, campaigns.size(), account, t, firstDay, days);
            campaigns.add(campaign);
            int count = rng.between(10, 12);
            for (int i = 0; i < count; i++) {
                ads.add(ad(rng, usedIds, ads.size(), i, campaign, t, firstDay, days));
            }
        }
        return new BrandCatalog(BRAND_NAME, seed, firstDay, days, accounts, store, campaigns, ads);
    }

    private static Campaign campaign(Rng rng, Set<String> usedIds, int index, AdAccount account,
            CatalogTemplates.CampaignTemplate t, LocalDate firstDay, int days) {
        String id = switch (account.platform()) {
            case META -> unique(rng, usedIds, "2385", 13);
            case GOOGLE -> unique(rng, usedIds, "", 11);
            default -> unique(rng, usedIds, "17", 17);
        };
        BigDecimal budget = BigDecimal.valueOf(Math.round(rng.uniform(t.budgetMin(), t.budgetMax())));
        double beta = rng.uniform(t.betaMin(), t.betaMax());
        double cpa = CatalogTemplates.targetCpa(account.platform()) * t.cpaFactor() * rng.noise(0.1);
        double conversionsAtBudget = budget.doubleValue() / cpa;
        double alpha = conversionsAtBudget / Math.pow(budget.doubleValue(), beta);
        double aov = CatalogTemplates.averageOrderValue(account.platform()) * t.aovFactor() * rng.noise(0.08);
        LocalDate start = t.launchAt() == null ? firstDay.minusDays(rng.between(120, 400)) : at(firstDay, days, t.launchAt());
        LocalDate pausedFrom = t.pauseAt() == null ? null : at(firstDay, days, t.pauseAt());
        LocalDate resumedOn = pausedFrom == null || t.pauseDays() == 0 ? null : pausedFrom.plusDays(t.pauseDays());
        if (pausedFrom != null && !pausedFrom.isAfter(start)) {
            pausedFrom = start.plusDays(1);
            resumedOn = resumedOn == null ? null : pausedFrom.plusDays(t.pauseDays());
        }
        return new Campaign(index, account, id, t.name(), t.objective(), budget, start, pausedFrom, resumedOn,
                new ResponseCurve(alpha, beta, Math.round(aov * 100) / 100.0), t.cpmFactor() * rng.noise(0.1),
                t.ctrFactor() * rng.noise(0.1));
    }

    private static Ad ad(Rng rng, Set<String> usedIds, int index, int nth, Campaign campaign,
            CatalogTemplates.CampaignTemplate t, LocalDate firstDay, int days) {
        String id = switch (campaign.account().platform()) {
            case META -> unique(rng, usedIds, "2385", 14);
            case GOOGLE -> unique(rng, usedIds, "", 12);
            default -> unique(rng, usedIds, "17", 17);
        };
        LocalDate windowStart = max(campaign.startDate(), firstDay);
        LocalDate launch;
        if (nth < 2) {
            // evergreen creatives: running since the campaign started (or long before the window)
            launch = max(campaign.startDate(), firstDay.minusDays(rng.between(30, 150)));
        } else if (rng.chance(0.5)) {
            launch = max(campaign.startDate(), firstDay.minusDays(rng.between(1, 100)));
        } else {
            long span = Math.max(1, ChronoUnit.DAYS.between(windowStart, firstDay.plusDays(days)));
            launch = windowStart.plusDays(rng.between(0L, span - 1));
        }
        LocalDate pausedOn = null;
        if (nth >= 2 && rng.chance(0.18)) {
            pausedOn = launch.plusDays(rng.between(10, 60));
            if (pausedOn.isAfter(firstDay.plusDays(days))) {
                pausedOn = null;
            }
        }
        String format = rng.pick(CatalogTemplates.formats(campaign.account().platform(), t.name()));
        String concept = rng.pick(CatalogTemplates.CONCEPTS);
        String name = concept + " | " + format + " | v" + rng.between(1, 6);
        return new Ad(index, campaign, id, name, format, launch, pausedOn, rng.noise(0.6), rng.noise(0.25),
                rng.noise(0.2), rng.uniform(14, 40), rng.uniform(0.35, 0.6));
    }

    private static LocalDate at(LocalDate firstDay, int days, double fraction) {
        return firstDay.plusDays((long) Math.floor(fraction * days));
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static String unique(Rng rng, Set<String> used, String prefix, int digits) {
        while (true) {
            String id = prefix + rng.digits(digits);
            if (used.add(id)) {
                return id;
            }
        }
    }
}
