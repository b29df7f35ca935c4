package ai.omnify.jobs.metrics;

import ai.omnify.jobs.reference.JdbcReferenceData;
import ai.omnify.jobs.reference.ReferenceData;
import ai.omnify.config.DatabaseConfig;
import java.time.Duration;

/** What the operators look up: organizations and rates, and the stored days for late corrections. */
public record MetricsDependencies(ReferenceData reference, DayItemStore channelDays, DayItemStore orgDays) {

    public static MetricsDependencies jdbc(DatabaseConfig db, Duration referenceRefresh) {
        return new MetricsDependencies(new JdbcReferenceData(db, referenceRefresh),
                new JdbcDayItemStore(db, JdbcDayItemStore.Level.CHANNEL_DAY),
                new JdbcDayItemStore(db, JdbcDayItemStore.Level.ORG_DAY));
    }
}
