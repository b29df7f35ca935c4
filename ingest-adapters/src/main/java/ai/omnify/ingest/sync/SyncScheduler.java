package ai.omnify.ingest.sync;

import ai.omnify.ingest.connections.ConnectionRef;
import ai.omnify.ingest.connections.ConnectionStore;
import ai.omnify.ingest.platform.Backoff;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Daily;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync schedule on db-scheduler (its table {@code scheduled_tasks} in PostgreSQL): every instance of the ingest
 * service runs one, and each due execution is picked by exactly one of them (optimistic locking on the row); an
 * execution whose instance stops heart-beating is revived by another and resumes from its run's stored page cursor.
 *
 * <p>Tasks, each instance id {@code <org>:<connection or run>}: {@value #POLL} (every N minutes per platform),
 * {@value #NIGHTLY} (daily at {@code SYNC_NIGHTLY_AT} in the organization's time zone), {@value #BACKFILL} (one per
 * backfill run), and the recurring {@value #RECONCILE}, which schedules the tasks of new connections and requested
 * backfills. A connection that is deleted, disabled or needs re-authorization drops its recurring tasks when they next
 * come due.
 */
public final class SyncScheduler implements SyncTrigger, AutoCloseable {
    public static final String POLL = ai.omnify.model.connection.SyncTasks.POLL;
    public static final String NIGHTLY = "omnify-sync-nightly";
    public static final String BACKFILL = "omnify-sync-backfill";
    public static final String RECONCILE = "omnify-sync-reconcile";
    private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);

    private final Scheduler scheduler;
    private final CustomTask<Void> poll;

    private SyncScheduler(Scheduler scheduler, CustomTask<Void> poll) {
        this.scheduler = scheduler;
        this.poll = poll;
    }

    /**
     * Builds and starts a scheduler.
     *
     * @param name this instance's name in {@code scheduled_tasks.picked_by} (null: the host name)
     */
    public static SyncScheduler start(DataSource dataSource, SyncConfig config, SyncRunner runner,
                                      ConnectionStore connections, SyncRunStore runs, Clock clock, String name) {
        FixedDelay retry = FixedDelay.of(config.backfillRetry());
        Backoff backfillBackoff = new Backoff(config.backfillRetry(), max(config.backfillRetry(), BACKFILL_RETRY_CAP));
        CustomTask<Void> poll = Tasks.custom(POLL, Void.class)
                .onFailureReschedule(FixedDelay.of(config.pollIntervals().values().stream().min(Duration::compareTo)
                        .orElse(Duration.ofMinutes(5))))
                .onDeadExecutionRevive()
                .execute((instance, ctx) -> {
                    Ids ids = Ids.parse(instance.getId());
                    SyncRunner.Result r = runner.recurring(SyncKind.POLL, ids.org(), ids.target());
                    if (r.outcome() == SyncRunner.Outcome.STOP) {
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    return new CompletionHandler.OnCompleteReschedule<>(FixedDelay.of(config.pollInterval(r.platform())));
                });
        CustomTask<Void> nightly = Tasks.custom(NIGHTLY, Void.class)
                .onFailureReschedule(FixedDelay.ofHours(1))
                .onDeadExecutionRevive()
                .execute((instance, ctx) -> {
                    Ids ids = Ids.parse(instance.getId());
                    SyncRunner.Result r = runner.recurring(SyncKind.NIGHTLY, ids.org(), ids.target());
                    if (r.outcome() == SyncRunner.Outcome.STOP) {
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    return new CompletionHandler.OnCompleteReschedule<>(nightlySchedule(config, r.orgZone()));
                });
        CustomTask<Void> backfill = Tasks.custom(BACKFILL, Void.class)
                .onFailureReschedule(retry)
                .onDeadExecutionRevive()
                .execute((instance, ctx) -> {
                    Ids ids = Ids.parse(instance.getId());
                    SyncRunner.Outcome o = runner.backfill(ids.org(), ids.target());
                    if (o != SyncRunner.Outcome.RETRY_LATER) {
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    int attempt = runs.get(ids.org(), ids.target()).map(SyncRun::attempt).orElse(1);
                    return new CompletionHandler.OnCompleteReschedule<>(FixedDelay.of(
                            backfillWait(backfillBackoff, attempt, ThreadLocalRandom.current()::nextDouble)));
                });
        Reconciler reconciler = new Reconciler(connections, runs, config, clock);
        RecurringTask<Void> reconcile = Tasks.recurring(RECONCILE, FixedDelay.of(config.reconcileInterval()))
                .execute((instance, ctx) -> reconciler.reconcile(ctx.getSchedulerClient(), poll, nightly, backfill));

        Scheduler scheduler = Scheduler.create(dataSource, List.of(poll, nightly, backfill))
                .startTasks(reconcile)
                .threads(config.threads())
                .pollingInterval(config.schedulerPolling())
                .heartbeatInterval(config.heartbeat())
                .missedHeartbeatsLimit(4)
                .schedulerName(name == null ? new SchedulerName.Hostname() : new SchedulerName.Fixed(name))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
        scheduler.start();
        LOG.info("sync scheduler {} started: {} threads, reconcile every {} s", name == null ? "(host name)" : name,
                config.threads(), config.reconcileInterval().toSeconds());
        return new SyncScheduler(scheduler, poll);
    }

    /** The longest wait between two attempts of a backfill that keeps meeting transient errors. */
    static final Duration BACKFILL_RETRY_CAP = Duration.ofMinutes(30);

    /**
     * The wait before attempt {@code attempt + 1} of a backfill: exponential (the backoff's ceiling for that attempt,
     * doubling up to its cap) with equal jitter, uniform in [ceiling / 2, ceiling], so that instances that failed
     * together do not retry together and no wait is near zero. Pure.
     */
    static Duration backfillWait(Backoff backoff, int attempt, java.util.function.DoubleSupplier random) {
        long ceiling = backoff.ceiling(attempt).toMillis();
        return Duration.ofMillis(ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2)));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Runs the connection's poll now (when it has one scheduled, or schedules it). */
    @Override
    public void pollSoon(UUID orgId, UUID connectionId) {
        String id = orgId + ":" + connectionId;
        try {
            if (!scheduler.reschedule(poll.instance(id), Instant.now())) {
                scheduler.scheduleIfNotExists(poll.instance(id), Instant.now());
            }
        } catch (RuntimeException e) {
            // a poll currently running is picked and cannot be rescheduled; its next run comes soon anyway
            LOG.debug("poll of connection {} not moved forward: {}", connectionId, e.getMessage());
        }
    }

    public SchedulerClient client() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.stop();
    }

    static Daily nightlySchedule(SyncConfig config, ZoneId zone) {
        return new Daily(zone, config.nightlyAt());
    }

    static Instant nextNightly(SyncConfig config, ZoneId zone, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime at = local.toLocalDate().atTime(config.nightlyAt()).atZone(zone);
        if (!at.toInstant().isAfter(now)) {
            at = local.toLocalDate().plusDays(1).atTime(config.nightlyAt()).atZone(zone);
        }
        return at.toInstant();
    }

    static ZoneId zone(String id) {
        try {
            return id == null ? ZoneOffset.UTC : ZoneId.of(id);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** Parses {@code <org>:<connection or run>}. */
    record Ids(UUID org, UUID target) {
        static Ids parse(String instanceId) {
            int colon = instanceId.indexOf(':');
            return new Ids(UUID.fromString(instanceId.substring(0, colon)), UUID.fromString(instanceId.substring(colon + 1)));
        }
    }

    /** Schedules what is due to exist: tasks of active connections, a first backfill, requested backfills. */
    static final class Reconciler {
        private final ConnectionStore connections;
        private final SyncRunStore runs;
        private final SyncConfig config;
        private final Clock clock;

        Reconciler(ConnectionStore connections, SyncRunStore runs, SyncConfig config, Clock clock) {
            this.connections = connections;
            this.runs = runs;
            this.config = config;
            this.clock = clock;
        }

        void reconcile(SchedulerClient client, CustomTask<Void> poll, CustomTask<Void> nightly, CustomTask<Void> backfill) {
            Instant now = clock.instant();
            for (ConnectionRef c : connections.all()) {
                if (!c.isActive()) {
                    continue;
                }
                String id = c.orgId() + ":" + c.id();
                if (!c.hasRuns() && config.initialBackfillDays() > 0) {
                    runs.create(c.orgId(), c.id(), c.platform(), SyncKind.BACKFILL, SyncWindows.backfill(c.platform(),
                            config.initialBackfillDays(), zone(c.orgTimeZone()), now));
                    LOG.info("new connection {} ({} {}): first backfill of {} days queued", c.id(), c.platform().wire(),
                            c.account(), config.initialBackfillDays());
                }
                long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, Math.min(10_000,
                        config.pollInterval(c.platform()).toMillis())));
                client.scheduleIfNotExists(poll.instance(id), now.plusMillis(jitter));
                client.scheduleIfNotExists(nightly.instance(id), nextNightly(config, zone(c.orgTimeZone()), now));
            }
            for (SyncRunStore.Pending p : runs.pendingBackfills()) {
                client.scheduleIfNotExists(backfill.instance(p.orgId() + ":" + p.runId()), now);
            }
        }
    }

    /** The task instance of a connection's poll (tests look at it). */
    public static TaskInstance<Void> pollInstance(CustomTask<Void> task, UUID orgId, UUID connectionId) {
        return task.instance(orgId + ":" + connectionId);
    }
}
