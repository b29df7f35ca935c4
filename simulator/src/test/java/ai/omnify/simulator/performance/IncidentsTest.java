package ai.omnify.simulator.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.omnify.model.Platform;
import ai.omnify.simulator.Datasets;
import ai.omnify.simulator.brand.Ad;
import ai.omnify.simulator.brand.Campaign;
import ai.omnify.simulator.incident.Incident;
import ai.omnify.simulator.incident.Incidents;
import ai.omnify.simulator.orders.Order;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seam through which later work injects incidents with ground truth: they change the true performance. */
class IncidentsTest {
    private final SimulationConfig base = SimulationConfig.of(42, 7, Datasets.NOW, Datasets.ORG);

    @Test
    void aTrackingBreakStopsConversionsAndOrdersOfItsCampaignAndASpendSpikeDoublesSpend() {
        SyntheticBrand normal = SyntheticBrand.create(base);
        Campaign campaign = normal.catalog().campaigns().stream()
                .filter(c -> c.account().platform() == Platform.META && c.deliversOn(normal.catalog().firstDay()))
                .findFirst().orElseThrow();
        LocalDate day = normal.catalog().firstDay().plusDays(2);
        Instant start = day.atStartOfDay(campaign.account().zone()).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(campaign.account().zone()).toInstant();
        Incidents incidents = new Incidents(List.of(
                new Incident("tracking_break", Platform.META, campaign.campaignId(), null, start, end, 2.0, 1.0, 0.0,
                        0.0, "pixel broken and a runaway budget")));
        SyntheticBrand broken = SyntheticBrand.create(base.withIncidents(incidents));

        long normalSpend = 0;
        long brokenSpend = 0;
        for (Ad ad : normal.catalog().adsOf(campaign)) {
            normalSpend += normal.performance().adDay(ad, day).total().spendUnits();
            Ad same = broken.catalog().ads().get(ad.index());
            AdDay b = broken.performance().adDay(same, day);
            brokenSpend += b.total().spendUnits();
            assertThat(b.conversions()).isEmpty();
        }
        assertThat((double) brokenSpend).isCloseTo(2.0 * normalSpend, within(normalSpend * 0.01));
        List<Order> orders = broken.orders().ordersOf(Platform.META, day);
        assertThat(orders).noneMatch(o -> campaign.campaignId().equals(o.campaignId()));
        assertThat(normal.orders().ordersOf(Platform.META, day))
                .anyMatch(o -> campaign.campaignId().equals(o.campaignId()));
        assertThat(broken.performance().adDay(broken.catalog().adsOf(broken.catalog().campaigns().get(campaign.index()))
                .get(0), day.plusDays(1)).total())
                .isEqualTo(normal.performance().adDay(normal.catalog().adsOf(campaign).get(0), day.plusDays(1)).total());
    }
}
