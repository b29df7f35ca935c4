package ai.omnify.jobs.metrics.e2e;

import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.Utm;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A small brand's data as it really arrives: several polls of each ad-day (partial totals growing to the final
 * ones, the latest restating late conversions), out of order and duplicated; hour snapshots for the last days
 * (for some ads only hours); orders created, edited, refunded and cancelled, redelivered and out of order; and bad
 * rows of every kind. Deterministic from a seed. It records what it sends; {@link GroundTruth} derives the expected
 * tables from that record, independently of the job's code.
 */
final class Scenario {
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 1);
    static final ZoneId ORG_ZONE = ZoneId.of("Europe/Berlin");

    /** An ad account: platform, currency, time zone, campaigns and their ads. */
    record Account(Platform platform, String accountId, String currency, String timeZone, List<Campaign> campaigns) {}

    record Campaign(String id, String name, List<String> adIds) {}

    /** A row as sent: which endpoint, the JSON line, and (for bad rows) the words its reason must contain. */
    record Row(String platform, String json, String expectedReason) {
        boolean bad() {
            return expectedReason != null;
        }
    }

    final String orgId;
    final Random random;
    final List<Account> accounts = new ArrayList<>();
    /** Every valid snapshot sent, in sending order. */
    final List<AdInsight> sentInsights = new ArrayList<>();
    /** Every valid order event sent, in sending order. */
    final List<OrderEvent> sentOrders = new ArrayList<>();
    private int orderSeq = 1000;

    Scenario(String orgId, long seed) {
        this.orgId = orgId;
        this.random = new Random(seed);
        accounts.add(account(Platform.META, "act_101", "USD", "America/New_York", 3, 3));
        accounts.add(account(Platform.GOOGLE, "123-456-7890", "EUR", "Europe/Berlin", 2, 2));
        accounts.add(account(Platform.TIKTOK, "7000111", "GBP", "Europe/London", 1, 3));
    }

    private Account account(Platform p, String id, String currency, String zone, int campaigns, int ads) {
        List<Campaign> cs = new ArrayList<>();
        for (int c = 0; c < campaigns; c++) {
            String cid = p.wire().substring(0, 2) + "c" + (c + 1);
            List<String> adIds = new ArrayList<>();
            for (int a = 0; a < ads; a++) {
                adIds.add(cid + "a" + (a + 1));
            }
            cs.add(new Campaign(cid, p.wire() + " campaign " + (c + 1), adIds));
        }
        return new Account(p, id, currency, zone, cs);
    }

    /**
     * Insights for {@code days} days from {@code from}: 3 polls a day per ad, sent shuffled, a fifth duplicated.
     * On the days in {@code hourlyDays}, meta and tiktok ads also send hour snapshots, and the first google ad sends
     * only hours (no day snapshot).
     */
    List<Row> insights(LocalDate from, int days, List<LocalDate> hourlyDays) {
        List<Row> rows = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate date = from.plusDays(d);
            for (Account acc : accounts) {
                for (Campaign c : acc.campaigns()) {
                    for (String ad : c.adIds()) {
                        boolean hoursOnly = acc.platform() == Platform.GOOGLE && ad.endsWith("c1a1") && hourlyDays.contains(date);
                        if (!hoursOnly) {
                            rows.addAll(polls(acc, c, ad, date, null));
                        }
                        if (hourlyDays.contains(date) && (acc.platform() != Platform.GOOGLE || hoursOnly)) {
                            for (int h = 0; h < 24; h += 3) {
                                rows.addAll(polls(acc, c, ad, date, h));
                            }
                        }
                    }
                }
            }
        }
        Collections.shuffle(rows, random);
        return rows;
    }

    /** Three polls of one ad-day (or hour): growing totals, the last the final one; a fifth of them sent twice. */
    List<Row> polls(Account acc, Campaign c, String ad, LocalDate date, Integer hour) {
        long impressions = 1000 + random.nextInt(20_000);
        long clicks = impressions / 100 + random.nextInt(50);
        BigDecimal spend = BigDecimal.valueOf(2000 + random.nextInt(50_000), 2);
        BigDecimal conversions = acc.platform() == Platform.GOOGLE
                ? BigDecimal.valueOf(random.nextInt(40), 1) : BigDecimal.valueOf(random.nextInt(6));
        BigDecimal value = BigDecimal.valueOf(random.nextInt(90_000), 2);
        Long reach = acc.platform() == Platform.META ? impressions * 2 / 3 : null;
        List<Row> out = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            BigDecimal share = BigDecimal.valueOf(k).divide(BigDecimal.valueOf(3), 6, RoundingMode.HALF_EVEN);
            boolean last = k == 3;
            AdInsight in = new AdInsight(orgId, acc.platform(), acc.accountId(), c.id(), c.name(), ad, "Ad " + ad, date, hour,
                    last ? spend : spend.multiply(share).setScale(2, RoundingMode.DOWN),
                    last ? impressions : impressions * k / 3, last ? clicks : clicks * k / 3,
                    last ? conversions : conversions.multiply(share).setScale(1, RoundingMode.DOWN),
                    last ? value : value.multiply(share).setScale(2, RoundingMode.DOWN),
                    reach == null ? null : (last ? reach : reach * k / 3), acc.currency(),
                    date.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                            .plusSeconds(600L * k + (hour == null ? 0 : hour)),
                    "test", acc.timeZone());
            sentInsights.add(in);
            out.add(new Row(acc.platform().wire(), Json.write(in), null));
            if (random.nextInt(5) == 0) {
                sentInsights.add(in);
                out.add(new Row(acc.platform().wire(), Json.write(in), null));
            }
        }
        return out;
    }

    /** A restatement of one ad-day: the same day polled again later with more conversions. */
    Row restatement(Platform platform, String campaignId, String adId, LocalDate date, Instant reportedAt) {
        Account acc = accounts.stream().filter(a -> a.platform() == platform).findFirst().orElseThrow();
        Campaign c = acc.campaigns().stream().filter(x -> x.id().equals(campaignId)).findFirst().orElseThrow();
        AdInsight last = sentInsights.stream()
                .filter(i -> i.adId().equals(adId) && i.date().equals(date) && i.hour() == null)
                .reduce((a, b) -> b.reportedAt().isBefore(a.reportedAt()) ? a : b).orElseThrow();
        AdInsight in = new AdInsight(orgId, platform, acc.accountId(), c.id(), c.name(), adId, "Ad " + adId, date, null,
                last.spend(), last.impressions(), last.clicks(), last.conversions().add(BigDecimal.valueOf(2)),
                last.conversionValue().add(new BigDecimal("123.45")), last.reach(), acc.currency(), reportedAt, "test",
                acc.timeZone());
        sentInsights.add(in);
        return new Row(platform.wire(), Json.write(in), null);
    }

    /**
     * Orders over the days: attributed by UTM fields (meta, with the ad), by landing site (google, gclid), by UTM
     * without an ad (tiktok), or organic; a third edited, some refunded or cancelled; events redelivered and some
     * sent out of order (the newer before the older).
     */
    List<Row> orders(LocalDate from, int days, int perDay) {
        List<Row> rows = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate date = from.plusDays(d);
            for (int n = 0; n < perDay; n++) {
                String id = "#" + (orderSeq++);
                Instant created = date.atTime(6 + random.nextInt(17), random.nextInt(60)).atZone(ORG_ZONE).toInstant();
                BigDecimal total = BigDecimal.valueOf(1500 + random.nextInt(30_000), 2);
                Utm utm;
                String landing;
                int kind = random.nextInt(4);
                Account acc = accounts.get(kind % 3);
                Campaign c = acc.campaigns().get(random.nextInt(acc.campaigns().size()));
                String ad = c.adIds().get(random.nextInt(c.adIds().size()));
                switch (kind) {
                    case 0 -> { utm = new Utm("facebook", "paid_social", c.id(), ad); landing = "/products/tent"; }
                    case 1 -> { utm = Utm.NONE; landing = "/products/boots?gclid=Cj0K" + n + "&utm_campaign=" + c.id(); }
                    case 2 -> { utm = new Utm("tiktok", "paid_social", c.id(), null); landing = "/"; }
                    default -> { utm = Utm.NONE; landing = "/blog/packing-list"; }
                }
                String currency = random.nextInt(6) == 0 ? "USD" : "EUR";
                List<OrderEvent> versions = new ArrayList<>();
                versions.add(new OrderEvent(orgId, id, id + "-create", created, created, total, currency, BigDecimal.ZERO,
                        "cust-" + random.nextInt(40), landing, "https://www.google.com/", utm, null, "test"));
                OrderEvent lastVersion = versions.get(0);
                int fate = random.nextInt(6);
                if (fate == 0 || fate == 1) {
                    BigDecimal edited = total.add(new BigDecimal("10.00"));
                    lastVersion = withUpdate(lastVersion, id + "-edit", created.plusSeconds(1800), edited, BigDecimal.ZERO, null);
                    versions.add(lastVersion);
                }
                if (fate == 1 || fate == 2) {
                    BigDecimal refund = lastVersion.totalPrice().divide(BigDecimal.valueOf(4), 2, RoundingMode.DOWN);
                    lastVersion = withUpdate(lastVersion, id + "-refund", created.plusSeconds(86_400), lastVersion.totalPrice(), refund, null);
                    versions.add(lastVersion);
                }
                if (fate == 3) {
                    lastVersion = withUpdate(lastVersion, id + "-cancel", created.plusSeconds(7200), lastVersion.totalPrice(),
                            lastVersion.totalPrice(), created.plusSeconds(7200));
                    versions.add(lastVersion);
                }
                if (versions.size() > 1 && random.nextBoolean()) {
                    Collections.swap(versions, 0, versions.size() - 1); // the newest arrives first
                }
                for (OrderEvent v : versions) {
                    sentOrders.add(v);
                    rows.add(new Row("shopify", Json.write(v), null));
                    if (random.nextInt(4) == 0) { // webhooks come twice
                        sentOrders.add(v);
                        rows.add(new Row("shopify", Json.write(v), null));
                    }
                }
            }
        }
        return rows;
    }

    /** A later refund of an existing order (a new version with a newer updatedAt). */
    Row refund(String orderId, BigDecimal refunded, Instant at) {
        OrderEvent last = latestOrder(orderId);
        OrderEvent v = withUpdate(last, orderId + "-late-refund", at, last.totalPrice(), refunded, null);
        sentOrders.add(v);
        return new Row("shopify", Json.write(v), null);
    }

    OrderEvent latestOrder(String orderId) {
        return sentOrders.stream().filter(o -> o.orderId().equals(orderId))
                .reduce((a, b) -> b.updatedAt().isBefore(a.updatedAt()) ? a : b).orElseThrow();
    }

    private static OrderEvent withUpdate(OrderEvent o, String eventId, Instant at, BigDecimal total, BigDecimal refunded,
            Instant cancelledAt) {
        return new OrderEvent(o.orgId(), o.orderId(), eventId, o.createdAt(), at, total, o.currency(), refunded,
                o.customerId(), o.landingSite(), o.referringSite(), o.utm(), cancelledAt, o.source());
    }

    /** Rows the ingest endpoint must refuse, each with the words of its reason. */
    List<Row> badRows(LocalDate date) {
        Account meta = accounts.get(0);
        Campaign c = meta.campaigns().get(0);
        String ad = c.adIds().get(0);
        String ok = "\"orgId\":\"" + orgId + "\",\"campaignId\":\"" + c.id() + "\",\"adId\":\"" + ad + "\",\"date\":\"" + date
                + "\",\"impressions\":100,\"clicks\":5,\"currency\":\"USD\"";
        Instant t = date.atStartOfDay(ORG_ZONE).toInstant();
        return List.of(
                new Row("meta", "{" + ok + ",\"spend\":-5.00}", "spend is negative"),
                new Row("meta", "{" + ok.replace("\"clicks\":5", "\"clicks\":500") + ",\"spend\":1}", "exceed impressions"),
                new Row("meta", "{" + ok.replace("\"USD\"", "\"XXQ\"") + ",\"spend\":1}", "not an ISO 4217 code"),
                new Row("meta", "{" + ok.replace(date.toString(), "2027-03-01") + ",\"spend\":1}", "in the future"),
                new Row("meta", "{" + ok.replace("\"adId\":\"" + ad + "\",", "") + ",\"spend\":1}", "adId is missing"),
                new Row("meta", "{" + ok + ",\"spend\":\"abc\"}", "spend"),
                new Row("meta", "{\"orgId\":\"" + orgId + "\", this is not json", "JSON"),
                new Row("shopify", "{\"orderId\":\"#x1\",\"createdAt\":\"" + t + "\",\"totalPrice\":10,\"refunded\":20,"
                        + "\"currency\":\"EUR\"}", "exceeds totalPrice"),
                new Row("shopify", "{\"orderId\":\"#x2\",\"createdAt\":\"" + t + "\",\"totalPrice\":10}", "currency is missing"));
    }
}
