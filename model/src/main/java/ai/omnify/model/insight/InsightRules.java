package ai.omnify.model.insight;

import ai.omnify.model.Currencies;
import ai.omnify.model.Platform;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Defaults and validation of ad-insight snapshots. Pure functions; every refusal comes with a reason. */
public final class InsightRules {
    /** The earliest zone (UTC+14): a date is "in the future" only if it is after today there. */
    private static final ZoneId EARLIEST_ZONE = ZoneId.of("Pacific/Kiritimati");
    private static final LocalDate OLDEST_DATE = LocalDate.of(2000, 1, 1);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final int MAX_MONEY_SCALE = 6;
    static final int MAX_ID_LENGTH = 128;
    static final int MAX_NAME_LENGTH = 512;

    private InsightRules() {}

    /**
     * Fills what a producer may leave out: {@code reportedAt} (the time it was received), zero conversions and
     * conversion value, upper-case currency, the source.
     */
    public static AdInsight withDefaults(AdInsight in, Instant receivedAt, String defaultSource) {
        return new AdInsight(in.orgId(), in.platform(), trim(in.accountId()), trim(in.campaignId()),
                trim(in.campaignName()), trim(in.adId()), trim(in.adName()), in.date(), in.hour(), in.spend(),
                in.impressions(), in.clicks(),
                in.conversions() == null ? BigDecimal.ZERO : in.conversions(),
                in.conversionValue() == null ? BigDecimal.ZERO : in.conversionValue(),
                in.reach(), Currencies.normalize(in.currency()),
                in.reportedAt() == null ? receivedAt : in.reportedAt(),
                in.source() == null ? defaultSource : in.source(), trim(in.timeZone()));
    }

    /** Every reason this snapshot cannot be accepted; empty when it is valid. */
    public static List<String> validate(AdInsight in, Instant now) {
        List<String> reasons = new ArrayList<>();
        require(reasons, in.orgId(), "orgId", MAX_ID_LENGTH);
        if (in.platform() == null) {
            reasons.add("platform is missing");
        } else if (!in.platform().isAdPlatform()) {
            reasons.add("platform " + in.platform().wire() + " has no ad insights (send orders instead)");
        }
        require(reasons, in.campaignId(), "campaignId", MAX_ID_LENGTH);
        require(reasons, in.adId(), "adId", MAX_ID_LENGTH);
        optional(reasons, in.accountId(), "accountId", MAX_ID_LENGTH);
        optional(reasons, in.campaignName(), "campaignName", MAX_NAME_LENGTH);
        optional(reasons, in.adName(), "adName", MAX_NAME_LENGTH);

        ZoneId zone = null;
        if (in.timeZone() != null) {
            try {
                zone = ZoneId.of(in.timeZone());
            } catch (DateTimeException e) {
                reasons.add("timeZone '" + in.timeZone() + "' is not an IANA time zone (e.g. Europe/Berlin)");
            }
        }
        if (in.date() == null) {
            reasons.add("date is missing");
        } else {
            LocalDate latest = LocalDate.ofInstant(now, zone == null ? EARLIEST_ZONE : zone);
            if (in.date().isAfter(latest)) {
                reasons.add("date " + in.date() + " is in the future");
            } else if (in.date().isBefore(OLDEST_DATE)) {
                reasons.add("date " + in.date() + " is before " + OLDEST_DATE);
            }
        }
        if (in.hour() != null && (in.hour() < 0 || in.hour() > 23)) {
            reasons.add("hour " + in.hour() + " is outside 0-23");
        }
        money(reasons, in.spend(), "spend", true);
        money(reasons, in.conversionValue(), "conversionValue", false);
        count(reasons, in.impressions(), "impressions");
        count(reasons, in.clicks(), "clicks");
        if (in.reach() != null && in.reach() < 0) {
            reasons.add("reach is negative (" + in.reach() + ")");
        }
        if (in.conversions() != null && in.conversions().signum() < 0) {
            reasons.add("conversions is negative (" + in.conversions().toPlainString() + ")");
        }
        // comparisons only between values that are valid themselves, so one mistake gives one reason
        if (in.impressions() != null && in.clicks() != null && in.impressions() >= 0 && in.clicks() > in.impressions()) {
            reasons.add("clicks (" + in.clicks() + ") exceed impressions (" + in.impressions() + ")");
        }
        if (in.impressions() != null && in.reach() != null && in.impressions() >= 0 && in.reach() > in.impressions()) {
            reasons.add("reach (" + in.reach() + ") exceeds impressions (" + in.impressions() + ")");
        }
        if (in.currency() == null || in.currency().isBlank()) {
            reasons.add("currency is missing");
        } else if (!Currencies.isKnown(in.currency())) {
            reasons.add("currency '" + in.currency() + "' is not an ISO 4217 code");
        }
        if (in.reportedAt() == null) {
            reasons.add("reportedAt is missing");
        } else if (in.reportedAt().isAfter(now.plus(CLOCK_SKEW))) {
            reasons.add("reportedAt " + in.reportedAt() + " is in the future");
        }
        return reasons;
    }

    static void require(List<String> reasons, String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            reasons.add(field + " is missing");
        } else {
            optional(reasons, value, field, maxLength);
        }
    }

    static void optional(List<String> reasons, String value, String field, int maxLength) {
        if (value != null && value.length() > maxLength) {
            reasons.add(field + " is longer than " + maxLength + " characters");
        }
    }

    static void money(List<String> reasons, BigDecimal value, String field, boolean required) {
        if (value == null) {
            if (required) {
                reasons.add(field + " is missing");
            }
            return;
        }
        if (value.signum() < 0) {
            reasons.add(field + " is negative (" + value.toPlainString() + ")");
        }
        if (value.stripTrailingZeros().scale() > MAX_MONEY_SCALE) {
            reasons.add(field + " has more than " + MAX_MONEY_SCALE + " decimal places (" + value.toPlainString() + ")");
        }
        if (value.abs().compareTo(new BigDecimal("1000000000000")) >= 0) {
            reasons.add(field + " is implausibly large (" + value.toPlainString() + ")");
        }
    }

    private static void count(List<String> reasons, Long value, String field) {
        if (value == null) {
            reasons.add(field + " is missing");
        } else if (value < 0) {
            reasons.add(field + " is negative (" + value + ")");
        }
    }

    static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }
}
