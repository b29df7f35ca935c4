package ai.omnify.model.insight;

import ai.omnify.model.Platform;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One ad (Omnify's creative) as its platform describes it, with its campaign: names, status, copy and launch date.
 * Value of {@code omnify.ad-entities}, keyed by {@link #key()}. Like insights these are snapshots: the one with the
 * latest {@code updatedAt} replaces earlier ones.
 *
 * @param status the ad's effective status in Omnify's words: {@code active}, {@code paused} or {@code archived}
 * @param campaignStatus the campaign's, in the same words
 * @param platformStatus the platform's own status word for the ad (e.g. Meta's {@code CAMPAIGN_PAUSED}), optional
 * @param headline the creative's headline (title), optional
 * @param body the creative's primary text, optional
 * @param launchDate the day the ad was created, in the ad account's time zone, optional
 * @param updatedAt when the platform was read
 * @param source who produced it: {@code poll}, {@code ingest}, {@code simulator}, ...
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdEntity(
        String orgId,
        Platform platform,
        String accountId,
        String campaignId,
        String campaignName,
        String campaignStatus,
        String adSetId,
        String adId,
        String adName,
        String status,
        String platformStatus,
        String creativeName,
        String headline,
        String body,
        LocalDate launchDate,
        Instant updatedAt,
        String source) {

    /** The Kafka key and snapshot identity: {@code org:platform:adId}. */
    @JsonIgnore
    public String key() {
        return orgId + ":" + (platform == null ? "" : platform.wire()) + ":" + adId;
    }
}
