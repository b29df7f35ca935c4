package ai.omnify.simulator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.simulator.Datasets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    @Test
    void theSameSeedAndNowGiveTheSameLinesAndTheSameTruth() throws Exception {
        SimulationConfig config = SimulationConfig.of(7, 14, Datasets.NOW, Datasets.ORG);
        Datasets.History a = Datasets.generate(config);
        Datasets.History b = Datasets.generate(config);
        assertThat(digest(a.all())).isEqualTo(digest(b.all()));
        assertThat(a.truth().snapshots()).isEqualTo(b.truth().snapshots());
        assertThat(a.truth().orders()).isEqualTo(b.truth().orders());
        assertThat(a.truth().badLines()).isEqualTo(b.truth().badLines());
    }

    @Test
    void anotherSeedGivesAnotherBrand() throws Exception {
        Datasets.History a = Datasets.generate(SimulationConfig.of(7, 14, Datasets.NOW, Datasets.ORG));
        Datasets.History b = Datasets.generate(SimulationConfig.of(8, 14, Datasets.NOW, Datasets.ORG));
        assertThat(digest(a.all())).isNotEqualTo(digest(b.all()));
    }

    @Test
    void aDayComputedAloneEqualsTheSameDayComputedInHistory() {
        Datasets.History h = Datasets.ninetyDays();
        SyntheticBrand fresh = SyntheticBrand.create(h.brand().config());
        var ad = fresh.catalog().ads().get(17);
        var date = fresh.catalog().firstDay().plusDays(40);
        assertThat(fresh.performance().adDay(ad, date).total())
                .isEqualTo(h.brand().performance().adDay(h.brand().catalog().ads().get(17), date).total());
    }

    private static String digest(List<FeedLine> lines) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (FeedLine l : lines) {
            md.update(l.json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update((byte) '\n');
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
