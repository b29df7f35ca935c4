package ai.omnify.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Json;
import ai.omnify.model.order.OrderEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShopifyOrdersTest {
    static final String ORDER = """
            {"id":820982911946154508,"name":"#9999","created_at":"2026-11-20T10:15:00-05:00",
             "updated_at":"2026-11-21T09:00:00-05:00","currency":"EUR","total_price":"199.90",
             "landing_site":"/products/tent?utm_source=facebook&utm_medium=paid&utm_campaign=c1&utm_content=ad%201&fbclid=x",
             "referring_site":"https://l.facebook.com/","cancelled_at":null,"customer":{"id":115310627314723954},
             "refunds":[{"id":1,"transactions":[{"kind":"refund","status":"success","amount":"20.00"},
                                                {"kind":"refund","status":"failure","amount":"5.00"}]},
                        {"id":2,"transactions":[{"kind":"refund","status":"success","amount":"9.95"}]}]}
            """;

    @Test
    void mapsTheRestOrderPayload() throws Exception {
        OrderEvent o = ShopifyOrders.toEvent(Json.mapper().readTree(ORDER), "org-1").value();
        assertThat(o.orgId()).isEqualTo("org-1");
        assertThat(o.orderId()).isEqualTo("820982911946154508");
        assertThat(o.createdAt()).isEqualTo(Instant.parse("2026-11-20T15:15:00Z"));
        assertThat(o.updatedAt()).isEqualTo(Instant.parse("2026-11-21T14:00:00Z"));
        assertThat(o.totalPrice()).isEqualByComparingTo("199.90");
        assertThat(o.refunded()).isEqualByComparingTo("29.95");
        assertThat(o.currency()).isEqualTo("EUR");
        assertThat(o.customerId()).isEqualTo("115310627314723954");
        assertThat(o.utm().source()).isEqualTo("facebook");
        assertThat(o.utm().content()).isEqualTo("ad 1");
        assertThat(o.cancelledAt()).isNull();
        assertThat(o.eventId()).isNull(); // OrderRules makes it orderId@updatedAt, as for a polled order
        assertThat(o.source()).isEqualTo("webhook");
    }

    @Test
    void unusablePayloadsSayWhy() throws Exception {
        assertThat(ShopifyOrders.toEvent(Json.mapper().readTree("{\"name\":\"#1\"}"), "o").error()).isEqualTo("the order has no id");
        assertThat(ShopifyOrders.toEvent(Json.mapper().readTree("{\"id\":1,\"created_at\":\"yesterday\"}"), "o").error())
                .startsWith("a time is not ISO-8601");
        assertThat(ShopifyOrders.toEvent(Json.mapper().readTree("{\"id\":1,\"total_price\":\"abc\"}"), "o").error())
                .isEqualTo("an amount is not a decimal number");
        assertThat(ShopifyOrders.toEvent(null, "o").error()).isEqualTo("the body is not a JSON object");
    }
}
