package ai.omnify.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Platform;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.Utm;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttributionTest {

    private static OrderEvent order(Utm utm, String landingSite) {
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        return new OrderEvent("org", "1001", "e1", t, t, new BigDecimal("50"), "EUR", BigDecimal.ZERO, null,
                landingSite, null, utm, null, "test");
    }

    @Test
    void utmFieldsNameThePlatformCampaignAndAd() {
        assertThat(Attribution.of(order(new Utm("facebook", "paid_social", "120210", "120211"), null)))
                .contains(new Attribution(Platform.META, "120210", "120211"));
        assertThat(Attribution.of(order(new Utm("Google", "cpc", "987", null), null)))
                .contains(new Attribution(Platform.GOOGLE, "987", null));
        assertThat(Attribution.of(order(new Utm("tiktok", null, "55", "66"), null)))
                .contains(new Attribution(Platform.TIKTOK, "55", "66"));
    }

    @Test
    void landingSiteParametersCountWhenTheFieldsAreAbsent() {
        assertThat(Attribution.of(order(null, "/products/tent?utm_source=ig&utm_campaign=42&utm_content=43&x=1")))
                .contains(new Attribution(Platform.META, "42", "43"));
        assertThat(Attribution.of(order(Utm.NONE, "/?gclid=abc&utm_campaign=77")))
                .contains(new Attribution(Platform.GOOGLE, "77", null));
        assertThat(Attribution.of(order(Utm.NONE, "/landing?ttclid=zz&utm_campaign=9%20x")))
                .contains(new Attribution(Platform.TIKTOK, "9 x", null));
    }

    @Test
    void noPlatformOrNoCampaignMeansNoChannel() {
        assertThat(Attribution.of(order(new Utm("newsletter", "email", "black-friday", null), null))).isEmpty();
        assertThat(Attribution.of(order(new Utm("facebook", null, null, null), null))).isEmpty();
        assertThat(Attribution.of(order(null, "/products/tent?fbclid=abc"))).isEmpty();
        assertThat(Attribution.of(order(null, null))).isEmpty();
        assertThat(Attribution.of(order(null, "/bad?utm_source=%zz&utm_campaign=1"))).isEmpty();
    }
}
