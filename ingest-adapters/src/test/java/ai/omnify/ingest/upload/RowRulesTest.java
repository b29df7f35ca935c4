package ai.omnify.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowRulesTest {
    static final String ORG = "11111111-2222-3333-4444-555555555555";
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    final RowRules meta = new RowRules(Platform.META, ORG, NOW, NOW);
    final RowRules shopify = new RowRules(Platform.SHOPIFY, ORG, NOW, NOW);

    static final String GOOD = "{\"campaignId\":\"c1\",\"adId\":\"ad1\",\"date\":\"2026-11-24\",\"spend\":\"12.30\","
            + "\"impressions\":100,\"clicks\":5,\"currency\":\"eur\"}";

    static RowOutcome.Accepted accepted(RowOutcome o) {
        assertThat(o).isInstanceOf(RowOutcome.Accepted.class);
        return (RowOutcome.Accepted) o;
    }

    static String rejected(RowOutcome o) {
        assertThat(o).isInstanceOf(RowOutcome.Rejected.class);
        return ((RowOutcome.Rejected) o).reason();
    }

    @Test
    void aGoodSnapshotGetsTheKeysOrganizationThePathsPlatformAndDefaults() {
        RowOutcome.Accepted a = accepted(meta.evaluate(RawRow.json(1, GOOD)));
        AdInsight r = (AdInsight) a.record();
        assertThat(a.key()).isEqualTo(ORG + ":meta:ad1:2026-11-24");
        assertThat(r.orgId()).isEqualTo(ORG);
        assertThat(r.platform()).isEqualTo(Platform.META);
        assertThat(r.currency()).isEqualTo("EUR");
        assertThat(r.reportedAt()).isEqualTo(NOW);
        assertThat(r.source()).isEqualTo("ingest");
        assertThat(r.conversions()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(r.spend()).isEqualTo(new BigDecimal("12.30"));
    }

    @Test
    void theSameOrganizationAndPlatformInTheRowAreFine() {
        String row = GOOD.replace("{", "{\"orgId\":\"" + ORG.toUpperCase() + "\",\"platform\":\"Meta\",");
        assertThat(((AdInsight) accepted(meta.evaluate(RawRow.json(1, row))).record()).orgId()).isEqualTo(ORG);
    }

    @Test
    void anotherOrganizationIsRefused() {
        String row = GOOD.replace("{", "{\"orgId\":\"99999999-2222-3333-4444-555555555555\",");
        assertThat(rejected(meta.evaluate(RawRow.json(1, row))))
                .isEqualTo("orgId 99999999-2222-3333-4444-555555555555 does not match the API key's organization");
        assertThat(rejected(shopify.evaluate(RawRow.json(1, "{\"orgId\":\"other\",\"orderId\":\"1\","
                + "\"createdAt\":\"2026-11-24T10:00:00Z\",\"totalPrice\":1,\"currency\":\"EUR\"}"))))
                .isEqualTo("orgId other does not match the API key's organization");
    }

    @Test
    void anotherPlatformIsRefused() {
        String row = GOOD.replace("{", "{\"platform\":\"google\",");
        assertThat(rejected(meta.evaluate(RawRow.json(1, row))))
                .isEqualTo("platform google does not match the URL's platform meta");
    }

    @Test
    void everyValidationReasonIsGivenJoined() {
        String row = "{\"campaignId\":\"c1\",\"adId\":\"ad1\",\"date\":\"2026-11-24\",\"spend\":-1,"
                + "\"impressions\":5,\"clicks\":9,\"currency\":\"XXQ\"}";
        assertThat(rejected(meta.evaluate(RawRow.json(1, row)))).isEqualTo(
                "spend is negative (-1); clicks (9) exceed impressions (5); currency 'XXQ' is not an ISO 4217 code");
    }

    @Test
    void mismatchAndValidationReasonsComeTogether() {
        String row = "{\"orgId\":\"x\",\"campaignId\":\"c1\",\"date\":\"2026-11-24\",\"spend\":1,"
                + "\"impressions\":5,\"clicks\":1,\"currency\":\"EUR\"}";
        assertThat(rejected(meta.evaluate(RawRow.json(1, row))))
                .isEqualTo("orgId x does not match the API key's organization; adId is missing");
    }

    @Test
    void unreadableRowsSayWhy() {
        assertThat(rejected(meta.evaluate(RawRow.json(1, "{\"adId\":")))).startsWith("not valid JSON");
        assertThat(rejected(meta.evaluate(RawRow.json(1, GOOD.replace("\"2026-11-24\"", "\"24/11/2026\"")))))
                .startsWith("field 'date': cannot read \"24/11/2026\" as a date (YYYY-MM-DD)");
        assertThat(rejected(meta.evaluate(RawRow.json(1, GOOD.replace("\"eur\"", "\"eur\",\"platform\":\"snap\"")))))
                .contains("field 'platform'");
        assertThat(rejected(meta.evaluate(RawRow.broken(3, "1,2,3", "row has 3 fields but the header has 2"))))
                .isEqualTo("row has 3 fields but the header has 2");
    }

    @Test
    void futureDatesAreJudgedAgainstNow() {
        assertThat(rejected(meta.evaluate(RawRow.json(1, GOOD.replace("2026-11-24", "2026-11-27")))))
                .isEqualTo("date 2026-11-27 is in the future");
    }

    @Test
    void csvCellsReadTheSameWay() {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("campaignId", "c1");
        cells.put("adId", "ad1");
        cells.put("date", "2026-11-24");
        cells.put("hour", "13");
        cells.put("spend", " 3.5 ");
        cells.put("impressions", "10");
        cells.put("clicks", "1");
        cells.put("currency", "USD");
        cells.put("reach", "");
        RowOutcome.Accepted a = accepted(meta.evaluate(RawRow.csv(2, "c1,ad1,...", cells)));
        assertThat(a.key()).isEqualTo(ORG + ":meta:ad1:2026-11-24:13");
        assertThat(((AdInsight) a.record()).reach()).isNull();

        cells.put("impressions", "ten");
        assertThat(rejected(meta.evaluate(RawRow.csv(2, "c1,ad1,...", cells)))).startsWith("field 'impressions'");
    }

    @Test
    void shopifyRowsAreOrdersWithUtmFromFlatColumns() {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("orderId", "1001");
        cells.put("createdAt", "2026-11-24T10:00:00Z");
        cells.put("totalPrice", "59.90");
        cells.put("currency", "eur");
        cells.put("utm_source", "facebook");
        cells.put("utm_campaign", "c1");
        cells.put("utm_content", "ad1");
        RowOutcome.Accepted a = accepted(shopify.evaluate(RawRow.csv(2, "...", cells)));
        OrderEvent o = (OrderEvent) a.record();
        assertThat(a.key()).isEqualTo(ORG + ":1001");
        assertThat(o.orgId()).isEqualTo(ORG);
        assertThat(o.eventId()).isEqualTo("1001@2026-11-24T10:00:00Z");
        assertThat(o.updatedAt()).isEqualTo(o.createdAt());
        assertThat(o.utm().source()).isEqualTo("facebook");
        assertThat(o.utm().content()).isEqualTo("ad1");
        assertThat(o.source()).isEqualTo("ingest");
    }

    @Test
    void badOrdersSayWhy() {
        String order = "{\"orderId\":\"1\",\"createdAt\":\"2026-11-24T10:00:00Z\",\"totalPrice\":10,"
                + "\"refunded\":12,\"currency\":\"EUR\"}";
        assertThat(rejected(shopify.evaluate(RawRow.json(1, order)))).isEqualTo("refunded (12) exceeds totalPrice (10)");
        assertThat(rejected(shopify.evaluate(RawRow.json(1, "{\"totalPrice\":10,\"currency\":\"EUR\"}"))))
                .isEqualTo("orderId is missing; eventId is missing; createdAt is missing; updatedAt is missing");
    }

    @Test
    void adInsightsPostedAsShopifyAreNotOrders() {
        assertThat(rejected(shopify.evaluate(RawRow.json(1, GOOD)))).contains("orderId is missing");
    }
}
