package ai.omnify.simulator.performance;

import ai.omnify.simulator.brand.Ad;
import ai.omnify.simulator.brand.AdAccount;
import ai.omnify.simulator.brand.BrandCatalog;
import ai.omnify.simulator.brand.Campaign;
import ai.omnify.simulator.incident.Incidents;
import ai.omnify.simulator.random.Rng;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The brand's true performance: per campaign and day, spend paced against the budget, split across its live ads by
 * delivery weight and freshness; impressions from CPM, clicks from CTR (which fatigues), conversions from the
 * campaign's {@link ai.omnify.simulator.brand.ResponseCurve} with weekly seasonality, trend and noise, each placed in
 * an hour and given a reporting delay. Every (campaign, day) is computed from its own random stream, so any day can be
 * computed alone, in any order. Results are cached; {@link #evictBefore} bounds the cache in long live runs.
 */
public final class PerformanceModel {
    private final BrandCatalog catalog;
    private final Incidents incidents;
    private final Map<Integer, List<Ad>> adsByCampaign = new HashMap<>();
    private final int[] positionInCampaign;
    private final Map<Long, AdDay[]> cache = new HashMap<>();

    public PerformanceModel(BrandCatalog catalog, Incidents incidents) {
        this.catalog = catalog;
        this.incidents = incidents;
        this.positionInCampaign = new int[catalog.ads().size()];
        for (Ad ad : catalog.ads()) {
            List<Ad> siblings = adsByCampaign.computeIfAbsent(ad.campaign().index(), k -> new ArrayList<>());
            positionInCampaign[ad.index()] = siblings.size();
            siblings.add(ad);
        }
    }

    public BrandCatalog catalog() {
        return catalog;
    }

    public Incidents incidents() {
        return incidents;
    }

    public synchronized AdDay adDay(Ad ad, LocalDate date) {
        return campaignDay(ad.campaign(), date)[positionInCampaign[ad.index()]];
    }

    /** Forgets computed days before {@code date} (they are recomputed, identically, if asked for again). */
    public synchronized void evictBefore(LocalDate date) {
        long limit = date.toEpochDay();
        cache.keySet().removeIf(k -> k % 1_000_000L < limit);
    }

    private AdDay[] campaignDay(Campaign c, LocalDate date) {
        long key = c.index() * 1_000_000L + date.toEpochDay();
        AdDay[] days = cache.get(key);
        if (days == null) {
            days = compute(c, date);
            cache.put(key, days);
        }
        return days;
    }

    private AdDay[] compute(Campaign c, LocalDate date) {
        AdAccount account = c.account();
        List<Ad> ads = adsByCampaign.get(c.index());
        long[] slotStart = slotStarts(date, account.zone());
        int[] slotHour = new int[slotStart.length];
        for (int i = 0; i < slotStart.length; i++) {
            slotHour[i] = ZonedDateTime.ofInstant(Instant.ofEpochMilli(slotStart[i]), account.zone()).getHour();
        }
        AdDay[] out = new AdDay[ads.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = AdDay.empty(ads.get(i), date, slotStart, slotHour);
        }
        if (!c.deliversOn(date)) {
            return out;
        }
        Rng rng = Rng.of(catalog.seed(), "campaign-day", c.index(), date.toEpochDay());
        double[] weights = new double[ads.size()];
        double totalWeight = 0;
        for (int i = 0; i < weights.length; i++) {
            Ad ad = ads.get(i);
            double noise = rng.noise(0.15);
            if (ad.deliversOn(date)) {
                double rampUp = Math.min(1.0, (ad.ageOn(date) + 1) / 3.0);
                weights[i] = ad.deliveryWeight() * (0.3 + 0.7 * ad.freshness(date)) * rampUp * noise;
                totalWeight += weights[i];
            }
        }
        if (totalWeight == 0) {
            return out;
        }
        double scale = Math.pow(10, account.spendScale());
        double campaignSpend = c.dailyBudget().doubleValue() * rng.uniform(0.86, 1.0);
        long campaignUnits = Math.round(campaignSpend * scale);
        long[] adUnits = Allocation.split(campaignUnits, weights);
        long daysSinceStart = ChronoUnit.DAYS.between(catalog.firstDay(), date);
        double campaignConversions = c.curve().conversions(campaignSpend) * Seasonality.demand(date.getDayOfWeek())
                * Seasonality.trend(daysSinceStart) * rng.noise(0.10);
        for (int i = 0; i < out.length; i++) {
            if (adUnits[i] > 0) {
                out[i] = adDay(ads.get(i), date, slotStart, slotHour, adUnits[i],
                        campaignConversions * adUnits[i] / (double) campaignUnits);
            }
        }
        return out;
    }

    private AdDay adDay(Ad ad, LocalDate date, long[] slotStart, int[] slotHour, long units, double baseConversions) {
        Campaign c = ad.campaign();
        AdAccount account = c.account();
        Rng r = Rng.of(catalog.seed(), "ad-day", ad.index(), date.toEpochDay());
        double spend = units / Math.pow(10, account.spendScale());
        double fresh = ad.freshness(date);
        double cpm = account.baseCpm() * c.cpmFactor() * Seasonality.cpm(account.platform(), date.getDayOfWeek())
                * (1 + 0.25 * (1 - fresh)) * r.noise(0.06);
        long impressions = Math.max(1, Math.round(spend / cpm * 1000));
        double ctr = Math.min(0.5, account.baseCtr() * c.ctrFactor() * ad.ctrQuality() * fresh * r.noise(0.08));
        long clicks = Math.min(impressions, Math.round(impressions * ctr));
        double frequency = (1.05 + 0.025 * Math.min(Math.max(0, ad.ageOn(date)), 150)) * r.noise(0.03);
        if (!incidents.all().isEmpty()) {
            frequency *= incidents.effectOn(ad, slotStart[slotStart.length / 2]).frequency();
        }
        double lambda = baseConversions * ad.cvrQuality() * (0.55 + 0.45 * fresh) * r.noise(0.12);
        int n = clicks == 0 ? 0 : (int) Math.min(clicks, r.poisson(lambda));

        int slots = slotStart.length;
        double[] hourWeights = new double[slots];
        for (int s = 0; s < slots; s++) {
            hourWeights[s] = HourlyProfile.weight(slotHour[s]) * r.noise(0.2);
        }
        long[] spendSlots = Allocation.split(units, hourWeights);
        long[] impSlots = Allocation.split(impressions, Allocation.asWeights(spendSlots));
        long[] clickSlots = Allocation.capTo(Allocation.split(clicks, Allocation.asWeights(impSlots)), impSlots);

        List<Conversion> conversions = new ArrayList<>(n);
        double[] clickWeights = Allocation.asWeights(clickSlots);
        for (int k = 0; k < n; k++) {
            int slot = r.weighted(clickWeights);
            long eventAt = slotStart[slot] + r.between(0L, AdDay.HOUR_MILLIS - 1);
            long lag = reportingDelay(r);
            int credit = account.fractionalConversions() ? fractionalCredit(r) : 100;
            long orderValue = Math.max(500, Math.round(c.curve().averageOrderValue() * r.noise(0.35) * 100));
            long value = Math.round(orderValue * credit / 100.0);
            conversions.add(new Conversion(k, slot, eventAt, eventAt + lag, credit, value, orderValue));
        }
        if (!incidents.all().isEmpty()) {
            conversions = applyIncidents(ad, slotStart, spendSlots, impSlots, clickSlots, conversions, r);
        }
        conversions.sort((a, b) -> Long.compare(a.eventAtMillis(), b.eventAtMillis()));
        return new AdDay(ad, date, slotStart, slotHour, spendSlots, impSlots, clickSlots, frequency, conversions);
    }

    private List<Conversion> applyIncidents(Ad ad, long[] slotStart, long[] spend, long[] imps, long[] clicks,
            List<Conversion> conversions, Rng r) {
        Incidents.Effect[] effects = new Incidents.Effect[slotStart.length];
        for (int s = 0; s < slotStart.length; s++) {
            Incidents.Effect e = incidents.effectOn(ad, slotStart[s]);
            effects[s] = e;
            if (!e.isNone()) {
                spend[s] = Math.round(spend[s] * e.spend());
                imps[s] = Math.round(imps[s] * e.spend());
                clicks[s] = Math.min(imps[s], Math.round(clicks[s] * e.spend() * e.ctr()));
            }
        }
        List<Conversion> kept = new ArrayList<>(conversions.size());
        for (Conversion c : conversions) {
            Incidents.Effect e = effects[c.slot()];
            if (e.isNone() || r.chance(e.conversions())) {
                kept.add(c);
            }
        }
        return kept;
    }

    /** Most conversions are reported within the hour; some hours later; a few up to about three days later. */
    private static long reportingDelay(Rng r) {
        double p = r.uniform();
        if (p < 0.5) {
            return r.between(0L, 45 * 60_000L);
        }
        if (p < 0.8) {
            return r.between(AdDay.HOUR_MILLIS, 24 * AdDay.HOUR_MILLIS);
        }
        return r.between(24 * AdDay.HOUR_MILLIS, 70 * AdDay.HOUR_MILLIS);
    }

    /** Google's data-driven attribution: mostly whole conversions, some halves and quarters. */
    private static int fractionalCredit(Rng r) {
        double p = r.uniform();
        return p < 0.6 ? 100 : p < 0.85 ? 50 : p < 0.95 ? 25 : 75;
    }

    /** Start instants of the hour slots of {@code date} in {@code zone}: 23 to 25 of them. */
    static long[] slotStarts(LocalDate date, ZoneId zone) {
        long start = date.atStartOfDay(zone).toInstant().toEpochMilli();
        long end = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        int n = (int) ((end - start) / AdDay.HOUR_MILLIS);
        long[] slots = new long[n];
        for (int i = 0; i < n; i++) {
            slots[i] = start + i * AdDay.HOUR_MILLIS;
        }
        return slots;
    }
}
