package ai.omnify.jobs.detection.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.Point;
import ai.omnify.jobs.detection.Windows;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A store's attributed orders judged against the platform's conversions of the same days ({@link OrderYield}): on
 * channels whose demand moves from day to day (so orders alone vary well beyond Poisson chance), three days at 30% of
 * the orders while the platform reports as usual are found far more often than by the orders alone, and normal days
 * raise nothing.
 */
class OrderYieldTest {
    private final DetectorSettings s = DetectorSettings.defaults();
    private final AlertRules rules = AlertRules.defaults(Windows.ORG);

    /**
     * A channel of about 8 conversions a day: each day's demand is lognormal around the weekday's (a spread of 30%),
     * its conversions Poisson of that demand, its attributed orders each conversion's with probability 0.75 (times
     * {@code orderF} from day {@code from} on, for {@code length} days).
     */
    private static List<MetricWindow> channel(long seed, int days, int from, int length, double orderF) {
        Random rnd = new Random(seed);
        List<MetricWindow> out = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            LocalDate d = Windows.FIRST.plusDays(i);
            double f = Windows.weekday(d);
            double demand = Math.exp(0.3 * rnd.nextGaussian());
            double spend = 500 * f * (1 + 0.03 * rnd.nextGaussian());
            long conv = Windows.poisson(rnd, 8 * f * demand);
            double keep = i >= from && i < from + length ? 0.75 * orderF : 0.75;
            long orders = 0;
            for (long c = 0; c < conv; c++) {
                orders += rnd.nextDouble() < keep ? 1 : 0;
            }
            Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
            long clicks = Math.round(150 * f);
            out.add(new MetricWindow(Windows.ORG, "channel", Windows.CHANNEL, Windows.CHANNEL, null, "day", start,
                    start.plusSeconds(86_400), i, Windows.bd(spend), clicks * 30, clicks, Windows.bd(conv),
                    Windows.bd(orders * 55.0), orders, null));
        }
        return out;
    }

    private static List<Point> points(List<MetricWindow> ws) {
        return ws.stream().map(Point::of).toList();
    }

    @Test
    void measuresTheOrdersPerConversionAndTheirWobble() {
        OrderYield y = OrderYield.of(points(channel(1, 42, 99, 0, 1)));
        assertThat(y.known()).isTrue();
        assertThat(y.ratio()).isBetween(0.65, 0.85);
        // orders given the conversions are thinner than Poisson (a binomial share): no dispersion above 1 is measured
        assertThat(y.phi()).isBetween(1.0, 1.5);
    }

    @Test
    void unknownWithTooFewDaysOrNoOrders() {
        assertThat(OrderYield.of(points(channel(2, OrderYield.MIN_POINTS - 1, 99, 0, 1))).known()).isFalse();
        assertThat(OrderYield.of(points(channel(3, 42, 0, 42, 0))).known()).isFalse();
        assertThat(OrderYield.UNKNOWN.lowerTail(0, 100)).isEqualTo(1.0);
    }

    /**
     * At 6 orders a day three days at 30% are 5 orders where 18 were due: given the conversions about half such
     * incidents pass the test (23 of these 40 channels), by the orders alone, whose demand wobble the test must
     * allow for, almost none (1).
     */
    @Test
    void threeDaysOfFewOrdersAreFoundGivenTheConversionsFarMoreOftenThanByTheOrdersAlone() {
        int channels = 40;
        int day = 42;
        int byYield = 0;
        int byOrdersAlone = 0;
        for (long seed = 0; seed < channels; seed++) {
            List<MetricWindow> ws = channel(100 + seed, day + 3, day, 3, 0.3);
            boolean yield = false;
            boolean alone = false;
            for (int i = day + 1; i <= day + 2; i++) {
                MetricWindow w = ws.get(i);
                List<Point> h = points(ws.subList(0, i));
                Map<AlertKind, Reading> r = ChannelJudge.readings(w, h, 0, null, rules, s);
                yield |= r.get(AlertKind.ROAS_DROP) != null && r.get(AlertKind.ROAS_DROP).anomalous();
                Reading a = new RoasDrop().read(new ChannelEvidence(w, ChannelEvidence.span(w, h, s),
                        ChannelEvidence.priors(w, h, s), Dispersion.of(ChannelEvidence.recent(w, h, s)),
                        OrderYield.UNKNOWN, 0, null), rules, s);
                alone |= a != null && a.anomalous();
            }
            byYield += yield ? 1 : 0;
            byOrdersAlone += alone ? 1 : 0;
        }
        assertThat(byYield)
                .as("found given the conversions, of %d (orders alone %d)", channels, byOrdersAlone)
                .isGreaterThanOrEqualTo(19);
        assertThat(byYield).as("given the conversions vs the orders alone (%d)", byOrdersAlone)
                .isGreaterThanOrEqualTo(byOrdersAlone + 15);
    }

    @Test
    void normalDaysRaiseNoRoasDrop() {
        int alerts = 0;
        int judged = 0;
        for (long seed = 0; seed < 40; seed++) {
            List<MetricWindow> ws = channel(500 + seed, 120, 999, 0, 1);
            for (int i = 35; i < ws.size(); i++) {
                Reading r = ChannelJudge.readings(ws.get(i), points(ws.subList(0, i)), 0, null, rules, s)
                        .get(AlertKind.ROAS_DROP);
                judged += r != null ? 1 : 0;
                alerts += r != null && r.anomalous() ? 1 : 0;
            }
        }
        assertThat(judged).isGreaterThan(3000);
        assertThat(alerts).as("ROAS drops on %d normal channel-days", judged).isLessThanOrEqualTo(1);
    }
}
