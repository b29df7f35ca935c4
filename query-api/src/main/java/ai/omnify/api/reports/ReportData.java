package ai.omnify.api.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What a summary report shows, read from the database in one transaction. */
public record ReportData(
        String organization,
        String currency,
        LocalDate from,
        LocalDate to,
        Totals totals,
        List<Day> days,
        List<ChannelTotal> topChannels,
        List<String> brainLines) {

    /** Sums over the range; ratios from the sums (null when undefined). */
    public record Totals(BigDecimal spend, BigDecimal conversionValue, BigDecimal attributedRevenue,
            BigDecimal storeRevenue, long orders, long impressions, long clicks, BigDecimal conversions) {
        public BigDecimal roas() {
            return ratio(conversionValue, spend);
        }

        public BigDecimal mer() {
            return ratio(storeRevenue, spend);
        }

        public BigDecimal cpa() {
            return ratio(spend, conversions);
        }

        private static BigDecimal ratio(BigDecimal a, BigDecimal b) {
            return b == null || b.signum() == 0 ? null : a.divide(b, 4, java.math.RoundingMode.HALF_EVEN);
        }
    }

    public record Day(LocalDate date, BigDecimal spend, BigDecimal storeRevenue, BigDecimal conversionValue) {}

    public record ChannelTotal(String name, String platform, BigDecimal spend, BigDecimal conversionValue,
            BigDecimal roas) {}
}
