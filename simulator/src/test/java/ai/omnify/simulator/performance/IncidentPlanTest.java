package ai.omnify.simulator.performance;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.simulator.Datasets;
import ai.omnify.simulator.brand.Ad;
import ai.omnify.simulator.incident.Incident;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The standard incident plan: every alert kind, after the warm-up, with its effect in the data. */
class IncidentPlanTest {
    private final SimulationConfig config = SimulationConfig.of(42, 90, Datasets.NOW, Datasets.ORG)
            .withStandardIncidents();

    @Test
    void injectsEveryKindAfterTheWarmUpWithoutOverlaps() {
        List<Incident> all = config.incidents().all();
        assertThat(all.stream().map(Incident::kind).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                "spend_spike", "tracking_break", "conversion_drop", "cpa_spike", "roas_drop", "budget_pacing",
                "creative_fatigue");
        LocalDate firstDay = LocalDate.ofInstant(Datasets.NOW, ZoneOffset.UTC).minusDays(90);
        assertThat(all).allSatisfy(i -> assertThat(i.start())
                .isAfter(firstDay.plusDays(34).atStartOfDay(ZoneOffset.UTC).toInstant()));
        List<Incident> campaignWide = all.stream().filter(i -> i.adId() == null).toList();
        for (int i = 1; i < campaignWide.size(); i++) {
            assertThat(campaignWide.get(i).start()).isAfterOrEqualTo(campaignWide.get(i - 1).end());
        }
        assertThat(all.stream().filter(i -> i.kind().equals("creative_fatigue"))).hasSize(5);
    }

    @Test
    void aTrackingBreakRemovesEveryConversionOfItsCampaign() {
        SyntheticBrand brand = SyntheticBrand.create(config);
        Incident br = config.incidents().all().stream().filter(i -> i.kind().equals("tracking_break")).findFirst()
                .orElseThrow();
        Ad ad = brand.catalog().ads().stream().filter(a -> a.campaign().campaignId().equals(br.campaignId())
                && a.deliversOn(LocalDate.ofInstant(br.start(), a.campaign().account().zone()))).findFirst()
                .orElseThrow();
        LocalDate day = LocalDate.ofInstant(br.start(), ad.campaign().account().zone());
        AdDay d = brand.performance().adDay(ad, day);
        assertThat(d.conversions()).isEmpty();
        assertThat(d.total().spendUnits()).isPositive();
    }

    @Test
    void fatigueRaisesFrequencyOfItsAd() {
        SyntheticBrand plain = SyntheticBrand.create(SimulationConfig.of(42, 90, Datasets.NOW, Datasets.ORG));
        SyntheticBrand tired = SyntheticBrand.create(config);
        Incident last = config.incidents().all().stream().filter(i -> i.kind().equals("creative_fatigue"))
                .reduce((a, b) -> b).orElseThrow();
        Ad ad = tired.catalog().adsById().get(last.adId());
        LocalDate day = LocalDate.ofInstant(last.start(), ad.campaign().account().zone());
        assertThat(ad.campaign().account().reportsReach()).isTrue();
        assertThat(tired.performance().adDay(ad, day).frequency())
                .isGreaterThan(1.9 * plain.performance().adDay(plain.catalog().adsById().get(last.adId()), day)
                        .frequency());
    }
}
