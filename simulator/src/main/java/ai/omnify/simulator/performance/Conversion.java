package ai.omnify.simulator.performance;

/**
 * One purchase the platform attributes to an ad, on the day of the ad interaction.
 *
 * @param seq its number within the ad's day
 * @param slot the hour slot of the day it belongs to
 * @param eventAtMillis when the purchase happened
 * @param reportedAtMillis from when the platform reports it (late conversions arrive up to about three days later)
 * @param creditHundredths the credit the platform gives the ad, in hundredths (100 = one conversion; Google's
 *     data-driven attribution gives fractions)
 * @param valueCents conversion value the platform reports for it (credited share), in cents of the account currency
 * @param orderValueCents the whole purchase value, in cents of the account currency
 */
public record Conversion(int seq, int slot, long eventAtMillis, long reportedAtMillis, int creditHundredths,
        long valueCents, long orderValueCents) {}
