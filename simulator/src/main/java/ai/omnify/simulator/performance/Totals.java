package ai.omnify.simulator.performance;

/**
 * Totals of an ad over a day or an hour as known at some instant.
 *
 * @param spendUnits spend in units of the account's spend scale (cents, or 1/10000 for Google)
 * @param conversionHundredths conversions in hundredths
 * @param valueCents conversion value in cents
 */
public record Totals(long spendUnits, long impressions, long clicks, long conversionHundredths, long valueCents) {

    public boolean isEmpty() {
        return spendUnits == 0 && impressions == 0 && clicks == 0 && conversionHundredths == 0 && valueCents == 0;
    }
}
