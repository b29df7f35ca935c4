package ai.omnify.simulator.incident;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.simulator.Datasets;
import ai.omnify.simulator.brand.Ad;
import ai.omnify.simulator.brand.BrandCatalog;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's own fatigue as ground truth: young creatives whose true CTR fell 15% within a week. */
class NaturalFatigueTest {
    private final LocalDate firstDay = LocalDate.ofInstant(Datasets.NOW, ZoneOffset.UTC).minusDays(90);
    private final BrandCatalog catalog = BrandCatalog.generate(7, firstDay, 90);

    @Test
    void everyEpisodeDayIsATrueFallOfTheCreativesCtrAndOnlyThose() {
        List<NaturalFatigue.Episode> episodes = NaturalFatigue.episodes(catalog, firstDay, 90);
        assertThat(episodes).isNotEmpty();
        for (NaturalFatigue.Episode e : episodes) {
            Ad ad = catalog.ads().stream().filter(a -> a.adId().equals(e.adId())).findFirst().orElseThrow();
            for (LocalDate d = e.first(); !d.isAfter(e.last()); d = d.plusDays(1)) {
                assertThat(ad.freshness(d)).isLessThanOrEqualTo(0.85 * ad.freshness(d.minusDays(7)));
                assertThat(ad.deliversOn(d)).isTrue();
            }
            // the episode is maximal: the day after it (within the simulated days) is not a 15% fall
            if (e.last().isBefore(firstDay.plusDays(90))) {
                assertThat(NaturalFatigue.fatigued(ad, e.last().plusDays(1))).isFalse();
            }
            assertThat(e.first().isAfter(firstDay.plusDays(6))).isTrue();
        }
    }

    @Test
    void oldCreativesDoNotFatigueAnyMore() {
        // freshness decays exponentially towards a floor: after a few fatigue times a week changes little
        for (Ad ad : catalog.ads()) {
            LocalDate old = firstDay.plusDays(89);
            if (ad.deliversOn(old) && ad.deliversOn(old.minusDays(7)) && ad.ageOn(old) > 5 * ad.fatigueDays()) {
                assertThat(NaturalFatigue.fatigued(ad, old)).as(ad.adId()).isFalse();
            }
        }
    }
}
