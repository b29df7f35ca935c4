package ai.omnify.model.insight;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Platform;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class InsightRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static AdInsight valid() {
        return new AdInsight("org", Platform.META, "act_1", "c1", "Campaign", "a1", "Ad", LocalDate.of(2026, 11, 24),
                null, new BigDecimal("12.34"), 1000L, 20L, new BigDecimal("2"), new BigDecimal("80.00"), 700L, "USD",
                NOW.minusSeconds(60), "test", "America/New_York");
    }

    private static AdInsight with(java.util.function.UnaryOperator<AdInsight> f) {
        return f.apply(valid());
    }

    @Test
    void aGoodSnapshotHasNoReasons() {
        assertThat(InsightRules.validate(valid(), NOW)).isEmpty();
    }

    @Test
    void everyProblemIsNamed() {
        AdInsight bad = new AdInsight(null, Platform.SHOPIFY, null, " ", null, null, null, LocalDate.of(2026, 12, 31),
                24, new BigDecimal("-1"), -5L, 10L, new BigDecimal("-1"), new BigDecimal("1.1234567"), -1L, "XXQ",
                NOW.plusSeconds(3600), "t", "Mars/Olympus");
        assertThat(InsightRules.validate(bad, NOW)).containsExactlyInAnyOrder(
                "orgId is missing",
                "platform shopify has no ad insights (send orders instead)",
                "campaignId is missing",
                "adId is missing",
                "timeZone 'Mars/Olympus' is not an IANA time zone (e.g. Europe/Berlin)",
                "date 2026-12-31 is in the future",
                "hour 24 is outside 0-23",
                "spend is negative (-1)",
                "conversionValue has more than 6 decimal places (1.1234567)",
                "impressions is negative (-5)",
                "reach is negative (-1)",
                "conversions is negative (-1)",
                "currency 'XXQ' is not an ISO 4217 code",
                "reportedAt 2026-11-25T13:00:00Z is in the future");
    }

    @Test
    void clicksBeyondImpressionsAndReachBeyondImpressionsAreRefused() {
        assertThat(InsightRules.validate(with(i -> new AdInsight(i.orgId(), i.platform(), i.accountId(), i.campaignId(),
                i.campaignName(), i.adId(), i.adName(), i.date(), i.hour(), i.spend(), 10L, 11L, i.conversions(),
                i.conversionValue(), 12L, i.currency(), i.reportedAt(), i.source(), i.timeZone())), NOW))
                .containsExactly("clicks (11) exceed impressions (10)", "reach (12) exceeds impressions (10)");
    }

    @Test
    void aDateIsInTheFutureOnlyWhereItIsNotYetThatDay() {
        // 2026-11-26 has begun in Kiritimati (UTC+14) at 12:00 UTC, not yet in New York
        AdInsight tomorrow = with(i -> new AdInsight(i.orgId(), i.platform(), i.accountId(), i.campaignId(),
                i.campaignName(), i.adId(), i.adName(), LocalDate.of(2026, 11, 26), null, i.spend(), i.impressions(),
                i.clicks(), i.conversions(), i.conversionValue(), i.reach(), i.currency(), i.reportedAt(), i.source(), null));
        assertThat(InsightRules.validate(tomorrow, NOW)).isEmpty();
        AdInsight inNewYork = with(i -> new AdInsight(i.orgId(), i.platform(), i.accountId(), i.campaignId(),
                i.campaignName(), i.adId(), i.adName(), LocalDate.of(2026, 11, 26), null, i.spend(), i.impressions(),
                i.clicks(), i.conversions(), i.conversionValue(), i.reach(), i.currency(), i.reportedAt(), i.source(),
                "America/New_York"));
        assertThat(InsightRules.validate(inNewYork, NOW)).containsExactly("date 2026-11-26 is in the future");
    }

    @Test
    void defaultsFillWhatProducersLeaveOut() {
        AdInsight partial = new AdInsight("org", Platform.GOOGLE, null, " c1 ", null, "a1", null, LocalDate.of(2026, 11, 24),
                null, BigDecimal.ONE, 1L, 0L, null, null, null, " eur ", null, null, null);
        AdInsight d = InsightRules.withDefaults(partial, NOW, "ingest");
        assertThat(d.conversions()).isEqualByComparingTo("0");
        assertThat(d.conversionValue()).isEqualByComparingTo("0");
        assertThat(d.currency()).isEqualTo("EUR");
        assertThat(d.reportedAt()).isEqualTo(NOW);
        assertThat(d.source()).isEqualTo("ingest");
        assertThat(d.campaignId()).isEqualTo("c1");
        assertThat(InsightRules.validate(d, NOW)).isEmpty();
    }

    @Test
    void theKeyNamesOrgPlatformAdDateAndHour() {
        assertThat(valid().key()).isEqualTo("org:meta:a1:2026-11-24");
        assertThat(with(i -> new AdInsight(i.orgId(), i.platform(), i.accountId(), i.campaignId(), i.campaignName(),
                i.adId(), i.adName(), i.date(), 7, i.spend(), i.impressions(), i.clicks(), i.conversions(),
                i.conversionValue(), i.reach(), i.currency(), i.reportedAt(), i.source(), i.timeZone())).key())
                .isEqualTo("org:meta:a1:2026-11-24:7");
    }
}
