package ai.omnify.simulator.stream;

import java.util.List;
import java.util.Locale;

/**
 * The kinds of malformed row the simulator mixes into its stream, each with a keyword the rejection reason must
 * contain (case-insensitive): the model's validation and JSON codec use these words.
 */
public enum BadKind {
    NEGATIVE_SPEND(false, "negative", "spend below zero"),
    CLICKS_EXCEED_IMPRESSIONS(false, "exceed", "more clicks than impressions"),
    UNKNOWN_CURRENCY(false, "currency", "currency XXQ, not an ISO 4217 code"),
    FUTURE_DATE(false, "future", "a date after today in the account's time zone"),
    MISSING_AD_ID(false, "adId", "no adId"),
    UNPARSEABLE_JSON(false, "JSON", "a line cut in the middle: not valid JSON"),
    NON_NUMERIC_SPEND(false, "spend", "spend written as text with a comma and a currency"),
    ORDER_NEGATIVE_TOTAL(true, "negative", "totalPrice below zero"),
    ORDER_UNKNOWN_CURRENCY(true, "currency", "currency XXQ, not an ISO 4217 code"),
    ORDER_MISSING_ID(true, "orderId", "no orderId"),
    ORDER_UNPARSEABLE_JSON(true, "JSON", "a line cut in the middle: not valid JSON");

    public static final List<BadKind> INSIGHT_KINDS = List.of(NEGATIVE_SPEND, CLICKS_EXCEED_IMPRESSIONS,
            UNKNOWN_CURRENCY, FUTURE_DATE, MISSING_AD_ID, UNPARSEABLE_JSON, NON_NUMERIC_SPEND);
    public static final List<BadKind> ORDER_KINDS = List.of(ORDER_NEGATIVE_TOTAL, ORDER_UNKNOWN_CURRENCY,
            ORDER_MISSING_ID, ORDER_UNPARSEABLE_JSON);

    private final boolean order;
    private final String reasonKeyword;
    private final String description;

    BadKind(boolean order, String reasonKeyword, String description) {
        this.order = order;
        this.reasonKeyword = reasonKeyword;
        this.description = description;
    }

    public boolean isOrder() {
        return order;
    }

    /** A word the rejection reason contains, compared case-insensitively. */
    public String reasonKeyword() {
        return reasonKeyword;
    }

    public String description() {
        return description;
    }

    public boolean matches(String reason) {
        return reason != null && reason.toLowerCase(Locale.ROOT).contains(reasonKeyword.toLowerCase(Locale.ROOT));
    }
}
