package ai.omnify.simulator.brand;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Platform;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrandCatalogTest {
    private static final LocalDate FIRST = LocalDate.of(2026, 8, 27);
    private final BrandCatalog catalog = BrandCatalog.generate(42, FIRST, 90);

    @Test
    void hasThreeAdAccountsInDifferentCurrenciesAndZonesAndAEuroStore() {
        assertThat(catalog.accounts()).extracting(AdAccount::platform)
                .containsExactly(Platform.META, Platform.GOOGLE, Platform.TIKTOK);
        assertThat(catalog.accounts()).extracting(AdAccount::currency).containsExactly("USD", "EUR", "GBP");
        assertThat(catalog.accounts()).extracting(a -> a.zone().getId())
                .containsExactly("America/New_York", "Europe/Berlin", "Europe/London");
        assertThat(catalog.store().currency()).isEqualTo("EUR");
    }

    @Test
    void hasAtLeastTwentyCampaignsAndTwoHundredAdsOnEveryPlatform() {
        assertThat(catalog.campaigns()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(catalog.ads()).hasSizeGreaterThanOrEqualTo(200);
        for (AdAccount a : catalog.accounts()) {
            assertThat(catalog.campaignsOf(a)).hasSizeGreaterThanOrEqualTo(5);
        }
        assertThat(catalog.ads()).allSatisfy(ad -> {
            assertThat(ad.name()).isNotBlank();
            assertThat(ad.launchDate()).isNotNull();
            assertThat(ad.status(catalog.today())).isIn("ACTIVE", "PAUSED");
        });
    }

    @Test
    void idsAreUniqueAndShapedLikeThePlatformsIds() {
        Set<String> ids = new HashSet<>();
        catalog.campaigns().forEach(c -> assertThat(ids.add(c.campaignId())).isTrue());
        catalog.ads().forEach(a -> assertThat(ids.add(a.adId())).isTrue());
        assertThat(catalog.account(Platform.META).accountId()).matches("act_\\d{16}");
        assertThat(catalog.ads()).allSatisfy(a -> assertThat(a.adId()).matches("\\d{12,19}"));
    }

    @Test
    void someAdsLaunchDuringTheWindowAndSomeCampaignsPause() {
        LocalDate end = FIRST.plusDays(90);
        assertThat(catalog.ads()).filteredOn(a -> !a.launchDate().isBefore(FIRST) && a.launchDate().isBefore(end))
                .hasSizeGreaterThan(40);
        assertThat(catalog.campaigns()).filteredOn(c -> c.pausedFrom() != null).hasSizeGreaterThanOrEqualTo(3);
        assertThat(catalog.campaigns()).filteredOn(c -> c.status(catalog.today()).equals("PAUSED")).isNotEmpty();
        assertThat(catalog.campaigns()).filteredOn(c -> c.resumedOn() != null).isNotEmpty();
        assertThat(catalog.ads()).filteredOn(a -> a.pausedOn() != null).isNotEmpty();
    }

    @Test
    void adsNeverLaunchBeforeTheirCampaignStarts() {
        assertThat(catalog.ads()).allSatisfy(a ->
                assertThat(a.launchDate()).isAfterOrEqualTo(a.campaign().startDate()));
    }

    @Test
    void responseCurvesHaveDiminishingReturns() {
        assertThat(catalog.campaigns()).allSatisfy(c -> {
            ResponseCurve curve = c.curve();
            double budget = c.dailyBudget().doubleValue();
            assertThat(curve.beta()).isBetween(0.3, 0.95);
            assertThat(curve.marginalConversions(budget * 2)).isLessThan(curve.marginalConversions(budget));
            assertThat(curve.conversions(budget * 2)).isLessThan(2 * curve.conversions(budget));
        });
    }

    @Test
    void theSameSeedGivesTheSameCatalogAndAnotherSeedAnother() {
        assertThat(BrandCatalog.generate(42, FIRST, 90)).isEqualTo(catalog);
        assertThat(BrandCatalog.generate(43, FIRST, 90).ads().get(0).adId()).isNotEqualTo(catalog.ads().get(0).adId());
    }

    @Test
    void freshnessDecaysFromOneTowardsTheFloor() {
        Ad ad = catalog.ads().get(5);
        assertThat(ad.freshness(ad.launchDate())).isEqualTo(1.0);
        assertThat(ad.freshness(ad.launchDate().plusDays(30))).isLessThan(ad.freshness(ad.launchDate().plusDays(5)));
        assertThat(ad.freshness(ad.launchDate().plusDays(1000))).isGreaterThanOrEqualTo(ad.fatigueFloor());
    }
}
