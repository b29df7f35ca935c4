package ai.omnify.ingest.meta;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.ingest.platform.PlatformHttp;
import ai.omnify.model.insight.AdInsight;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetaInsightParserTest {
    private static final MetaAccount ACCOUNT = new MetaAccount("123", "Brand", "USD", "America/New_York");
    private static final String ROW = """
            {"account_currency":"USD","campaign_id":"c1","campaign_name":"C","ad_id":"a1","ad_name":"A",
             "date_start":"2026-11-20","date_stop":"2026-11-20","spend":"5339.5","impressions":"361324",
             "clicks":"1200","reach":"300000",
             "actions":[{"action_type":"purchase","value":"14","7d_click":"13","1d_view":"1"},
                        {"action_type":"omni_purchase","value":"14","7d_click":"13","1d_view":"1"},
                        {"action_type":"offsite_conversion.fb_pixel_purchase","value":"14"}],
             "action_values":[{"action_type":"omni_purchase","value":"1234.56","7d_click":"1200.06","1d_view":"34.5"}]}
            """;

    @Test
    void readsOneCanonicalPurchaseTypeAndNeverSumsTheAliases() throws Exception {
        AdInsight i = new MetaInsightParser("omni_purchase", List.of("7d_click", "1d_view"))
                .parse(PlatformHttp.JSON.readTree(ROW), "org", "act_123", ACCOUNT, Instant.EPOCH);
        assertThat(i.conversions()).isEqualByComparingTo("14");
        assertThat(i.conversionValue()).isEqualByComparingTo("1234.56");
        assertThat(i.spend()).isEqualTo(new BigDecimal("5339.5"));
        assertThat(i.impressions()).isEqualTo(361324L);
        assertThat(i.reach()).isEqualTo(300000L);
        assertThat(i.accountId()).isEqualTo("act_123");
        assertThat(i.timeZone()).isEqualTo("America/New_York");
        assertThat(i.hour()).isNull();
        assertThat(i.source()).isEqualTo("poll");
    }

    @Test
    void withoutTheWindowKeysTheValueIsTakenAndAMissingTypeIsZero() throws Exception {
        MetaInsightParser p = new MetaInsightParser("offsite_conversion.fb_pixel_purchase", List.of("7d_click", "1d_view"));
        AdInsight i = p.parse(PlatformHttp.JSON.readTree(ROW), "org", "act_123", ACCOUNT, Instant.EPOCH);
        assertThat(i.conversions()).isEqualByComparingTo("14");
        assertThat(i.conversionValue()).isEqualByComparingTo("0");
    }

    @Test
    void aRowWithoutActionsHasNoPurchases() throws Exception {
        AdInsight i = new MetaInsightParser("omni_purchase", List.of()).parse(PlatformHttp.JSON.readTree(
                "{\"ad_id\":\"a\",\"date_start\":\"2026-11-20\",\"spend\":\"1.00\"}"), "org", "act_1", ACCOUNT,
                Instant.EPOCH);
        assertThat(i.conversions()).isZero();
        assertThat(i.currency()).isEqualTo("USD");
        assertThat(i.reach()).isNull();
    }

    @Test
    void metaTimestampsHaveAnOffsetWithoutColon() {
        assertThat(MetaClient.time("2025-01-10T09:12:44+0100").toString()).isEqualTo("2025-01-10T09:12:44+01:00");
    }
}
