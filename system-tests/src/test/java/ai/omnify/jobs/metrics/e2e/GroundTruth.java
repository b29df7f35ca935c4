package ai.omnify.jobs.metrics.e2e;

import ai.omnify.model.Ids;
import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The tables a correct pipeline must hold, computed here from what the scenario sent, by the rules of DESIGN.md and
 * docs/DECISIONS.md, without the job's code: latest snapshot per ad-day(-hour) by reportedAt; per ad-day the day
 * snapshot, else the sum of its hours; latest order version by updatedAt; amounts x the day's rate, half-even to 4
 * decimals; orders attributed by utm_source/click id + utm_campaign.
 */
final class GroundTruth {
    /** Expected values of one row; money at scale 4, conversions at scale 6. */
    record Row(BigDecimal spend, long impressions, long clicks, BigDecimal conversions, BigDecimal conversionValue,
               BigDecimal attributedRevenue, long attributedOrders) {
        Row {
            spend = spend.setScale(4, RoundingMode.UNNECESSARY);
            conversions = conversions.setScale(6, RoundingMode.UNNECESSARY);
            conversionValue = conversionValue.setScale(4, RoundingMode.UNNECESSARY);
            attributedRevenue = attributedRevenue.setScale(4, RoundingMode.UNNECESSARY);
        }

        Row plus(Row o) {
            return new Row(spend.add(o.spend), impressions + o.impressions, clicks + o.clicks,
                    conversions.add(o.conversions), conversionValue.add(o.conversionValue),
                    attributedRevenue.add(o.attributedRevenue), attributedOrders + o.attributedOrders);
        }

        static final Row ZERO = new Row(BigDecimal.ZERO, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }

    /** Expected organization-day. */
    record OrgRow(BigDecimal spend, BigDecimal storeRevenue, long orders) {
        OrgRow {
            spend = spend.setScale(4, RoundingMode.UNNECESSARY);
            storeRevenue = storeRevenue.setScale(4, RoundingMode.UNNECESSARY);
        }
    }

    final Map<String, Row> channelDays = new TreeMap<>();      // channelId|date
    final Map<String, Row> channelHours = new TreeMap<>();     // channelId|date|hour
    final Map<String, Row> creativeDays = new TreeMap<>();     // creativeId|date
    final Map<String, OrgRow> orgDays = new TreeMap<>();       // date

    private final Map<String, NavigableMap<LocalDate, BigDecimal>> rates;

    /** @param rates per currency, the rate to the reporting currency from each date on */
    GroundTruth(Scenario s, Map<String, NavigableMap<LocalDate, BigDecimal>> rates) {
        this.rates = rates;
        Map<String, AdInsight> latest = new LinkedHashMap<>();
        for (AdInsight in : s.sentInsights) {
            String key = in.platform() + "|" + in.adId() + "|" + in.date() + "|" + in.hour();
            AdInsight held = latest.get(key);
            if (held == null || !in.reportedAt().isBefore(held.reportedAt())) {
                latest.put(key, in);
            }
        }
        // per ad-day: the day snapshot, else the sum of the hours
        Map<String, Row> adDays = new HashMap<>();
        Map<String, AdInsight> adDayMeta = new HashMap<>();
        Map<String, Boolean> hasDay = new HashMap<>();
        for (AdInsight in : latest.values()) {
            String adDay = in.platform() + "|" + in.adId() + "|" + in.date();
            adDayMeta.put(adDay, in);
            if (in.hour() == null) {
                hasDay.put(adDay, true);
                adDays.put(adDay, row(in));
            }
        }
        for (AdInsight in : latest.values()) {
            String adDay = in.platform() + "|" + in.adId() + "|" + in.date();
            if (in.hour() != null) {
                String channel = Ids.channelId(s.orgId, in.platform(), in.campaignId()).toString();
                channelHours.merge(channel + "|" + in.date() + "|" + in.hour(), row(in), Row::plus);
                if (!hasDay.containsKey(adDay)) {
                    adDays.merge(adDay, row(in), Row::plus);
                }
            }
        }
        for (Map.Entry<String, Row> e : adDays.entrySet()) {
            AdInsight meta = adDayMeta.get(e.getKey());
            String channel = Ids.channelId(s.orgId, meta.platform(), meta.campaignId()).toString();
            String creative = Ids.creativeId(s.orgId, meta.platform(), meta.adId()).toString();
            channelDays.merge(channel + "|" + meta.date(), e.getValue(), Row::plus);
            creativeDays.merge(creative + "|" + meta.date(), e.getValue(), Row::plus);
            orgDays.merge(meta.date().toString(), new OrgRow(e.getValue().spend(), BigDecimal.ZERO, 0),
                    (a, b) -> new OrgRow(a.spend().add(b.spend()), a.storeRevenue().add(b.storeRevenue()), a.orders() + b.orders()));
        }

        Map<String, OrderEvent> orders = new LinkedHashMap<>();
        for (OrderEvent o : s.sentOrders) {
            OrderEvent held = orders.get(o.orderId());
            if (held == null || !o.updatedAt().isBefore(held.updatedAt())) {
                orders.put(o.orderId(), o);
            }
        }
        for (OrderEvent o : orders.values()) {
            LocalDate date = o.createdAt().atZone(Scenario.ORG_ZONE).toLocalDate();
            int hour = o.createdAt().atZone(Scenario.ORG_ZONE).getHour();
            boolean cancelled = o.cancelledAt() != null;
            BigDecimal net = cancelled ? BigDecimal.ZERO : o.totalPrice().subtract(o.refunded());
            BigDecimal revenue = convert(net, o.currency(), date);
            long counted = cancelled ? 0 : 1;
            orgDays.merge(date.toString(), new OrgRow(BigDecimal.ZERO, revenue, counted),
                    (a, b) -> new OrgRow(a.spend().add(b.spend()), a.storeRevenue().add(b.storeRevenue()), a.orders() + b.orders()));
            String[] attribution = attribute(o);
            if (attribution == null) {
                continue;
            }
            Platform p = Platform.fromWire(attribution[0]);
            String channel = Ids.channelId(s.orgId, p, attribution[1]).toString();
            Row r = new Row(BigDecimal.ZERO, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, revenue, counted);
            channelDays.merge(channel + "|" + date, r, Row::plus);
            channelHours.merge(channel + "|" + date + "|" + hour, r, Row::plus);
            if (attribution[2] != null) {
                String creative = Ids.creativeId(s.orgId, p, attribution[2]).toString();
                if (creativeDays.containsKey(creative + "|" + date)) {
                    creativeDays.merge(creative + "|" + date, r, Row::plus);
                }
            }
        }
    }

    /** {platform, campaign, ad-or-null} by the scenario's three attribution styles, or null when organic. */
    private static String[] attribute(OrderEvent o) {
        if (o.utm() != null && o.utm().source() != null) {
            String source = o.utm().source().toLowerCase(Locale.ROOT);
            String platform = source.equals("facebook") ? "meta" : source;
            return new String[] {platform, o.utm().campaign(), o.utm().content()};
        }
        if (o.landingSite() != null && o.landingSite().contains("gclid=")) {
            String campaign = o.landingSite().replaceAll(".*utm_campaign=([^&]*).*", "$1");
            return new String[] {"google", campaign, null};
        }
        return null;
    }

    private Row row(AdInsight in) {
        return new Row(convert(in.spend(), in.currency(), in.date()), in.impressions(), in.clicks(),
                in.conversions().setScale(6, RoundingMode.HALF_EVEN), convert(in.conversionValue(), in.currency(), in.date()),
                BigDecimal.ZERO, 0);
    }

    BigDecimal convert(BigDecimal amount, String currency, LocalDate date) {
        BigDecimal rate = currency.equals("EUR") ? BigDecimal.ONE : rates.get(currency).floorEntry(date).getValue();
        return amount.multiply(rate).setScale(4, RoundingMode.HALF_EVEN);
    }

    static List<String> diff(String table, Map<String, ?> expected, Map<String, ?> actual) {
        List<String> out = new java.util.ArrayList<>();
        for (Map.Entry<String, ?> e : expected.entrySet()) {
            Object a = actual.get(e.getKey());
            if (!e.getValue().equals(a)) {
                out.add(table + " " + e.getKey() + ": expected " + e.getValue() + " but was " + a);
            }
        }
        for (String k : actual.keySet()) {
            if (!expected.containsKey(k)) {
                out.add(table + " " + k + ": unexpected row " + actual.get(k));
            }
        }
        return out;
    }
}
