package ai.omnify.jobs.brain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.brain.oracle.ForecastScorer;
import ai.omnify.model.Json;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.brain.BrainState;
import ai.omnify.model.brain.Curiosity;
import ai.omnify.model.brain.Memory;
import ai.omnify.model.brain.Oracle;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrainComputerTest {
    private static final String ORG = "6f1d7c52-0000-4000-8000-000000000001";
    private static final OrgGoals GOALS = new OrgGoals("EUR", "UTC", 2.0, 12_000.0);

    private static BrainState compute(List<ai.omnify.model.metrics.MetricsUpdate> rows, List<Alert> alerts) {
        return new BrainComputer(BrainSettings.defaults())
                .compute(new BrainHistory(ORG, GOALS, rows, alerts), List.of(), 1, Instant.EPOCH);
    }

    @Test
    void aBrandsHistoryGivesMemoryForecastsFatigueRisksAndActions() {
        var rows = SyntheticDays.rows(ORG, 0, 35, 1);
        Alert alert = new Alert("a-1", ORG, "spend_spike:channel:x", "spend_spike", "critical", "open",
                SyntheticDays.channelId(ORG, SyntheticDays.CHANNELS.get(0)), null, "spend", null, null,
                new BigDecimal("250"), new BigDecimal("100"), new BigDecimal("6"), Instant.parse("2026-10-04T00:00:00Z"),
                Instant.parse("2026-10-04T01:00:00Z"), "Spend 2.5x the usual");
        BrainState s = compute(rows, List.of(alert));

        assertThat(s.asOfDate()).isEqualTo(SyntheticDays.FIRST.plusDays(34));
        Memory.Kpis org7 = s.memory().kpis().stream().filter(k -> k.scope().equals("org") && k.windowDays() == 7)
                .findFirst().orElseThrow();
        assertThat(org7.spend()).isPositive();
        assertThat(org7.spendShare()).isEqualByComparingTo("1");
        assertThat(s.memory().kpis()).anyMatch(k -> k.scope().equals("platform") && k.id().equals("google"));
        assertThat(s.memory().revenueViews()).hasSize(3)
                .allSatisfy(v -> assertThat(v.gap()).isEqualByComparingTo(v.platformRevenue().subtract(v.attributedRevenue())));
        assertThat(s.memory().timeline()).anyMatch(e -> e.kind().equals("alert") && "a-1".equals(e.alertId()));

        // forecasts: org and 3 channels x 3 metrics, 14 days starting the day after the last day of data
        assertThat(s.oracle().forecasts()).hasSize(12).allSatisfy(f -> {
            assertThat(f.points()).hasSize(14);
            assertThat(f.points().get(0).date()).isEqualTo(s.asOfDate().plusDays(1));
            assertThat(f.points()).allSatisfy(p -> assertThat(p.lower()).isLessThanOrEqualTo(p.value()));
        });
        // the fatiguing creative is found
        String fatiguing = SyntheticDays.creativeId(ORG, SyntheticDays.CHANNELS.get(0), 1);
        assertThat(s.oracle().fatigue()).anyMatch(f -> f.creativeId().equals(fatiguing) && f.daysToFatigue() == 0);
        // Google's ROAS (12 * s^0.6 / s at 150 ~ 1.6) is below the target of 2
        String google = SyntheticDays.channelId(ORG, SyntheticDays.CHANNELS.get(1));
        assertThat(s.oracle().risks()).anyMatch(r -> r.kind().equals("roas_below_target") && google.equals(r.channelId()));

        // actions: budget leaves Google (lowest marginal ROAS); the alert is investigated; the fatigued ad handled
        List<Curiosity.Action> actions = s.curiosity().actions();
        assertThat(actions).anyMatch(a -> a.kind().equals("budget_move") && google.equals(a.target().fromChannelId()));
        assertThat(actions).anyMatch(a -> a.kind().equals("investigate_alert") && "a-1".equals(a.target().alertId()));
        assertThat(actions).anyMatch(a -> a.target().creativeId() != null && a.target().creativeId().equals(fatiguing));
        assertThat(actions).allSatisfy(a -> {
            assertThat(a.expectedImpact().currency()).isEqualTo("EUR");
            assertThat(a.confidence()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
        });
        assertThat(actions.get(0).urgency()).isEqualTo("high");
        assertThat(s.summary()).contains("Last 7 days")
                .contains(org7.spend().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString());
    }

    @Test
    void theSameDataInAnyOrderGivesTheSameBrain() {
        var rows = new ArrayList<>(SyntheticDays.rows(ORG, 0, 30, 2));
        String first = Json.write(compute(rows, List.of()));
        Collections.shuffle(rows, new java.util.Random(5));
        assertThat(Json.write(compute(rows, List.of()))).isEqualTo(first);
    }

    @Test
    void anIncompleteLatestDayIsNotForecastFrom() {
        var rows = new ArrayList<>(SyntheticDays.rows(ORG, 0, 30, 3));
        var today = SyntheticDays.rows(ORG, 30, 1, 3).stream()
                .map(r -> new ai.omnify.model.metrics.MetricsUpdate(r.orgId(), r.level(), r.grain(), r.channelId(),
                        r.creativeId(), r.platform(), r.externalId(), r.name(), r.date(), r.hour(), r.spend(),
                        r.impressions(), r.clicks(), r.conversions(), r.conversionValue(), r.attributedRevenue(),
                        r.attributedOrders(), r.reach(), r.frequency(), r.roas(), r.cpa(), r.ctr(), r.cpc(), r.cpm(),
                        r.storeRevenue(), r.storeOrders(), r.mer(), r.daySource(), r.reportedAt(), r.currency(),
                        r.date().atTime(12, 0).toInstant(java.time.ZoneOffset.UTC)))
                .toList();
        rows.addAll(today);
        BrainState s = compute(rows, List.of());
        assertThat(s.asOfDate()).isEqualTo(SyntheticDays.FIRST.plusDays(29));
        assertThat(s.oracle().forecasts().get(0).points().get(0).date()).isEqualTo(SyntheticDays.FIRST.plusDays(30));
    }

    @Test
    void aNewAdThatCopiesAFatiguedOneIsARisk() {
        var rows = new ArrayList<>(SyntheticDays.rows(ORG, 0, 35, 1));
        var fatigued = rows.stream().filter(r -> r.creativeId() != null
                && r.creativeId().equals(SyntheticDays.creativeId(ORG, SyntheticDays.CHANNELS.get(0), 1))).findFirst()
                .orElseThrow();
        // launched 3 days ago, with copy close to the fatigued ad's ("Meta prospecting ad 1")
        for (int t = 32; t < 35; t++) {
            rows.add(SyntheticDays.row(ORG, "creative", fatigued.channelId(), "c0ffee00-0000-4000-8000-000000000001",
                    fatigued.platform(), "Meta prospecting ad 1 (v2)", SyntheticDays.FIRST.plusDays(t), 10, 1000, 20, 1,
                    30, 20));
        }
        BrainState s = compute(rows, List.of());
        assertThat(s.oracle().risks()).anyMatch(r -> r.kind().equals("near_copy_of_fatigued")
                && r.text().contains("Meta prospecting ad 1 (v2)"));
    }

    @Test
    void noDataGivesAnEmptyBrain() {
        BrainState s = compute(List.of(), List.of());
        assertThat(s.oracle().forecasts()).isEmpty();
        assertThat(s.curiosity().actions()).isEmpty();
        assertThat(s.summary()).isEqualTo("No data yet.");
    }

    @Test
    void scoresAForecastAgainstItsDay() {
        var rows = SyntheticDays.rows(ORG, 0, 31, 4);
        BrainHistory h = new BrainHistory(ORG, GOALS, rows, List.of());
        var f = new ForecastRow(ORG, "org", null, "spend", SyntheticDays.FIRST.plusDays(29), 1,
                SyntheticDays.FIRST.plusDays(30), "x", new BigDecimal("300"), new BigDecimal("250"), new BigDecimal("350"));
        ScoreRow s = ForecastScorer.score(f, h);
        double actual = h.org().get(SyntheticDays.FIRST.plusDays(30)).spend().doubleValue();
        assertThat(s.actual().doubleValue()).isEqualTo(actual, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(s.ape().doubleValue()).isEqualTo(Math.abs(actual - 300) / actual, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(s.inside()).isEqualTo(actual >= 250 && actual <= 350);
        Oracle.Accuracy a = new AccuracyTally("spend", 1, 0, 0, 0, 0).add(s).view();
        assertThat(a.scored()).isEqualTo(1);
    }
}
