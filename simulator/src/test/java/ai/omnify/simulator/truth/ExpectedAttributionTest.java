package ai.omnify.simulator.truth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Platform;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.Utm;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpectedAttributionTest {
    private static OrderEvent order(String landing, Utm utm) {
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        return new OrderEvent("o", "1", "e", t, t, BigDecimal.TEN, "EUR", BigDecimal.ZERO, null, landing, null, utm,
                null, null);
    }

    @Test
    void utmFieldsGiveThePlatformCampaignAndAd() {
        assertThat(ExpectedAttribution.of(order("/p?fbclid=x", new Utm("instagram", "paid_social", "123", "456"))))
                .isEqualTo(new ExpectedAttribution(Platform.META, "123", "456"));
    }

    @Test
    void utmInsideTheLandingSiteCountsWhenTheFieldsAreAbsent() {
        assertThat(ExpectedAttribution.of(order("/p?utm_source=tiktok&utm_campaign=9&utm_content=8", null)))
                .isEqualTo(new ExpectedAttribution(Platform.TIKTOK, "9", "8"));
    }

    @Test
    void aClickIdAloneGivesOnlyThePlatform() {
        assertThat(ExpectedAttribution.of(order("/p?gclid=abc", null)))
                .isEqualTo(new ExpectedAttribution(Platform.GOOGLE, null, null));
    }

    @Test
    void otherSourcesAndNoParametersAreUnattributed() {
        assertThat(ExpectedAttribution.of(order("/?utm_source=klaviyo", new Utm("klaviyo", "email", "n", null))))
                .isEqualTo(ExpectedAttribution.NONE);
        assertThat(ExpectedAttribution.of(order("/", null))).isEqualTo(ExpectedAttribution.NONE);
    }
}
