package ai.omnify.jobs.detection;

import ai.omnify.model.metrics.MetricsUpdate;

/**
 * How far an organization's store orders have been read (issue 4): the newest date of an organization-day row of the
 * changelog that counts store orders. The order-based detectors (tracking break on attributed orders, ROAS drop) judge
 * a day only once orders of a later date have been read: the MetricsJob reads the orders topic at its own pace, and
 * in a replay (or behind a backlog) a channel-day whose ad data is complete can still miss its orders, which would
 * look like a broken checkout or a ROAS collapse. Live, a store's orders of the next morning are in long before the
 * day is judged (the first poll 8 h after it ended).
 *
 * @param throughEpochDay the newest date with store orders read, as an epoch day
 */
public record OrderClock(String orgId, long throughEpochDay) {

    /** The clock an organization-day row shows, or null for other rows and days without store orders. */
    public static OrderClock of(MetricsUpdate u) {
        if (!MetricsUpdate.ORG.equals(u.level()) || !MetricsUpdate.DAY.equals(u.grain()) || u.date() == null
                || u.storeOrders() == null || u.storeOrders() <= 0) {
            return null;
        }
        return new OrderClock(u.orgId(), u.date().toEpochDay());
    }

    /** Whether the orders of the day labelled {@code windowEpochDay} are read: a later day's orders were. */
    public static boolean ordersRead(Long throughEpochDay, long windowEpochDay) {
        return throughEpochDay != null && throughEpochDay > windowEpochDay;
    }
}
