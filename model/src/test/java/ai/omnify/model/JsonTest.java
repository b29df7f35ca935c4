package ai.omnify.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void decimalsStayExactAndDatesAreIso() {
        AdInsight in = Json.read("{\"orgId\":\"o\",\"platform\":\"Meta\",\"adId\":\"a\",\"date\":\"2026-11-24\","
                + "\"spend\":0.1,\"conversionValue\":12345678901234.123456,\"reportedAt\":\"2026-11-25T10:00:00Z\","
                + "\"unknownField\":true}", AdInsight.class).value();
        assertThat(in.spend()).isEqualTo(new BigDecimal("0.1"));
        assertThat(in.conversionValue()).isEqualTo(new BigDecimal("12345678901234.123456"));
        assertThat(in.platform()).isEqualTo(Platform.META);
        String out = Json.write(in);
        assertThat(out).contains("\"spend\":0.1", "\"date\":\"2026-11-24\"", "\"reportedAt\":\"2026-11-25T10:00:00Z\"",
                "\"platform\":\"meta\"").doesNotContain("null", "E+");
    }

    @Test
    void errorsNameTheFieldAndWhatWasExpected() {
        assertThat(Json.read("{\"spend\":\"abc\"}", AdInsight.class).error())
                .isEqualTo("field 'spend': cannot read \"abc\" as a number");
        assertThat(Json.read("{\"date\":\"24/11/2026\"}", AdInsight.class).error())
                .startsWith("field 'date': cannot read \"24/11/2026\" as a date (YYYY-MM-DD)");
        assertThat(Json.read("{\"platform\":\"myspace\"}", AdInsight.class).error())
                .contains("field 'platform'").contains("unknown platform 'myspace'");
        assertThat(Json.read("{this is not json", AdInsight.class).error()).startsWith("not valid JSON");
        assertThat(Json.read("", AdInsight.class).error()).isEqualTo("empty record");
        assertThat(Json.read("{\"orgId\":\"o\",\"adId\":\"a1", AdInsight.class).error())
                .as("a line cut inside a string is not valid JSON, whatever field it was in").startsWith("not valid JSON");
    }

    @Test
    void utmHasNoDerivedFieldsOnTheWire() {
        assertThat(Json.write(new ai.omnify.model.order.Utm("facebook", null, "1", null)))
                .isEqualTo("{\"source\":\"facebook\",\"campaign\":\"1\"}");
    }

    @Test
    void aFlatCsvRowBecomesANestedRecord() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("orderId", "#1");
        row.put("totalPrice", "19.90");
        row.put("utm_source", "facebook");
        row.put("utm.campaign", "123");
        row.put("customerId", "");
        OrderEvent o = Json.readFlat(row, OrderEvent.class).value();
        assertThat(o.totalPrice()).isEqualTo(new BigDecimal("19.90"));
        assertThat(o.utm().source()).isEqualTo("facebook");
        assertThat(o.utm().campaign()).isEqualTo("123");
        assertThat(o.customerId()).isNull();
        assertThat(Json.readFlat(Map.of("totalPrice", "x"), OrderEvent.class).error()).contains("totalPrice");
    }
}
