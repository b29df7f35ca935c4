package ai.omnify.jobs.metrics;

import ai.omnify.model.Ids;
import ai.omnify.model.Platform;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Builders of items for tests. */
final class Items {
    static final String ORG = "7b0a3c52-7f5e-4a0c-9d7e-2f7f1c3a9e11";
    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    private Items() {}

    static String channel(String campaign) {
        return Ids.channelId(ORG, Platform.META, campaign).toString();
    }

    static String creative(String ad) {
        return Ids.creativeId(ORG, Platform.META, ad).toString();
    }

    static Contribution ad(String campaign, String ad, Integer hour, String spend, long impressions, long clicks,
            String conversions, String value, int minutesAfterT0) {
        return new Contribution(ORG, Contribution.AD, ad, channel(campaign), creative(ad), "meta", campaign,
                "Campaign " + campaign, "Ad " + ad, DAY, hour, new BigDecimal(spend), impressions, clicks,
                new BigDecimal(conversions), new BigDecimal(value), null, BigDecimal.ZERO, 0, "EUR",
                T0.plusSeconds(60L * minutesAfterT0));
    }

    static Contribution order(String campaign, String ad, String orderId, int hour, String revenue, int minutesAfterT0) {
        return new Contribution(ORG, Contribution.ORDER, orderId, channel(campaign), ad == null ? null : creative(ad),
                "meta", null, null, null, DAY, hour, BigDecimal.ZERO, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, null,
                new BigDecimal(revenue), 1, "EUR", T0.plusSeconds(60L * minutesAfterT0));
    }
}
