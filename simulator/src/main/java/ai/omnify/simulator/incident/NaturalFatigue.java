package ai.omnify.simulator.incident;

import ai.omnify.model.Platform;
import ai.omnify.simulator.brand.Ad;
import ai.omnify.simulator.brand.BrandCatalog;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Ground truth of the fatigue the simulator makes on its own, apart from the injected incidents: every
 * creative's CTR is scaled by its {@link Ad#freshness}, which decays from 1 at launch towards its floor (and its
 * frequency rises, its conversion rate follows half-way). A creative really fatigues on a day when its true freshness
 * (its CTR before noise) is at least {@link #DROP} below what it was {@link #SPAN_DAYS} days earlier, while it
 * delivered on both days: the same size of fall the default fatigue rule alerts on (CTR 15% below the creative's own
 * usual). Consecutive such days of one creative are one episode. Young creatives with a short fatigue time do this in
 * their first weeks; old ones never do. A detector's fatigue alert on such a creative is right, not a false positive.
 */
public final class NaturalFatigue {
    /** How far the true CTR must have fallen. */
    public static final double DROP = 0.15;
    /** Over how many days. */
    public static final int SPAN_DAYS = 7;

    /** Days {@code first} to {@code last} (the account's dates) on which one creative really fatigued. */
    public record Episode(Platform platform, String campaignId, String adId, LocalDate first, LocalDate last,
            ZoneId zone) {}

    private NaturalFatigue() {}

    /** Every episode within {@code days} days from {@code firstDay}. */
    public static List<Episode> episodes(BrandCatalog catalog, LocalDate firstDay, int days) {
        List<Episode> out = new ArrayList<>();
        for (Ad ad : catalog.ads()) {
            LocalDate open = null;
            LocalDate last = null;
            for (LocalDate d = firstDay.plusDays(SPAN_DAYS); !d.isAfter(firstDay.plusDays(days)); d = d.plusDays(1)) {
                if (fatigued(ad, d)) {
                    if (open == null) {
                        open = d;
                    }
                    last = d;
                } else if (open != null) {
                    out.add(episode(ad, open, last));
                    open = null;
                }
            }
            if (open != null) {
                out.add(episode(ad, open, last));
            }
        }
        return out;
    }

    /** Whether the creative's true CTR on {@code d} is {@link #DROP} below its CTR {@link #SPAN_DAYS} days earlier. */
    public static boolean fatigued(Ad ad, LocalDate d) {
        LocalDate before = d.minusDays(SPAN_DAYS);
        return ad.deliversOn(d) && ad.deliversOn(before) && ad.freshness(d) <= (1 - DROP) * ad.freshness(before);
    }

    private static Episode episode(Ad ad, LocalDate first, LocalDate last) {
        return new Episode(ad.campaign().account().platform(), ad.campaign().campaignId(), ad.adId(), first, last,
                ad.campaign().account().zone());
    }
}
