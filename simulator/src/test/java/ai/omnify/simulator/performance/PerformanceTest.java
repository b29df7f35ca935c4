package ai.omnify.simulator.performance;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.simulator.Datasets;
import ai.omnify.simulator.brand.Ad;
import ai.omnify.simulator.brand.Campaign;
import ai.omnify.simulator.reporting.ReportingModel;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Properties of the true performance, as seen in the ground truth. */
class PerformanceTest {
    private final Datasets.History history = Datasets.ninetyDays();

    /** Final day rows of complete days. */
    private List<AdInsight> dayRows(Platform p) {
        LocalDate today = ReportingModel.localDate(history.brand().catalog().account(p), Datasets.NOW);
        return history.truth().snapshots().values().stream()
                .filter(s -> s.platform() == p && s.hour() == null && s.date().isBefore(today)).toList();
    }

    @Test
    void weekendsBringAboutAQuarterMoreRevenueThanWeekdays() {
        for (Platform p : List.of(Platform.META, Platform.GOOGLE, Platform.TIKTOK)) {
            Map<LocalDate, Double> value = dayRows(p).stream().collect(Collectors.groupingBy(AdInsight::date,
                    Collectors.summingDouble(s -> s.conversionValue().doubleValue())));
            double weekend = mean(value, true);
            double weekday = mean(value, false);
            assertThat(weekend / weekday).as(p.wire()).isBetween(1.12, 1.45);
        }
    }

    @Test
    void metaCpmsAreHigherOnWeekends() {
        Map<Boolean, List<AdInsight>> byWeekend = dayRows(Platform.META).stream()
                .collect(Collectors.partitioningBy(s -> isWeekend(s.date())));
        assertThat(cpm(byWeekend.get(true)) / cpm(byWeekend.get(false))).isGreaterThan(1.03);
    }

    @Test
    void creativesFatigueClickThroughFallsFrequencyRisesCpaClimbs() {
        LocalDate first = history.brand().catalog().firstDay();
        Map<String, Ad> ads = history.brand().catalog().adsById();
        List<AdInsight> rows = history.truth().snapshots().values().stream()
                .filter(s -> s.hour() == null && s.platform() != Platform.GOOGLE).toList();
        long[] early = new long[5];
        long[] late = new long[5];
        int adsCompared = 0;
        int adsWithLowerCtr = 0;
        Map<String, List<AdInsight>> byAd = rows.stream().collect(Collectors.groupingBy(AdInsight::adId));
        for (Map.Entry<String, List<AdInsight>> e : byAd.entrySet()) {
            Ad ad = ads.get(e.getKey());
            if (ad.launchDate().isBefore(first)) {
                continue;
            }
            List<AdInsight> launchWeek = window(e.getValue(), ad, 0, 7);
            List<AdInsight> fifthWeek = window(e.getValue(), ad, 28, 35);
            if (launchWeek.size() < 5 || fifthWeek.size() < 5) {
                continue;
            }
            adsCompared++;
            add(early, launchWeek);
            add(late, fifthWeek);
            if (ctr(fifthWeek) < ctr(launchWeek)) {
                adsWithLowerCtr++;
            }
        }
        assertThat(adsCompared).isGreaterThan(15);
        assertThat(adsWithLowerCtr).isGreaterThan(adsCompared * 8 / 10);
        double ctrEarly = (double) early[1] / early[0];
        double ctrLate = (double) late[1] / late[0];
        assertThat(ctrLate).isLessThan(ctrEarly * 0.85);
        double frequencyEarly = (double) early[0] / early[2];
        double frequencyLate = (double) late[0] / late[2];
        assertThat(frequencyLate).isGreaterThan(frequencyEarly * 1.3);
        double cpaEarly = early[3] / (double) early[4];
        double cpaLate = late[3] / (double) late[4];
        assertThat(cpaLate).isGreaterThan(cpaEarly);
    }

