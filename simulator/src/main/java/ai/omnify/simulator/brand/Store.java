package ai.omnify.simulator.brand;

import java.time.ZoneId;

/**
 * The brand's Shopify store.
 *
 * @param organicOrdersPerDay mean orders per day not driven by paid ads (weekday, trend 1)
 * @param averageOrderValue mean order value of those orders, in {@code currency}
 */
public record Store(String domain, String name, String currency, ZoneId zone, double organicOrdersPerDay,
        double averageOrderValue) {}
