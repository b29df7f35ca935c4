package ai.omnify.ingest.meta;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Campaigns, ad sets and ads of an ad account as Meta describes them ({@link MetaClient#entities}); the sync publishes
 * the ads as {@code AdEntity} records ({@link MetaClient#adEntities}).
 */
public record MetaEntities(List<Campaign> campaigns, List<AdSet> adSets, List<Ad> ads) {
    public record Campaign(String id, String name, String objective, String status, String effectiveStatus,
            OffsetDateTime startTime) {}

    public record AdSet(String id, String name, String campaignId, String status, String effectiveStatus) {}

    /**
     * @param launchDate when the ad was created (Meta's {@code created_time})
     * @param creativeName the creative's name
     * @param title headline copy
     * @param body primary text copy
     */
    public record Ad(String id, String name, String campaignId, String adSetId, String status, String effectiveStatus,
            OffsetDateTime launchDate, String creativeId, String creativeName, String title, String body) {}
}
