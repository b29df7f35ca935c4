package ai.omnify.ingest.sync;

import ai.omnify.model.Platform;
import ai.omnify.server.db.TenantDb;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code sync_runs} and {@code sync_cursors}: runs are created, claimed (fenced by {@code attempt}), advanced page by
 * page and finished, each in a transaction scoped to the organization. Pending backfills of all organizations are
 * listed through a SECURITY DEFINER function.
 */
public class SyncRunStore {
    private static final String COLUMNS = "id, organization_id, connection_id, kind, state, window_from, window_to,"
            + " updated_since, page_cursor, attempt, rows, pages_done, pages_total";
    /** The {@code sync_cursors.kind} of the last ad-entities publish (V16). */
    static final String ENTITIES_CURSOR = "entities";
    private final TenantDb tx;

    public SyncRunStore(TenantDb tx) {
        this.tx = tx;
    }

    /** A pending backfill: queued or left running by an instance that stopped. */
    public record Pending(UUID runId, UUID orgId, UUID connectionId) {}

    public List<Pending> pendingBackfills() {
        return tx.withoutOrg(c -> {
            List<Pending> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM omnify_sync_pending_runs()");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(rs.getObject("run_id", UUID.class), rs.getObject("organization_id", UUID.class),
                            rs.getObject("connection_id", UUID.class)));
                }
            }
            return out;
        });
    }

    public SyncRun create(UUID orgId, UUID connectionId, Platform platform, SyncKind kind, SyncWindows.Window w) {
        return tx.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_runs (organization_id, connection_id,"
                    + " platform, kind, state, window_from, window_to, updated_since) VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)"
                    + " RETURNING " + COLUMNS)) {
                ps.setObject(1, orgId);
                ps.setObject(2, connectionId);
                ps.setString(3, platform.wire());
                ps.setString(4, kind.wire());
                ps.setObject(5, w.from() == null ? null : Date.valueOf(w.from()));
                ps.setObject(6, w.to() == null ? null : Date.valueOf(w.to()));
                ps.setTimestamp(7, w.updatedSince() == null ? null : Timestamp.from(w.updatedSince()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return read(rs);
                }
            }
        });
    }

    public Optional<SyncRun> get(UUID orgId, UUID runId) {
        return tx.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sync_runs WHERE id = ?"
                    + " AND organization_id = ?")) {
                ps.setObject(1, runId);
                ps.setObject(2, orgId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The newest unfinished (queued or running) run of this kind for the connection. */
    public Optional<SyncRun> unfinished(UUID orgId, UUID connectionId, SyncKind kind) {
        return tx.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sync_runs WHERE organization_id = ?"
                    + " AND connection_id = ? AND kind = ? AND state IN ('queued', 'running')"
                    + " ORDER BY requested_at DESC LIMIT 1")) {
                ps.setObject(1, orgId);
                ps.setObject(2, connectionId);
                ps.setString(3, kind.wire());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Takes the run for this execution: running, attempt + 1. Earlier executions can no longer write it. */
    public SyncRun claim(SyncRun run, Instant now) {
        return tx.inOrg(run.orgId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sync_runs SET state = 'running', attempt = attempt + 1,"
                    + " started_at = CASE WHEN attempt = 0 THEN ? ELSE started_at END, updated_at = ?, error = NULL"
                    + " WHERE id = ? AND organization_id = ? AND state IN ('queued', 'running') RETURNING " + COLUMNS)) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setObject(3, run.id());
                ps.setObject(4, run.orgId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new LostRunException("sync run " + run.id() + " is already finished");
                    }
                    return read(rs);
                }
            }
        });
    }

    /**
     * Records a finished page: its rows, the progress and where the next page starts.
     *
     * @throws LostRunException when another execution claimed the run since
     */
    public void pageDone(SyncRun run, String nextCursor, long rows, int pagesDone, Integer pagesTotal, Instant now) {
        fenced(run, "UPDATE sync_runs SET page_cursor = ?, rows = rows + ?, pages_done = ?, pages_total = ?,"
                + " updated_at = ? WHERE id = ? AND organization_id = ? AND attempt = ? AND state = 'running'", ps -> {
                    ps.setString(1, nextCursor == null ? SyncRun.END : nextCursor);
                    ps.setLong(2, rows);
                    ps.setInt(3, pagesDone);
                    ps.setObject(4, pagesTotal);
                    ps.setTimestamp(5, Timestamp.from(now));
                    return 6;
                });
    }

    public void succeed(SyncRun run, SyncSummary summary, Instant now) {
        fenced(run, "UPDATE sync_runs SET state = 'succeeded', finished_at = ?, updated_at = ?, error = NULL,"
                + " page_cursor = NULL, requests = requests + ?, throttled = throttled + ?"
                + " WHERE id = ? AND organization_id = ? AND attempt = ? AND state = 'running'", ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setInt(3, summary == null ? 0 : summary.requests());
                    ps.setInt(4, summary == null ? 0 : summary.throttled());
                    return 5;
                });
    }

    /**
     * Records an error. {@code retry}: the run goes back to queued with its cursor (a backfill resumes later);
     * otherwise it is failed for good.
     */
    public void fail(SyncRun run, String error, boolean retry, Instant now) {
        fenced(run, "UPDATE sync_runs SET state = ?, finished_at = ?, updated_at = ?, error = ?"
                + " WHERE id = ? AND organization_id = ? AND attempt = ? AND state = 'running'", ps -> {
                    ps.setString(1, retry ? "queued" : "failed");
                    ps.setTimestamp(2, retry ? null : Timestamp.from(now));
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setString(4, error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 997) + "..." : error);
                    return 5;
                });
    }

    public Optional<Instant> highWater(UUID orgId, UUID connectionId, SyncKind kind) {
        return highWater(orgId, connectionId, kind.wire());
    }

    /** When the connection's ads were last published to {@code omnify.ad-entities} (after Kafka acknowledged them). */
    public Optional<Instant> entitiesPublishedAt(UUID orgId, UUID connectionId) {
        return highWater(orgId, connectionId, ENTITIES_CURSOR);
    }

    /** Records a publish of the connection's ads whose records Kafka acknowledged. */
    public void entitiesPublished(UUID orgId, UUID connectionId, Instant at) {
        advanceHighWater(orgId, connectionId, ENTITIES_CURSOR, at);
    }

    private Optional<Instant> highWater(UUID orgId, UUID connectionId, String kind) {
        return tx.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT high_water FROM sync_cursors WHERE organization_id = ?"
                    + " AND connection_id = ? AND kind = ?")) {
                ps.setObject(1, orgId);
                ps.setObject(2, connectionId);
                ps.setString(3, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Timestamp t = rs.getTimestamp(1);
                    return Optional.ofNullable(t == null ? null : t.toInstant());
                }
            }
        });
    }

    /** Moves the high-water mark forward (never back). */
    public void advanceHighWater(UUID orgId, UUID connectionId, SyncKind kind, Instant to) {
        advanceHighWater(orgId, connectionId, kind.wire(), to);
    }

    private void advanceHighWater(UUID orgId, UUID connectionId, String kind, Instant to) {
        tx.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_cursors (organization_id, connection_id,"
                    + " kind, high_water) VALUES (?, ?, ?, ?) ON CONFLICT (connection_id, kind) DO UPDATE SET"
                    + " high_water = GREATEST(sync_cursors.high_water, EXCLUDED.high_water), updated_at = now()")) {
                ps.setObject(1, orgId);
                ps.setObject(2, connectionId);
                ps.setString(3, kind);
                ps.setTimestamp(4, Timestamp.from(to));
                return ps.executeUpdate();
            }
        });
    }

    @FunctionalInterface
    private interface Binder {
        /** Binds the leading parameters; returns the index of the first of (id, org, attempt). */
        int bind(PreparedStatement ps) throws SQLException;
    }

    private void fenced(SyncRun run, String sql, Binder binder) {
        int updated = tx.inOrg(run.orgId(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = binder.bind(ps);
                ps.setObject(i, run.id());
                ps.setObject(i + 1, run.orgId());
                ps.setInt(i + 2, run.attempt());
                return ps.executeUpdate();
            }
        });
        if (updated == 0) {
            throw new LostRunException("sync run " + run.id() + " was taken over by another execution (attempt "
                    + run.attempt() + " is stale)");
        }
    }

    static SyncRun read(ResultSet rs) throws SQLException {
        Date from = rs.getDate("window_from");
        Date to = rs.getDate("window_to");
        Timestamp since = rs.getTimestamp("updated_since");
        return new SyncRun(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getObject("connection_id", UUID.class), SyncKind.fromWire(rs.getString("kind")), rs.getString("state"),
                from == null ? null : from.toLocalDate(), to == null ? null : to.toLocalDate(),
                since == null ? null : since.toInstant(), rs.getString("page_cursor"), rs.getInt("attempt"),
                rs.getLong("rows"), rs.getInt("pages_done"), (Integer) rs.getObject("pages_total"));
    }
}
