package ai.omnify.simulator.brand;

import ai.omnify.model.Platform;
import java.time.ZoneId;

/**
 * One ad account of the brand on one platform. Dates of its reports are in {@code zone}; amounts in {@code currency}.
 *
 * @param spendScale decimal places of reported spend (2 for Meta and TikTok; 4 for Google, whose cost comes in micros)
 * @param baseCpm typical cost per thousand impressions, in the account currency
 * @param baseCtr typical click-through rate of a fresh creative
 * @param reportsReach whether the platform reports reach
 * @param fractionalConversions whether conversions can be fractional (Google's data-driven attribution)
 * @param orderShare share of the platform's conversions that also appear as a Shopify order with its click data
 *     (platforms over-attribute: view-through, modelled conversions)
 * @param storeRate approximate value of one unit of the account currency in the store's currency (for order totals)
 */
public record AdAccount(
        Platform platform,
        String accountId,
        String name,
        String currency,
        ZoneId zone,
        int spendScale,
        double baseCpm,
        double baseCtr,
        boolean reportsReach,
        boolean fractionalConversions,
        double orderShare,
        double storeRate) {}
