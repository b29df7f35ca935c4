package ai.omnify.simulator.stream;

import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.simulator.random.Rng;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes a malformed line of a given kind out of a good record: wrong in exactly the way its kind says. */
final class BadRows {
    private BadRows() {}

    /**
     * @param sentAt when the line is sent: a "future" date is after the account's today then (and later, when the
     *     ingest service checks it)
     */
    static BadRow insight(BadKind kind, AdInsight base, Instant sentAt, Rng r) {
        String line = switch (kind) {
            case NEGATIVE_SPEND -> WireJson.write(copy(base, base.spend().signum() == 0 ? BigDecimal.ONE.negate()
                    : base.spend().negate(), base.clicks(), base.currency(), base.date(), base.adId()));
            case CLICKS_EXCEED_IMPRESSIONS -> WireJson.write(copy(base, base.spend(),
                    base.impressions() + r.between(1, 50), base.currency(), base.date(), base.adId()));
            case UNKNOWN_CURRENCY -> WireJson.write(copy(base, base.spend(), base.clicks(), "XXQ", base.date(), base.adId()));
            case FUTURE_DATE -> WireJson.write(copy(base, base.spend(), base.clicks(), base.currency(),
                    LocalDate.ofInstant(sentAt, ZoneId.of(base.timeZone())).plusDays(r.between(2, 5)),
                    base.adId()));
            case MISSING_AD_ID -> WireJson.write(copy(base, base.spend(), base.clicks(), base.currency(), base.date(), null));
            case UNPARSEABLE_JSON -> truncate(WireJson.write(base), r);
            case NON_NUMERIC_SPEND -> {
                ObjectNode node = WireJson.mapper().valueToTree(base);
                node.put("spend", base.spend().setScale(2, RoundingMode.HALF_EVEN).toPlainString()
                        .replace('.', ',') + " " + base.currency());
                yield WireJson.write(node);
            }
            default -> throw new IllegalArgumentException(kind + " is not a kind of bad ad row");
        };
        return new BadRow(base.platform(), kind, line);
    }

    static BadRow order(BadKind kind, OrderEvent base, Rng r) {
        String eventId = "bad-" + Long.toHexString(r.between(0x1000_0000_0000L, 0xFFFF_FFFF_FFFFL));
        OrderEvent o = new OrderEvent(base.orgId(), base.orderId(), eventId, base.createdAt(), base.updatedAt(),
                base.totalPrice(), base.currency(), base.refunded(), base.customerId(), base.landingSite(),
                base.referringSite(), base.utm(), base.cancelledAt(), base.source());
        String line = switch (kind) {
            case ORDER_NEGATIVE_TOTAL -> WireJson.write(withMoney(o, o.totalPrice().negate(), o.currency(), o.orderId()));
            case ORDER_UNKNOWN_CURRENCY -> WireJson.write(withMoney(o, o.totalPrice(), "XXQ", o.orderId()));
            case ORDER_MISSING_ID -> WireJson.write(withMoney(o, o.totalPrice(), o.currency(), null));
            case ORDER_UNPARSEABLE_JSON -> truncate(WireJson.write(o), r);
            default -> throw new IllegalArgumentException(kind + " is not a kind of bad order row");
        };
        return new BadRow(Platform.SHOPIFY, kind, line);
    }

    private static OrderEvent withMoney(OrderEvent o, BigDecimal total, String currency, String orderId) {
        BigDecimal refunded = total.signum() < 0 ? null : o.refunded();
        return new OrderEvent(o.orgId(), orderId, o.eventId(), o.createdAt(), o.updatedAt(), total, currency, refunded,
                o.customerId(), o.landingSite(), o.referringSite(), o.utm(), o.cancelledAt(), o.source());
    }

    private static AdInsight copy(AdInsight b, BigDecimal spend, Long clicks, String currency, LocalDate date,
            String adId) {
        return new AdInsight(b.orgId(), b.platform(), b.accountId(), b.campaignId(), b.campaignName(), adId,
                b.adName(), date, b.hour(), spend, b.impressions(), clicks, b.conversions(), b.conversionValue(),
                b.reach(), currency, b.reportedAt(), b.source(), b.timeZone());
    }

    private static final Pattern ENTRY = Pattern.compile(",\"[A-Za-z]+\":");

    /**
     * Cuts a JSON object just after the comma before one of its middle fields: never valid JSON, and the parser
     * fails between entries (a cut inside a string would be blamed on that field instead).
     */
    private static String truncate(String json, Rng r) {
        List<Integer> cuts = new ArrayList<>();
        Matcher m = ENTRY.matcher(json);
        while (m.find()) {
            cuts.add(m.start() + 1);
        }
        int from = cuts.size() / 3;
        int to = Math.max(from, 2 * cuts.size() / 3);
        return cuts.isEmpty() ? json.substring(0, json.length() / 2) : json.substring(0, cuts.get(r.between(from, to)));
    }
}
