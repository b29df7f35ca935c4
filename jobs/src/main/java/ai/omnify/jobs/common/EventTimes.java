package ai.omnify.jobs.common;

import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Event time of the records. A snapshot's is the start of its date (and hour) in the account's time zone, UTC when
 * unknown: the time the data is about, not when it was polled. An order's is its creation.
 */
public final class EventTimes {
    private EventTimes() {}

    public static long of(AdInsight in) {
        int hour = in.hour() == null ? 0 : in.hour();
        return in.date().atTime(hour, 0).atZone(zone(in.timeZone())).toInstant().toEpochMilli();
    }

    public static long of(OrderEvent in) {
        return in.createdAt().toEpochMilli();
    }

    /** Start of the day after {@code date}, at the latest time zone (UTC-12): when the day is over everywhere. */
    public static long endOfDayEverywhere(LocalDate date) {
        return date.plusDays(1).atStartOfDay(ZoneOffset.ofHours(-12)).toInstant().toEpochMilli();
    }

    static ZoneId zone(String id) {
        if (id == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
