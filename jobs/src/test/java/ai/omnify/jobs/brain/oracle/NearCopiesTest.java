package ai.omnify.jobs.brain.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.brain.AdCopy;
import ai.omnify.jobs.brain.BrainComputer;
import ai.omnify.jobs.brain.BrainHistory;
import ai.omnify.jobs.brain.BrainSettings;
import ai.omnify.jobs.brain.OrgGoals;
import ai.omnify.jobs.brain.SyntheticDays;
import ai.omnify.jobs.brain.ai.InsightRequest;
import ai.omnify.jobs.brain.ai.InsightRequests;
import ai.omnify.model.Ids;
import ai.omnify.model.Platform;
import ai.omnify.model.brain.BrainState;
import ai.omnify.model.brain.Curiosity;
import ai.omnify.model.brain.Oracle;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Near-copies of fatigued creatives from the ads' copy: the synthetic brand's "Meta prospecting ad 1" fatigues from day
 * 20; a new ad launched on day 32 repeats its copy with a few words changed, another new ad says something else.
 */
class NearCopiesTest {
    private static final String ORG = "6f1d7c52-0000-4000-8000-0000000000c1";
    private static final String OTHER_ORG = "6f1d7c52-0000-4000-8000-0000000000c2";
    private static final SyntheticDays.Channel META = SyntheticDays.CHANNELS.get(0);
    private static final LocalDate DAY_32 = SyntheticDays.FIRST.plusDays(32);
    private static final String TIRED_HEADLINE = "Summer sale: 20% off all hiking boots";
    private static final String TIRED_BODY = "Waterproof leather boots for every trail. Free returns within 30 days.";

    /** Embeddings as a model would give them: the near-copy's close to the tired ad's, the other ad's far from it. */
    private static final Map<String, float[]> EMBEDDINGS = Map.of(
            META.campaign() + "-ad1", new float[] {1, 0, 0},
            "new-near", new float[] {0.96f, 0.28f, 0},
            "new-other", new float[] {0, 0.6f, 0.8f},
            "new-paused", new float[] {1, 0, 0});

    private static AdCopy ad(String org, String adId, String name, String headline, String body, LocalDate launch,
            String status) {
        return new AdCopy(Ids.creativeId(org, Platform.META, adId).toString(),
                Ids.channelId(org, Platform.META, META.campaign()).toString(), "meta", adId, name, null, headline, body,
                status, launch, Instant.parse("2026-10-05T08:00:00Z"), null, null);
    }

    private static List<AdCopy> ads(String org) {
        return List.of(
                ad(org, META.campaign() + "-ad1", "Meta prospecting ad 1", TIRED_HEADLINE, TIRED_BODY,
                        SyntheticDays.FIRST, "active"),
                ad(org, "new-near", "Boots promo v2", "Summer sale: 20% off all our hiking boots!",
                        "Waterproof leather boots for every trail. Free returns within 30 days!", DAY_32, "active"),
                ad(org, "new-other", "Rain jackets launch", "New rain jackets are here",
                        "Light, packable shells in six colours.", DAY_32, "active"),
                ad(org, "new-paused", "Boots promo v3", TIRED_HEADLINE, TIRED_BODY, DAY_32, "paused"));
    }

    private static BrainHistory history(String org, List<AdCopy> ads) {
        return new BrainHistory(org, new OrgGoals("EUR", "UTC", 2.0, null), SyntheticDays.rows(org, 0, 35, 7),
                List.of(), ads);
    }

    private static String id(String org, String adId) {
        return Ids.creativeId(org, Platform.META, adId).toString();
    }

    @Test
    void aNewAdRepeatingAFatiguedOnesCopyIsANearCopyByText() {
        BrainHistory h = history(ORG, ads(ORG));
        List<Oracle.Fatigue> fatigue = new OracleBuilder(BrainSettings.defaults()).fatigue(h);
        assertThat(fatigue).anySatisfy(f -> {
            assertThat(f.creativeId()).isEqualTo(id(ORG, META.campaign() + "-ad1"));
            assertThat(f.daysToFatigue()).isZero();
        });
        List<NearCopies.NearCopy> found = NearCopies.find(h, fatigue);
        assertThat(found).singleElement().satisfies(n -> {
            assertThat(n.creativeId()).isEqualTo(id(ORG, "new-near"));
            assertThat(n.name()).isEqualTo("Boots promo v2");
            assertThat(n.fatiguedName()).isEqualTo("Meta prospecting ad 1");
            assertThat(n.fatiguedDays()).isZero();
            assertThat(n.method()).isEqualTo("text");
            assertThat(n.similarity()).isGreaterThanOrEqualTo(ai.omnify.jobs.brain.ai.CreativeSimilarity.NEAR_COPY);
            assertThat(n.launched()).isEqualTo(DAY_32);
        });
    }

