package ai.omnify.jobs.brain;

import ai.omnify.model.Ids;
import ai.omnify.model.insight.AdEntity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the brain keeps of an ad of {@code omnify.ad-entities}: its creative id (the id of its metrics rows), names,
 * copy, status and launch day, and — when an embedding service is configured and answered — the embedding of its
 * {@link #text()}.
 *
 * @param embedding unit or raw vector of {@link #text()}; null when not embedded (then similarity is local)
 * @param embeddingModel the model that made it (vectors of different models are never compared)
 */
public record AdCopy(String creativeId, String channelId, String platform, String adId, String adName, String creativeName,
        String headline, String body, String status, LocalDate launchDate, Instant updatedAt, float[] embedding,
        String embeddingModel) {

    public static AdCopy of(AdEntity e) {
        return new AdCopy(Ids.creativeId(e.orgId(), e.platform(), e.adId()).toString(),
                e.campaignId() == null ? null : Ids.channelId(e.orgId(), e.platform(), e.campaignId()).toString(),
                e.platform().wire(),
                e.adId(), e.adName(), e.creativeName(), e.headline(), e.body(), e.status(), e.launchDate(),
                e.updatedAt(), null, null);
    }

    /**
     * What similarity compares: the copy the audience sees (headline and body, one a line) when known, else the ad's
     * name — internal names ("Boots v2", "Prospecting ad 1") say little about whether two ads look alike.
     */
    public String text() {
        List<String> parts = new ArrayList<>();
        String[] fields = hasCopy() ? new String[] {headline, body} : new String[] {adName != null ? adName : creativeName};
        for (String s : fields) {
            if (s != null && !s.isBlank()) {
                parts.add(s.trim());
            }
        }
        return String.join("\n", parts);
    }

    public boolean hasCopy() {
        return (headline != null && !headline.isBlank()) || (body != null && !body.isBlank());
    }

    public boolean isLive() {
        return status == null || "active".equals(status);
    }

    public AdCopy withEmbedding(float[] vector, String model) {
        return new AdCopy(creativeId, channelId, platform, adId, adName, creativeName, headline, body, status, launchDate,
                updatedAt, vector, model);
    }

    /** Whether this snapshot is not older than {@code other} (the latest {@code updatedAt} wins; ties: the newer). */
    public boolean supersedes(AdCopy other) {
        return other == null || other.updatedAt == null || (updatedAt != null && !updatedAt.isBefore(other.updatedAt));
    }
}
