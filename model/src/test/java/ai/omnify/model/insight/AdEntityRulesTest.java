package ai.omnify.model.insight;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Platform;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AdEntityRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-26T05:00:00Z");
    private static final String ORG = "3b1f6a2e-5d7c-4e8a-9f00-0123456789ab";

    private static AdEntity ad(String org, Platform platform, String adId, String status, Instant at) {
        return new AdEntity(org, platform, "act_1", "c1", "Campaign", "active", "s1", adId, "Ad", status, "ACTIVE",
                "Creative", "Headline", "Body", LocalDate.of(2026, 10, 3), at, "poll");
    }

    @Test
    void aCompleteAdIsValid() {
        assertThat(AdEntityRules.validate(ad(ORG, Platform.META, "a1", "active", NOW), NOW)).isEmpty();
    }

    @Test
    void everyProblemIsNamed() {
        assertThat(AdEntityRules.validate(ad("org-1", Platform.SHOPIFY, " ", "running", NOW.plusSeconds(3600)), NOW))
                .containsExactlyInAnyOrder("orgId 'org-1' is not a UUID", "platform shopify has no ads",
                        "adId is missing", "status 'running' is not one of active, paused, archived",
                        "updatedAt 2026-11-26T06:00:00Z is in the future");
    }

    @Test
    void theDisplayNameFallsBackToTheCreativeThenTheId() {
        AdEntity noName = new AdEntity(ORG, Platform.META, "act_1", "c1", null, null, null, "a1", null, "paused", null,
                "Creative", null, null, null, NOW, null);
        assertThat(AdEntityRules.displayName(noName)).isEqualTo("Creative");
        assertThat(AdEntityRules.displayName(new AdEntity(ORG, Platform.META, "act_1", "c1", null, null, null, "a1", " ",
                "paused", null, null, null, null, null, NOW, null))).isEqualTo("a1");
    }
}
