package ai.omnify.simulator.truth;

import ai.omnify.model.Ids;
import ai.omnify.model.Json;
import ai.omnify.simulator.brand.Ad;
import ai.omnify.simulator.brand.AdAccount;
import ai.omnify.simulator.brand.BrandCatalog;
import ai.omnify.simulator.brand.Campaign;
import ai.omnify.simulator.performance.Seasonality;
import ai.omnify.simulator.stream.SimulationConfig;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.DayOfWeek;
import java.time.LocalDate;

/** The catalog as written to {@code catalog.json}: accounts, store, campaigns with their response curves, ads. */
public final class CatalogJson {
    private CatalogJson() {}

    public static ObjectNode of(BrandCatalog catalog, SimulationConfig config) {
        String org = config.orgId();
        LocalDate today = catalog.today();
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("brand", catalog.brandName());
        root.put("seed", catalog.seed());
        root.put("now", config.now().toString());
        root.put("historyDays", config.days());
        root.put("firstDay", catalog.firstDay().toString());
        if (org != null) {
            root.put("orgId", org);
        }
        ArrayNode accounts = root.putArray("accounts");
        for (AdAccount a : catalog.accounts()) {
            ObjectNode n = accounts.addObject();
            n.put("platform", a.platform().wire());
            n.put("accountId", a.accountId());
            n.put("name", a.name());
            n.put("currency", a.currency());
            n.put("timeZone", a.zone().getId());
            n.put("spendDecimals", a.spendScale());
            n.put("reportsReach", a.reportsReach());
            n.put("fractionalConversions", a.fractionalConversions());
            n.put("shareOfConversionsWithShopifyOrder", a.orderShare());
        }
        ObjectNode store = root.putObject("store");
        store.put("platform", "shopify");
        store.put("domain", catalog.store().domain());
        store.put("currency", catalog.store().currency());
        store.put("timeZone", catalog.store().zone().getId());
        store.put("organicOrdersPerDay", catalog.store().organicOrdersPerDay());
        ObjectNode season = root.putObject("seasonality");
        season.put("trendPerDay", Seasonality.TREND_PER_DAY);
        season.put("trendOrigin", catalog.firstDay().toString());
        ObjectNode demand = season.putObject("demandByDayOfWeek");
        for (DayOfWeek d : DayOfWeek.values()) {
            demand.put(d.name(), Seasonality.demand(d));
        }
        ArrayNode campaigns = root.putArray("campaigns");
        for (Campaign c : catalog.campaigns()) {
            ObjectNode n = campaigns.addObject();
            n.put("platform", c.account().platform().wire());
            n.put("accountId", c.account().accountId());
            n.put("campaignId", c.campaignId());
            if (org != null) {
                n.put("channelId", Ids.channelId(org, c.account().platform(), c.campaignId()).toString());
            }
            n.put("name", c.name());
            n.put("objective", c.objective());
            n.put("status", c.status(today));
            n.put("startDate", c.startDate().toString());
            if (c.pausedFrom() != null) {
                n.put("pausedFrom", c.pausedFrom().toString());
            }
            if (c.resumedOn() != null) {
                n.put("resumedOn", c.resumedOn().toString());
            }
            n.put("dailyBudget", c.dailyBudget());
            n.put("currency", c.account().currency());
            ObjectNode curve = n.putObject("responseCurve");
            curve.put("form", "conversionsPerDay = alpha * spend^beta; revenuePerDay = conversionsPerDay * averageOrderValue");
            curve.put("alpha", round(c.curve().alpha()));
            curve.put("beta", round(c.curve().beta()));
            curve.put("averageOrderValue", round(c.curve().averageOrderValue()));
            curve.put("conditions", "average weekday (demand factor 1), trend 1 (at firstDay), fresh creatives of "
                    + "average quality; realised values multiply by the day-of-week demand, the trend, the creative "
                    + "mix (0.55-1.0) and noise");
        }
        ArrayNode ads = root.putArray("ads");
        for (Ad a : catalog.ads()) {
            ObjectNode n = ads.addObject();
            n.put("platform", a.campaign().account().platform().wire());
            n.put("campaignId", a.campaign().campaignId());
            n.put("adId", a.adId());
            if (org != null) {
                n.put("creativeId", Ids.creativeId(org, a.campaign().account().platform(), a.adId()).toString());
            }
            n.put("name", a.name());
            n.put("format", a.format());
            n.put("launchDate", a.launchDate().toString());
            n.put("status", a.status(today));
            if (a.pausedOn() != null) {
                n.put("pausedOn", a.pausedOn().toString());
            }
            ObjectNode fatigue = n.putObject("fatigue");
            fatigue.put("form", "freshness = floor + (1 - floor) * exp(-ageDays / days); CTR x freshness");
            fatigue.put("days", round(a.fatigueDays()));
            fatigue.put("floor", round(a.fatigueFloor()));
        }
        return root;
    }

    private static BigDecimal round(double v) {
        return new BigDecimal(v, new MathContext(8));
    }
}
