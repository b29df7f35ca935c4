package ai.omnify.jobs.metrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The latest version of a store order, with its attribution: a row of the {@code orders} table. */
public record OrderRow(
        String orgId,
        String orderId,
        String eventId,
        Instant createdAt,
        Instant updatedAt,
        LocalDate orderDate,
        BigDecimal totalPrice,
        BigDecimal refunded,
        String currency,
        BigDecimal netRevenue,
        String reportingCurrency,
        Instant cancelledAt,
        String customerId,
        String landingSite,
        String referringSite,
        String utmSource,
        String utmMedium,
        String utmCampaign,
        String utmContent,
        String platform,
        String channelId,
        String creativeId) {}
