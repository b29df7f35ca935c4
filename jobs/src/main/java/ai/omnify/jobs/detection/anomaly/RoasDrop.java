package ai.omnify.jobs.detection.anomaly;

import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.Point;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.jobs.detection.lifecycle.Wording;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import java.util.List;
import java.util.Locale;

/**
 * Attributed (Shopify-verified) revenue per unit of spend far below its usual value for the slot over the day and the
 * day (or two) before it ({@link PooledEvidence}); one day alone is never a ROAS drop, only the reading of that day. A
 * single day without (or with few) orders on a small channel is chance judged thousands of times, and a day on which
 * the orders or conversions stop is the tracking break's. Without the channel's orders per conversion
 * ({@link OrderYield}) the chance test is on the orders alone, with the channel's dispersion of its orders
 * ({@link Dispersion}).
 */
public final class RoasDrop implements ChannelRule {

    @Override
    public AlertKind kind() {
        return AlertKind.ROAS_DROP;
    }

    @Override
    public Reading read(ChannelEvidence e, AlertRules rules, DetectorSettings s) {
        MetricWindow w = e.window();
        Baseline orders = Usual.of(w.slot(), e.span(), p -> p.orders());
        Baseline roas = Usual.of(w.slot(), e.span(), Point::roas);
        Baseline spend = Usual.of(w.slot(), e.span(), Point::spend);
        // judged only when the window's spend should have bought enough orders to tell
        if (!roas.isReady(s.minPoints()) || spend.median() < s.minSpend() || w.spendValue() < s.minSpend()
                || orders.median() * w.spendValue() / spend.median() < s.minCount()) {
            return null;
        }
        double x = w.roas();
        double rel = roas.relative(x);
        Reading pooled = pooled(e.days(), rules, s, e.dispersion(), e.orderYield());
        return pooled != null ? pooled : Reading.normal(AlertKind.ROAS_DROP, "roas", x, roas.median(), rel);
    }

    /**
     * The day and the days directly before it, pooled: each below by at least half the threshold, together far below
     * the usual return and with unlikely few orders ({@link #fewOrders}), while the platform's conversions of those
     * days, together, held.
     */
    static Reading pooled(List<Day> days, AlertRules rules, DetectorSettings s, Dispersion disp, OrderYield yield) {
        double th = rules.threshold(AlertKind.ROAS_DROP);
        return PooledEvidence.read(days, new PooledEvidence.Tally() {
            double spent;
            double revenue;
            double expectedRevenue;
            double orders;
            double expectedOrders;
            double conversions;
            double expectedConversions;
            double spread2;

            @Override
            public boolean add(Day d) {
                Point p = d.point();
                Baseline roas = d.usual(Point::roas);
                Baseline ord = d.usual(q -> q.orders());
                Baseline spend = d.usual(Point::spend);
                if (!roas.isReady(s.minPoints()) || spend.median() < s.minSpend() || p.spend() < s.minSpend()
                        || -roas.relative(p.roas()) < th / 2) {
                    return false;
                }
                Baseline conv = d.usual(Point::conversions);
                expectedConversions += conv.median() * p.spend() / spend.median();
                spent += p.spend();
                revenue += p.revenue();
                expectedRevenue += p.spend() * roas.median();
                orders += p.orders();
                expectedOrders += ord.median() * p.spend() / spend.median();
                conversions += p.conversions();
                spread2 += Math.pow(roas.relativeSpread(), 2);
                return true;
            }

            @Override
            public Reading read(int n) {
                double x = revenue / spent;
                double e = expectedRevenue / spent;
                double rel = x / e - 1;
                double z = PooledEvidence.pooledZ(rel, spread2, n);
                // the platform's conversions of these days fell with the orders (by the conversion-drop threshold for
                // the spend): that fall is the upstream cause, the conversion drop's (or CPA spike's) to judge, not a
                // fall in the return on what the platform reports as usual. Judged on the pooled days, not day by
                // day: one day of few conversions by chance in the middle of a ROAS drop hid it.
                boolean conversionsFell = expectedConversions >= s.minCount()
                        && ConversionDrop.fell(conversions, expectedConversions, rules);
                if (!conversionsFell && expectedOrders >= s.minCount() && -rel >= th
                        && fewOrders(orders, expectedOrders, conversions, z, rules, disp, yield)) {
                    return Reading.anomaly(AlertKind.ROAS_DROP, "roas", x, e, rel, SeverityScale.drop(-rel, th),
                            String.format(Locale.ROOT, "ROAS fell to %.2f over the last %d days, %s below the usual "
                                    + "%.2f for their weekdays (revenue %s on spend %s).", x, n, Wording.pct(-rel), e,
                                    Wording.money(revenue), Wording.money(spent)));
                }
                return null;
            }
        }, rules, s);
    }

    /**
     * Whether the pooled days' attributed orders are too few to be chance. When the channel's usual orders per
     * platform conversion are known ({@link OrderYield}), the orders are judged against the days' own conversions at
     * ten times the kind's significance level: the two counts measure the same purchases, so demand, season and the
     * day's luck move both and cancel out, and what is left is the yield's own measured wobble. On the replayed brands
     * this test raised no alert by chance where the orders-alone test at 1/10 the level raised one, and found twice
     * the ROAS drops. Otherwise the orders are judged against what the spend usually buys, with the ROAS's robust z at
     * the sensitivity's limit too (a day's orders vary with demand, so that test needs both).
     *
     * @param z the pooled ROAS's robust z
     */
    static boolean fewOrders(double orders, double expectedOrders, double conversions, double z, AlertRules rules,
            Dispersion disp, OrderYield yield) {
        double alpha = Counts.alpha(rules.sensitivity());
        if (yield.known()) {
            return yield.lowerTail(orders, conversions) < OrderYield.ALPHA_FACTOR * alpha;
        }
        return z <= -rules.zLimit() && Counts.lowerTail(orders, expectedOrders, disp.orders()) < alpha;
    }
}
