package ai.omnify.simulator.brand;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * An ad (a creative, in Omnify's terms) of a campaign.
 *
 * @param launchDate first day it delivers
 * @param pausedOn first day it no longer delivers (null if still running)
 * @param deliveryWeight its share of the campaign's delivery relative to its siblings, before fatigue
 * @param ctrQuality how its click-through rate compares with the campaign's typical one when fresh
 * @param cvrQuality how well its clicks convert compared with the campaign's typical creative
 * @param fatigueDays e-folding time of its freshness: after this many days, fatigue has done 63% of its damage
 * @param fatigueFloor the freshness it keeps however old it gets (0 to 1)
 */
public record Ad(
        int index,
        Campaign campaign,
        String adId,
        String name,
        String format,
        LocalDate launchDate,
        LocalDate pausedOn,
        double deliveryWeight,
        double ctrQuality,
        double cvrQuality,
        double fatigueDays,
        double fatigueFloor) {

    public boolean deliversOn(LocalDate date) {
        return campaign.deliversOn(date) && !date.isBefore(launchDate) && (pausedOn == null || date.isBefore(pausedOn));
    }

    /** Whole days since launch (0 on the launch day). */
    public long ageOn(LocalDate date) {
        return ChronoUnit.DAYS.between(launchDate, date);
    }

    /**
     * Freshness of the creative on {@code date}: 1 at launch, decaying towards {@link #fatigueFloor}. Its CTR is
     * scaled by it, its frequency rises as it falls, and its conversion rate follows it half-way (CPA climbs).
     */
    public double freshness(LocalDate date) {
        double age = Math.max(0, ageOn(date));
        return fatigueFloor + (1 - fatigueFloor) * Math.exp(-age / fatigueDays);
    }

    /** ACTIVE or PAUSED, as the platform would show it on {@code date}. */
    public String status(LocalDate date) {
        return pausedOn != null && !date.isBefore(pausedOn) ? "PAUSED" : "ACTIVE";
    }
}
