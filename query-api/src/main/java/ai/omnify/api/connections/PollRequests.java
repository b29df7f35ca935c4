package ai.omnify.api.connections;

import ai.omnify.model.connection.SyncTasks;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the ingest service's sync scheduler to poll a connection now. The query API and the ingest service share the
 * scheduler's table ({@code scheduled_tasks}): a db-scheduler {@link SchedulerClient} on it moves the connection's poll
 * to now (or creates it when a {@code needs_reauth} connection's poll removed itself); the scheduler of some ingest
 * instance picks it at its next look ({@code SYNC_SCHEDULER_POLL}, 5 s). A failure is logged, never the request's:
 * the poll then comes at its next interval, or within {@code SYNC_RECONCILE_INTERVAL} when it had been removed.
 */
public interface PollRequests {
    void pollNow(UUID orgId, UUID connectionId);

    PollRequests NONE = (orgId, connectionId) -> {};

    static PollRequests scheduler(DataSource dataSource, Clock clock) {
        // the client resolves executions through their task: it knows the poll by name (it never runs it; the ingest
        // service's scheduler does)
        SchedulerClient client = SchedulerClient.Builder.create(new AutoCommit(dataSource),
                Tasks.oneTime(SyncTasks.POLL, Void.class).execute((instance, ctx) -> {
                    throw new IllegalStateException("the sync poll runs in the ingest service");
                })).build();
        Logger log = LoggerFactory.getLogger(PollRequests.class);
        return (orgId, connectionId) -> {
            TaskInstance<Void> poll = new TaskInstance<>(SyncTasks.POLL, SyncTasks.connectionInstance(orgId, connectionId));
            try {
                client.schedule(poll, clock.instant(), SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
            } catch (RuntimeException e) { // e.g. the poll is running right now: it reads the new credentials anyway
                log.info("poll of connection {} not moved forward: {}", connectionId, e.getMessage());
            }
        };
    }

    /**
     * The pool's connections with auto-commit on: the query API's pool hands them out with auto-commit off (TenantDb
     * runs explicit transactions), and the scheduler client does not commit by itself. The pool resets the flag when
     * a connection comes back.
     */
    final class AutoCommit implements DataSource {
        private final DataSource pool;

        AutoCommit(DataSource pool) {
            this.pool = pool;
        }

        @Override
        public java.sql.Connection getConnection() throws java.sql.SQLException {
            return autoCommit(pool.getConnection());
        }

        @Override
        public java.sql.Connection getConnection(String user, String password) throws java.sql.SQLException {
            return autoCommit(pool.getConnection(user, password));
        }

        private static java.sql.Connection autoCommit(java.sql.Connection c) throws java.sql.SQLException {
            c.setAutoCommit(true);
            return c;
        }

        @Override
        public java.io.PrintWriter getLogWriter() throws java.sql.SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) throws java.sql.SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws java.sql.SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws java.sql.SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws java.sql.SQLException {
            return pool.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws java.sql.SQLException {
            return pool.isWrapperFor(iface);
        }
    }
}
