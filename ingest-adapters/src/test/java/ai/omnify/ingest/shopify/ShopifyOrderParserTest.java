package ai.omnify.ingest.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.ingest.platform.PlatformHttp;
import ai.omnify.model.order.OrderEvent;
import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import org.junit.jupiter.api.Test;

class ShopifyOrderParserTest {
    @Test
    void anOrderWithRefundsAndAFirstVisit() throws Exception {
        String json = """
                {"id":"gid://shopify/Order/5001","createdAt":"2026-11-20T10:00:00Z","updatedAt":"2026-11-22T10:00:00Z",
                 "cancelledAt":null,"currencyCode":"EUR",
                 "totalPriceSet":{"shopMoney":{"amount":"120.50","currencyCode":"EUR"}},
                 "totalRefundedSet":{"shopMoney":{"amount":"30.25","currencyCode":"EUR"}},
                 "refunds":[{"totalRefundedSet":{"shopMoney":{"amount":"10.25","currencyCode":"EUR"}}},
                            {"totalRefundedSet":{"shopMoney":{"amount":"20.00","currencyCode":"EUR"}}}],
                 "customer":{"id":"gid://shopify/Customer/77"},
                 "customerJourneySummary":{"firstVisit":{"landingPage":"https://shop.example/products/x?utm_source=facebook&fbclid=AB",
                   "referrerUrl":"https://l.facebook.com/","utmParameters":{"source":"facebook","medium":"paid_social",
                   "campaign":"238","content":"239","term":null}}}}""";
        OrderEvent o = ShopifyOrderParser.parse(PlatformHttp.JSON.readTree(json), "org");
        assertThat(o.orderId()).isEqualTo("5001");
        assertThat(o.eventId()).isEqualTo("poll:5001:2026-11-22T10:00:00Z");
        assertThat(o.totalPrice()).isEqualTo(new BigDecimal("120.50"));
        assertThat(o.refunded()).isEqualByComparingTo("30.25");
        assertThat(o.customerId()).isEqualTo("77");
        assertThat(o.landingSite()).isEqualTo("/products/x?utm_source=facebook&fbclid=AB");
        assertThat(o.referringSite()).isEqualTo("https://l.facebook.com/");
        assertThat(o.utm().campaign()).isEqualTo("238");
        assertThat(o.netRevenue()).isEqualByComparingTo("90.25");
    }

    @Test
    void anOrderWithoutJourneyOrRefunds() throws Exception {
        OrderEvent o = ShopifyOrderParser.parse(PlatformHttp.JSON.readTree("""
                {"id":"gid://shopify/Order/5002","createdAt":"2026-11-20T10:00:00Z","updatedAt":"2026-11-20T10:00:00Z",
                 "totalPriceSet":{"shopMoney":{"amount":"9.99","currencyCode":"EUR"}},"refunds":[],
                 "customerJourneySummary":null}"""), "org");
        assertThat(o.refunded()).isZero();
        assertThat(o.landingSite()).isNull();
        assertThat(o.utm()).isNull();
        assertThat(o.customerId()).isNull();
        assertThat(o.currency()).isEqualTo("EUR");
    }

    @Property
    void refundsAddUpExactly(@ForAll @BigRange(min = "0", max = "100000") BigDecimal a,
            @ForAll @BigRange(min = "0", max = "100000") BigDecimal b) throws Exception {
        BigDecimal x = a.setScale(2, java.math.RoundingMode.DOWN);
        BigDecimal y = b.setScale(2, java.math.RoundingMode.DOWN);
        String json = "{\"refunds\":[{\"totalRefundedSet\":{\"shopMoney\":{\"amount\":\"" + x.toPlainString()
                + "\"}}},{\"totalRefundedSet\":{\"shopMoney\":{\"amount\":\"" + y.toPlainString() + "\"}}}]}";
        assertThat(ShopifyOrderParser.refunded(PlatformHttp.JSON.readTree(json))).isEqualTo(x.add(y));
    }

    @Test
    void aPathLandingSiteStaysAsIs() {
        assertThat(ShopifyOrderParser.pathAndQuery("/collections/all?x=1")).isEqualTo("/collections/all?x=1");
        assertThat(ShopifyOrderParser.pathAndQuery("https://shop.example")).isEqualTo("/");
    }
}
