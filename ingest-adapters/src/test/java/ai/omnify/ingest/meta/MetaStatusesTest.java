package ai.omnify.ingest.meta;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdEntity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Meta's statuses in Omnify's words, and ads as {@link AdEntity} records. */
class MetaStatusesTest {

    @ParameterizedTest
    @CsvSource({"ACTIVE,active", "PENDING_REVIEW,active", "PREAPPROVED,active", "IN_PROCESS,active",
            "PAUSED,paused", "CAMPAIGN_PAUSED,paused", "ADSET_PAUSED,paused", "DISAPPROVED,paused",
            "PENDING_BILLING_INFO,paused", "WITH_ISSUES,paused", "ARCHIVED,archived", "DELETED,archived",
            "SOMETHING_NEW,paused", "active,active"})
    void effectiveStatusesMapToActivePausedOrArchived(String meta, String omnify) {
        assertThat(MetaStatuses.omnify(meta, null)).isEqualTo(omnify);
    }

    @Test
    void withoutAnEffectiveStatusTheConfiguredOneCounts() {
        assertThat(MetaStatuses.omnify(null, "ACTIVE")).isEqualTo("active");
        assertThat(MetaStatuses.omnify(" ", null)).isEqualTo("paused");
    }

    @Test
    void anAdBecomesAnEntityWithItsLaunchDateInTheAccountsTimeZone() {
        MetaEntities e = new MetaEntities(
                List.of(new MetaEntities.Campaign("c1", "Spring", "OUTCOME_SALES", "PAUSED", "PAUSED", null)),
                List.of(),
                List.of(new MetaEntities.Ad("a1", "Spring | Video", "c1", "s1", "ACTIVE", "CAMPAIGN_PAUSED",
                        OffsetDateTime.parse("2026-03-01T02:00:00Z"), "cr1", "Spring creative", "Spring", "Buy now"),
                        new MetaEntities.Ad("a2", "Orphan", "c9", "s9", "ARCHIVED", null, null, null, null, null, null)));
        Instant read = Instant.parse("2026-11-26T05:00:00Z");

        List<AdEntity> out = MetaClient.toAdEntities(e, "org-1", "act_1", ZoneId.of("America/New_York"), read);

        assertThat(out).hasSize(2);
        AdEntity a1 = out.get(0);
        assertThat(a1.platform()).isEqualTo(Platform.META);
        assertThat(a1.key()).isEqualTo("org-1:meta:a1");
        assertThat(a1.launchDate()).isEqualTo(LocalDate.of(2026, 2, 28)); // 02:00 UTC is the evening before in New York
        assertThat(a1.status()).isEqualTo("paused");
        assertThat(a1.platformStatus()).isEqualTo("CAMPAIGN_PAUSED");
        assertThat(a1.campaignName()).isEqualTo("Spring");
        assertThat(a1.campaignStatus()).isEqualTo("paused");
        assertThat(a1.creativeName()).isEqualTo("Spring creative");
        assertThat(a1.headline()).isEqualTo("Spring");
        assertThat(a1.body()).isEqualTo("Buy now");
        assertThat(a1.updatedAt()).isEqualTo(read);
        assertThat(a1.source()).isEqualTo("poll");
        AdEntity a2 = out.get(1);
        assertThat(a2.status()).isEqualTo("archived");
        assertThat(a2.campaignName()).isNull();
        assertThat(a2.launchDate()).isNull();
    }
}
