package ai.omnify.jobs.detection;

import ai.omnify.model.Topics;
import ai.omnify.config.DatabaseConfig;
import java.time.Duration;

/**
 * The production {@link BackfillProgress}: a {@link BackfillBarrier} over Kafka and PostgreSQL
 * ({@link KafkaBackfillUpstream}), opened in each operator instance.
 *
 * @param metricsGroup the MetricsJob's consumer group (blank: not checked)
 * @param selfGroup this job's consumer group
 * @param drain how long the MetricsJob may still write after it read everything (its debounce, late corrections)
 * @param maxWait the most a backfill is waited for once its syncs are done
 */
public record UpstreamProgress(String bootstrap, Topics topics, String metricsGroup, String selfGroup,
        DatabaseConfig database, Duration drain, Duration maxWait) implements BackfillProgress {
    private static final long serialVersionUID = 1L;
    /** How often an organization's upstream is asked, at most. */
    static final long POLL_MILLIS = 1_000;

    /** The barrier of this operator instance (a record keeps no transient fields: one per JVM and configuration). */
    private static final java.util.Map<UpstreamProgress, BackfillBarrier> OPEN = new java.util.HashMap<>();
    private static final java.util.Map<UpstreamProgress, Integer> USERS = new java.util.HashMap<>();

    @Override
    public void open() {
        synchronized (OPEN) {
            OPEN.computeIfAbsent(this, p -> new BackfillBarrier(new KafkaBackfillUpstream(bootstrap, topics,
                    metricsGroup, selfGroup, database), drain.toMillis(), POLL_MILLIS, maxWait.toMillis()));
            USERS.merge(this, 1, Integer::sum);
        }
    }

    @Override
    public boolean settled(String orgId, long now) {
        synchronized (OPEN) {
            BackfillBarrier b = OPEN.get(this);
            return b == null || b.settled(orgId, now);
        }
    }

    @Override
    public void close() throws Exception {
        synchronized (OPEN) {
            Integer users = USERS.merge(this, -1, Integer::sum);
            if (users != null && users <= 0) {
                USERS.remove(this);
                BackfillBarrier b = OPEN.remove(this);
                if (b != null) {
                    b.close();
                }
            }
        }
    }
}
