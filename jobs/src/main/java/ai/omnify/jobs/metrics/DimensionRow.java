package ai.omnify.jobs.metrics;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A channel (campaign) or creative (ad) as last seen: its name, and the first date it had data (a creative's launch
 * date, when the platform gives none).
 *
 * @param kind {@code channel} or {@code creative}
 * @param channelId the channel itself, or the creative's channel
 * @param externalId the campaign id or the ad id
 */
public record DimensionRow(
        String kind,
        String orgId,
        String id,
        String channelId,
        String platform,
        String externalId,
        String name,
        String accountId,
        LocalDate firstSeen,
        Instant version) {

    public static final String CHANNEL = "channel";
    public static final String CREATIVE = "creative";

    /** This row merged with a newer sighting: the newest name, the earliest date. */
    public DimensionRow mergedWith(DimensionRow other) {
        boolean newer = other.version != null && (version == null || !other.version.isBefore(version));
        DimensionRow base = newer ? other : this;
        LocalDate first = firstSeen == null ? other.firstSeen
                : other.firstSeen == null || firstSeen.isBefore(other.firstSeen) ? firstSeen : other.firstSeen;
        String name = base.name != null ? base.name : (newer ? this.name : other.name);
        String account = base.accountId != null ? base.accountId : (newer ? this.accountId : other.accountId);
        return new DimensionRow(kind, orgId, id, channelId, platform, externalId, name, account, first,
                newer ? other.version : version);
    }

    /** Whether storing {@code merged} instead of this changes what users see. */
    public boolean differsFrom(DimensionRow merged) {
        return !java.util.Objects.equals(name, merged.name) || !java.util.Objects.equals(firstSeen, merged.firstSeen)
                || !java.util.Objects.equals(accountId, merged.accountId);
    }
}