    @Test
    void pausedCampaignsDeliverNothingWhilePaused() {
        for (Campaign c : history.brand().catalog().campaigns()) {
            if (c.pausedFrom() == null) {
                continue;
            }
            assertThat(history.truth().snapshots().values()).filteredOn(s -> s.campaignId().equals(c.campaignId()))
                    .allSatisfy(s -> assertThat(c.isPausedOn(s.date())).as(c.name() + " " + s.date()).isFalse());
        }
    }

    @Test
    void daysWhenClocksChangeHaveTwentyFiveOrTwentyThreeHourSlots() {
        Ad google = history.brand().catalog().ads().stream()
                .filter(a -> a.campaign().account().platform() == Platform.GOOGLE)
                .filter(a -> a.deliversOn(LocalDate.of(2026, 10, 25))).findFirst().orElseThrow();
        AdDay fallBack = history.brand().performance().adDay(google, LocalDate.of(2026, 10, 25));
        assertThat(fallBack.slots()).isEqualTo(25);
        assertThat(fallBack.hours()).hasSize(24);
        Totals day = fallBack.total();
        long spend = 0;
        for (int h : fallBack.hours()) {
            spend += fallBack.totalOfHour(h).spendUnits();
        }
        assertThat(spend).isEqualTo(day.spendUnits());
        assertThat(PerformanceModel.slotStarts(LocalDate.of(2026, 3, 29), google.campaign().account().zone()))
                .hasSize(23);
    }

    @Test
    void deliveryGrowsDuringTheDayAndConversionsArriveLate() {
        LocalDate date = history.brand().catalog().firstDay().plusDays(30);
        Ad ad = history.brand().catalog().ads().stream().filter(a -> a.deliversOn(date)).findFirst().orElseThrow();
        AdDay day = history.brand().performance().adDay(ad, date);
        Instant noon = date.atTime(12, 0).atZone(ad.campaign().account().zone()).toInstant();
        Totals atNoon = day.asOf(noon, null);
        Totals nextDay = day.asOf(noon.plus(1, ChronoUnit.DAYS), null);
        Totals end = day.total();
        assertThat(atNoon.spendUnits()).isLessThan(nextDay.spendUnits());
        assertThat(nextDay.spendUnits()).isEqualTo(end.spendUnits());
        assertThat(day.conversions()).allSatisfy(c -> assertThat(c.reportedAtMillis()).isGreaterThanOrEqualTo(c.eventAtMillis()));
        assertThat(history.brand().catalog().ads().stream()
                .flatMap(a -> history.brand().performance().adDay(a, date).conversions().stream())
                .filter(c -> c.reportedAtMillis() - c.eventAtMillis() > 24 * 3_600_000L)).isNotEmpty();
    }

    private static List<AdInsight> window(List<AdInsight> rows, Ad ad, int fromAge, int toAge) {
        return rows.stream().filter(s -> ad.ageOn(s.date()) >= fromAge && ad.ageOn(s.date()) < toAge).toList();
    }

    private static void add(long[] acc, Collection<AdInsight> rows) {
        for (AdInsight s : rows) {
            acc[0] += s.impressions();
            acc[1] += s.clicks();
            acc[2] += s.reach();
            acc[3] += s.spend().movePointRight(2).longValue();
            acc[4] += s.conversions().longValue();
        }
    }

    private static double ctr(List<AdInsight> rows) {
        long imp = rows.stream().mapToLong(AdInsight::impressions).sum();
        long clk = rows.stream().mapToLong(AdInsight::clicks).sum();
        return (double) clk / imp;
    }

    private static double cpm(List<AdInsight> rows) {
        double spend = rows.stream().mapToDouble(s -> s.spend().doubleValue()).sum();
        long imp = rows.stream().mapToLong(AdInsight::impressions).sum();
        return spend / imp * 1000;
    }

    private static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static double mean(Map<LocalDate, Double> byDate, boolean weekend) {
        return byDate.entrySet().stream().filter(e -> isWeekend(e.getKey()) == weekend)
                .mapToDouble(Map.Entry::getValue).average().orElseThrow();
    }
}
