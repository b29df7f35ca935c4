package ai.omnify.model.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Validation of {@link AdEntity} records (producer and consumer apply the same rules). Pure; reasons name the field. */
public final class AdEntityRules {
    /** Omnify's statuses of an ad or a campaign (the {@code creatives.status} and {@code channels.status} CHECK). */
    public static final Set<String> STATUSES = Set.of("active", "paused", "archived");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final int MAX_ID_LENGTH = 128;
    static final int MAX_NAME_LENGTH = 512;
    static final int MAX_COPY_LENGTH = 10_000;

    private AdEntityRules() {}

    /** Every reason this record cannot be stored; empty when it is valid. */
    public static List<String> validate(AdEntity e, Instant now) {
        List<String> reasons = new ArrayList<>();
        if (e.orgId() == null || e.orgId().isBlank()) {
            reasons.add("orgId is missing");
        } else {
            try {
                UUID.fromString(e.orgId());
            } catch (IllegalArgumentException ex) {
                reasons.add("orgId '" + e.orgId() + "' is not a UUID");
            }
        }
        if (e.platform() == null) {
            reasons.add("platform is missing");
        } else if (!e.platform().isAdPlatform()) {
            reasons.add("platform " + e.platform().wire() + " has no ads");
        }
        id(reasons, e.campaignId(), "campaignId");
        id(reasons, e.adId(), "adId");
        if (e.status() == null || !STATUSES.contains(e.status())) {
            reasons.add("status '" + e.status() + "' is not one of active, paused, archived");
        }
        if (e.campaignStatus() != null && !STATUSES.contains(e.campaignStatus())) {
            reasons.add("campaignStatus '" + e.campaignStatus() + "' is not one of active, paused, archived");
        }
        text(reasons, e.adName(), "adName", MAX_NAME_LENGTH);
        text(reasons, e.campaignName(), "campaignName", MAX_NAME_LENGTH);
        text(reasons, e.creativeName(), "creativeName", MAX_NAME_LENGTH);
        text(reasons, e.headline(), "headline", MAX_COPY_LENGTH);
        text(reasons, e.body(), "body", MAX_COPY_LENGTH);
        if (e.updatedAt() == null) {
            reasons.add("updatedAt is missing");
        } else if (now != null && e.updatedAt().isAfter(now.plus(CLOCK_SKEW))) {
            reasons.add("updatedAt " + e.updatedAt() + " is in the future");
        }
        return reasons;
    }

    /** The name a creative row shows: the ad's name, else its creative's, else its id. */
    public static String displayName(AdEntity e) {
        if (e.adName() != null && !e.adName().isBlank()) {
            return e.adName();
        }
        return e.creativeName() != null && !e.creativeName().isBlank() ? e.creativeName() : e.adId();
    }

    private static void id(List<String> reasons, String value, String field) {
        if (value == null || value.isBlank()) {
            reasons.add(field + " is missing");
        } else if (value.length() > MAX_ID_LENGTH) {
            reasons.add(field + " is longer than " + MAX_ID_LENGTH + " characters");
        }
    }

    private static void text(List<String> reasons, String value, String field, int max) {
        if (value != null && value.length() > max) {
            reasons.add(field + " is longer than " + max + " characters");
        }
    }
}
