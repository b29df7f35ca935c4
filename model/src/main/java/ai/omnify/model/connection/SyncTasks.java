package ai.omnify.model.connection;

import java.util.UUID;

/**
 * Names in the sync scheduler's table ({@code scheduled_tasks}, db-scheduler) that another process may use: the query
 * API reschedules a connection's poll to "now" when the connection gets new credentials, and the ingest service's
 * scheduler runs it. One place for the names keeps the two sides in step.
 */
public final class SyncTasks {
    /** The recurring poll of one connection. */
    public static final String POLL = "omnify-sync-poll";

    private SyncTasks() {}

    /** The task instance id of a connection's recurring tasks: {@code <org>:<connection>}. */
    public static String connectionInstance(UUID orgId, UUID connectionId) {
        return orgId + ":" + connectionId;
    }
}
