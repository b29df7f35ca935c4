package ai.omnify.simulator.incident;

import ai.omnify.model.Platform;
import ai.omnify.simulator.brand.Ad;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that goes wrong for a while, injected into the true performance so detection can be measured against
 * it (spend spikes, ROAS drops, tracking breaks, ...: {@link IncidentPlan}). It scales what happens in the hour
 * slots that start within [{@code start}, {@code end}) for the ads it targets.
 *
 * @param kind the alert kind it should cause (spend_spike, roas_drop, cpa_spike, conversion_drop, tracking_break, ...)
 * @param campaignId the campaign it targets
 * @param adId the ad it targets, or null for every ad of the campaign
 * @param spendFactor multiplies spend and impressions
 * @param ctrFactor multiplies clicks on top of {@code spendFactor}
 * @param conversionFactor share of platform conversions kept (0 to 1)
 * @param orderFactor share of the ad's Shopify orders kept (0 to 1)
 * @param frequencyFactor multiplies the ad's frequency of the day (creative fatigue: people see it too often)
 */
public record Incident(
        String kind,
        Platform platform,
        String campaignId,
        String adId,
        Instant start,
        Instant end,
        double spendFactor,
        double ctrFactor,
        double conversionFactor,
        double orderFactor,
        double frequencyFactor,
        String description) {

    /** An incident that leaves frequency alone. */
    public Incident(String kind, Platform platform, String campaignId, String adId, Instant start, Instant end,
            double spendFactor, double ctrFactor, double conversionFactor, double orderFactor, String description) {
        this(kind, platform, campaignId, adId, start, end, spendFactor, ctrFactor, conversionFactor, orderFactor, 1.0,
                description);
    }

    public Incident {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("incident end " + end + " must be after its start " + start);
        }
        if (conversionFactor < 0 || conversionFactor > 1 || orderFactor < 0 || orderFactor > 1) {
            throw new IllegalArgumentException("conversionFactor and orderFactor must be within 0..1");
        }
    }

    public boolean affects(Ad ad, long slotStartMillis) {
        return ad.campaign().account().platform() == platform
                && ad.campaign().campaignId().equals(campaignId)
                && (adId == null || ad.adId().equals(adId))
                && slotStartMillis >= start.toEpochMilli() && slotStartMillis < end.toEpochMilli();
    }
}
