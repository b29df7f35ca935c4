package ai.omnify.model.order;

import ai.omnify.model.Currencies;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Defaults and validation of order events. Pure functions; every refusal comes with a reason. */
public final class OrderRules {
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int MAX_ID_LENGTH = 128;
    private static final int MAX_URL_LENGTH = 4096;

    private OrderRules() {}

    /**
     * Fills what a producer may leave out: {@code updatedAt} (= createdAt), zero refunded, upper-case currency, the
     * source, and {@code eventId}, derived from the order id and its update time when absent (so a redelivery of the
     * same version deduplicates, and a new version does not).
     */
    public static OrderEvent withDefaults(OrderEvent in, String defaultSource) {
        Instant updatedAt = in.updatedAt() == null ? in.createdAt() : in.updatedAt();
        String orderId = trim(in.orderId());
        String eventId = trim(in.eventId());
        if (eventId == null && orderId != null && updatedAt != null) {
            eventId = orderId + "@" + updatedAt;
        }
        return new OrderEvent(in.orgId(), orderId, eventId, in.createdAt(), updatedAt, in.totalPrice(),
                Currencies.normalize(in.currency()), in.refunded() == null ? BigDecimal.ZERO : in.refunded(),
                trim(in.customerId()), trim(in.landingSite()), trim(in.referringSite()),
                in.utm() == null ? Utm.NONE : in.utm(), in.cancelledAt(),
                in.source() == null ? defaultSource : in.source());
    }

    /** Every reason this order event cannot be accepted; empty when it is valid. */
    public static List<String> validate(OrderEvent in, Instant now) {
        List<String> reasons = new ArrayList<>();
        require(reasons, in.orgId(), "orgId");
        require(reasons, in.orderId(), "orderId");
        require(reasons, in.eventId(), "eventId");
        if (in.createdAt() == null) {
            reasons.add("createdAt is missing");
        } else if (in.createdAt().isAfter(now.plus(CLOCK_SKEW))) {
            reasons.add("createdAt " + in.createdAt() + " is in the future");
        }
        if (in.updatedAt() == null) {
            reasons.add("updatedAt is missing");
        } else if (in.createdAt() != null && in.updatedAt().isBefore(in.createdAt())) {
            reasons.add("updatedAt " + in.updatedAt() + " is before createdAt " + in.createdAt());
        } else if (in.updatedAt().isAfter(now.plus(CLOCK_SKEW))) {
            reasons.add("updatedAt " + in.updatedAt() + " is in the future");
        }
        if (in.totalPrice() == null) {
            reasons.add("totalPrice is missing");
        } else if (in.totalPrice().signum() < 0) {
            reasons.add("totalPrice is negative (" + in.totalPrice().toPlainString() + ")");
        } else if (in.totalPrice().stripTrailingZeros().scale() > 6) {
            reasons.add("totalPrice has more than 6 decimal places (" + in.totalPrice().toPlainString() + ")");
        }
        if (in.refunded() != null) {
            if (in.refunded().signum() < 0) {
                reasons.add("refunded is negative (" + in.refunded().toPlainString() + ")");
            } else if (in.totalPrice() != null && in.totalPrice().signum() >= 0
                    && in.refunded().compareTo(in.totalPrice()) > 0) {
                reasons.add("refunded (" + in.refunded().toPlainString() + ") exceeds totalPrice ("
                        + in.totalPrice().toPlainString() + ")");
            }
        }
        if (in.currency() == null || in.currency().isBlank()) {
            reasons.add("currency is missing");
        } else if (!Currencies.isKnown(in.currency())) {
            reasons.add("currency '" + in.currency() + "' is not an ISO 4217 code");
        }
        if (in.landingSite() != null && in.landingSite().length() > MAX_URL_LENGTH) {
            reasons.add("landingSite is longer than " + MAX_URL_LENGTH + " characters");
        }
        if (in.referringSite() != null && in.referringSite().length() > MAX_URL_LENGTH) {
            reasons.add("referringSite is longer than " + MAX_URL_LENGTH + " characters");
        }
        return reasons;
    }

    private static void require(List<String> reasons, String value, String field) {
        if (value == null || value.isBlank()) {
            reasons.add(field + " is missing");
        } else if (value.length() > MAX_ID_LENGTH) {
            reasons.add(field + " is longer than " + MAX_ID_LENGTH + " characters");
        }
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }
}