    @Test
    void theBrainSaysSoInItsRisksAndActions() {
        BrainState s = new BrainComputer(BrainSettings.defaults()).compute(history(ORG, ads(ORG)), List.of(), 3,
                Instant.EPOCH);
        assertThat(s.oracle().risks()).filteredOn(r -> r.kind().equals("near_copy_of_fatigued")).singleElement()
                .satisfies(r -> {
                    assertThat(r.text()).contains("Boots promo v2").contains("Meta prospecting ad 1")
                            .contains("already past its fatigue threshold");
                    assertThat(r.channelId()).isEqualTo(SyntheticDays.channelId(ORG, META));
                });
        Curiosity.Action refresh = s.curiosity().actions().stream()
                .filter(a -> a.kind().equals("refresh_creative") && id(ORG, "new-near").equals(a.target().creativeId()))
                .findFirst().orElseThrow();
        assertThat(refresh.rationale()).startsWith("Refresh creative 'Boots promo v2' before it tires")
                .contains("near-copy of 'Meta prospecting ad 1'");
        // the fatigued creative's own action names the new ad
        assertThat(s.curiosity().actions()).filteredOn(a -> id(ORG, META.campaign() + "-ad1")
                .equals(a.target().creativeId())).singleElement()
                .satisfies(a -> assertThat(a.rationale()).contains("new ad 'Boots promo v2' nearly repeats its copy"));
        // the templates still pass the number check; the fatigue analysis gets the creative's copy, and only its own
        Map<String, AdCopy> copies = history(ORG, ads(ORG)).ads();
        List<InsightRequest> requests = InsightRequests.from(s, copies);
        InsightRequest fatigue = requests.stream().filter(r -> r.kind().equals("fatigue")
                && r.subjectId().equals(id(ORG, META.campaign() + "-ad1"))).findFirst().orElseThrow();
        assertThat(fatigue.factsJson()).contains(TIRED_HEADLINE).contains(TIRED_BODY)
                .doesNotContain("Rain jackets").doesNotContain(OTHER_ORG);
        assertThat(fatigue.task()).contains("headline and body");
        assertThat(fatigue.template()).startsWith("Creative 'Meta prospecting ad 1' (\"" + TIRED_HEADLINE + "\") is past");
        for (InsightRequest r : requests) {
            assertThat(ai.omnify.jobs.brain.ai.InsightValidator.validate(ai.omnify.model.Json.write(
                    Map.of("text", r.template())), r.factsJson()).problem()).as(r.template()).isNull();
        }
    }

    @Test
    void withoutCopyNoNewAdIsFlagged() {
        BrainState s = new BrainComputer(BrainSettings.defaults()).compute(history(ORG, List.of()), List.of(), 3,
                Instant.EPOCH);
        assertThat(s.oracle().risks()).noneMatch(r -> r.kind().equals("near_copy_of_fatigued"));
        assertThat(s.curiosity().actions()).noneMatch(a -> a.rationale().contains("near-copy"));
    }

    @Test
    void embeddingsOfTheSameModelDecideWhenBothHaveThem() {
        List<AdCopy> embedded = new ArrayList<>();
        for (AdCopy a : ads(ORG)) {
            embedded.add(a.withEmbedding(EMBEDDINGS.get(a.adId()), "fake-embed"));
        }
        BrainHistory h = history(ORG, embedded);
        List<NearCopies.NearCopy> found = NearCopies.find(h, new OracleBuilder(BrainSettings.defaults()).fatigue(h));
        assertThat(found).singleElement().satisfies(n -> {
            assertThat(n.creativeId()).isEqualTo(id(ORG, "new-near"));
            assertThat(n.method()).isEqualTo("embeddings");
        });
        // a vector of another model is not compared: the text decides
        List<AdCopy> mixed = new ArrayList<>(embedded);
        mixed.set(1, embedded.get(1).withEmbedding(embedded.get(1).embedding(), "other-model"));
        BrainHistory m = history(ORG, mixed);
        assertThat(NearCopies.find(m, new OracleBuilder(BrainSettings.defaults()).fatigue(m)))
                .singleElement().satisfies(n -> assertThat(n.method()).isEqualTo("text"));
    }

    @Test
    void anOlderAdOrAPausedOneIsNoNewNearCopy() {
        List<AdCopy> old = new ArrayList<>(ads(ORG));
        old.set(1, ad(ORG, "new-near", "Boots promo v2", TIRED_HEADLINE, TIRED_BODY, SyntheticDays.FIRST, "active"));
        BrainHistory h = history(ORG, old);
        assertThat(NearCopies.find(h, new OracleBuilder(BrainSettings.defaults()).fatigue(h))).isEmpty();
    }
}
