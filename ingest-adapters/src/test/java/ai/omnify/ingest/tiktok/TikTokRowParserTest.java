package ai.omnify.ingest.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.ingest.platform.PlatformHttp;
import ai.omnify.model.insight.AdInsight;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TikTokRowParserTest {
    @Test
    void aReportRowWithStringValuesAndADashForMissingReach() throws Exception {
        AdInsight i = new TikTokRowParser("complete_payment", "total_complete_payment_rate").parse(PlatformHttp.JSON.readTree("""
                {"dimensions":{"ad_id":"1700","stat_time_day":"2026-11-20 00:00:00"},
                 "metrics":{"campaign_id":"17","campaign_name":"Spark","ad_name":"Hook","spend":"210.55",
                  "impressions":"4021","clicks":"31","reach":"-","complete_payment":"3",
                  "total_complete_payment_rate":"199.90","currency":"GBP"}}"""), "org", "7001", "USD",
                "Europe/London", Instant.EPOCH);
        assertThat(i.date()).isEqualTo(LocalDate.parse("2026-11-20"));
        assertThat(i.spend()).isEqualByComparingTo("210.55");
        assertThat(i.conversions()).isEqualByComparingTo("3");
        assertThat(i.conversionValue()).isEqualByComparingTo("199.90");
        assertThat(i.reach()).isNull();
        assertThat(i.currency()).isEqualTo("GBP");
        assertThat(i.timeZone()).isEqualTo("Europe/London");
    }
}
