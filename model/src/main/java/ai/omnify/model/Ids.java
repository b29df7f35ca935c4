package ai.omnify.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids of channels (a campaign on a platform) and creatives (an ad): the same organization, platform and
 * external id always give the same UUID, so every component (the job, the API, the simulator's ground truth) agrees
 * without a lookup, and a replay creates nothing twice.
 */
public final class Ids {
    private Ids() {}

    public static UUID channelId(String orgId, Platform platform, String campaignId) {
        return name("channel", orgId, platform, campaignId);
    }

    public static UUID creativeId(String orgId, Platform platform, String adId) {
        return name("creative", orgId, platform, adId);
    }

    private static UUID name(String kind, String orgId, Platform platform, String externalId) {
        String n = kind + "|" + orgId + "|" + platform.wire() + "|" + externalId;
        return UUID.nameUUIDFromBytes(n.getBytes(StandardCharsets.UTF_8));
    }
}
