package ai.omnify.ingest.sync;

import ai.omnify.ingest.connections.ConnectionDetails;
import ai.omnify.ingest.connections.ConnectionStore;
import ai.omnify.ingest.sink.RecordSink;
import ai.omnify.model.Platform;
import ai.omnify.model.Topics;
import ai.omnify.server.crypto.CredentialCipher.CredentialException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sync of one connection: finds or resumes its run, hands the reader the window and the stored page cursor,
 * and records the outcome. A permanent platform error marks the connection {@code needs_reauth}, raises an alert and
 * stops its polling; a transient one is recorded and left to the next scheduled run (a backfill keeps its cursor and
 * resumes later, a bounded number of times). Called by the scheduler's tasks; knows nothing of the scheduler.
 */
public class SyncRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

    /** What the scheduler should do with the task next. */
    public enum Outcome {
        /** Keep the schedule (poll/nightly) or finish (backfill). */
        DONE,
        /** The connection is gone, disabled or needs re-authorization: drop its recurring tasks. */
        STOP,
        /** A backfill met a transient error: run it again later, from its cursor. */
        RETRY_LATER
    }

    private final ConnectionStore connections;
    private final SyncRunStore runs;
    private final PlatformReaders readers;
    private final RecordSink sink;
    private final Topics topics;
    private final ReauthAlerts alerts;
    private final SyncConfig config;
    private final Clock clock;
    private final EntityPublisher entities;

    public SyncRunner(ConnectionStore connections, SyncRunStore runs, PlatformReaders readers, RecordSink sink,
                      Topics topics, ReauthAlerts alerts, SyncConfig config, Clock clock) {
        this.connections = connections;
        this.runs = runs;
        this.readers = readers;
        this.sink = sink;
        this.topics = topics;
        this.alerts = alerts;
        this.config = config;
        this.clock = clock;
        this.entities = new EntityPublisher(runs, sink, topics, config, clock);
    }

    /**
     * What a recurring run did, with what the scheduler needs for the next one.
     *
     * @param platform the connection's platform (null when it is gone)
     * @param orgZone the organization's time zone
     */
    public record Result(Outcome outcome, Platform platform, ZoneId orgZone) {}

    /** A poll or the nightly resync of a connection: resumes its unfinished run of that kind, or starts a new one. */
    public Result recurring(SyncKind kind, UUID orgId, UUID connectionId) {
        Optional<ConnectionDetails> opened = open(orgId, connectionId);
        if (opened.isEmpty()) {
            return new Result(Outcome.STOP, null, ZoneOffset.UTC);
        }
        ConnectionDetails c = opened.get();
        if (!c.isActive()) {
            return new Result(Outcome.STOP, c.platform(), c.orgZone());
        }
        SyncRun run = runs.unfinished(orgId, connectionId, kind).orElseGet(() -> {
            Instant highWater = c.platform() == Platform.SHOPIFY
                    ? runs.highWater(orgId, connectionId, SyncKind.POLL).orElse(null) : null;
            return runs.create(orgId, connectionId, c.platform(), kind,
                    SyncWindows.forRead(kind, c.platform(), config, c.zone(), clock.instant(), highWater));
        });
        return new Result(execute(c, run), c.platform(), c.orgZone());
    }

    /** A backfill run (queued by the API, by the launcher, or for a new connection). */
    public Outcome backfill(UUID orgId, UUID runId) {
        Optional<SyncRun> found = runs.get(orgId, runId);
        if (found.isEmpty() || !(found.get().state().equals("queued") || found.get().state().equals("running"))) {
            return Outcome.DONE;
        }
        SyncRun run = found.get();
        Optional<ConnectionDetails> opened = open(orgId, run.connectionId());
        if (opened.isEmpty() || !opened.get().isActive()) {
            SyncRun claimed = runs.claim(run, clock.instant());
            runs.fail(claimed, opened.isEmpty() ? "the connection was deleted" : "the connection is "
                    + opened.get().status(), false, clock.instant());
            return Outcome.DONE;
        }
        Outcome o = execute(opened.get(), run);
        return o == Outcome.STOP ? Outcome.DONE : o;
    }

    private Optional<ConnectionDetails> open(UUID orgId, UUID connectionId) {
        try {
            return connections.load(orgId, connectionId);
        } catch (CredentialException e) {
            LOG.warn("connection {} cannot be opened: {}", connectionId, e.getMessage());
            connections.recordError(orgId, connectionId, "credentials cannot be opened: " + e.getMessage(), clock.instant());
            throw e;
        }
    }

    private Outcome execute(ConnectionDetails c, SyncRun unclaimed) {
        PlatformReader reader = readers.reader(c.platform());
        if (reader == null) {
            String why = "this ingest build has no reader for " + c.platform().wire();
            connections.recordError(c.orgId(), c.id(), why, clock.instant());
            LOG.warn("sync of connection {} skipped: {}", c.id(), why);
            return Outcome.DONE;
        }
        SyncRun run;
        try {
            run = runs.claim(unclaimed, clock.instant());
        } catch (LostRunException e) {
            return Outcome.DONE;
        }
        Instant started = clock.instant();
        if (run.allPagesDone()) { // every page was durable before an earlier execution stopped
            finishSucceeded(c, run, new SyncSummary(0, 0, 0, 0), started);
            return publishEntities(c, run, reader);
        }
        SinkSyncOutput output = new SinkSyncOutput(sink, topics, runs, run, clock, config.pageAckTimeout());
        SyncRequest request = new SyncRequest(c.orgId(), c.id(), c.platform(), c.account(), c.credentials(),
                c.platform() == Platform.SHOPIFY ? null : run.from(), c.platform() == Platform.SHOPIFY ? null : run.to(),
                run.updatedSince(), run.resumeCursor());
        try {
            SyncSummary summary = reader.read(request, output);
            output.finish();
            finishSucceeded(c, run, summary, started);
            LOG.info("{} sync of {} {} done: {} rows, {} pages", run.kind().wire(), c.platform().wire(), c.account(),
                    output.rows(), summary == null ? "?" : summary.pages());
            return publishEntities(c, run, reader);
        } catch (PlatformException.Permanent e) {
            if (output.failure() instanceof LostRunException) {
                return Outcome.DONE;
            }
            String reason = e.getMessage();
            runs.fail(run, "needs re-authorization: " + reason, false, clock.instant());
            if (connections.markNeedsReauth(c.orgId(), c.id(), reason, clock.instant())) {
                alerts.raise(c, reason, clock.instant());
            }
            LOG.warn("connection {} ({} {}) needs re-authorization: {}", c.id(), c.platform().wire(), c.account(), reason);
            return Outcome.STOP;
        } catch (LostRunException e) {
            LOG.info("sync run {} was taken over by another execution; this one stops", run.id());
            return Outcome.DONE;
        } catch (PlatformException | RuntimeException e) { // Transient, Kafka, the database, a reader bug
            if (output.failure() instanceof LostRunException) {
                return Outcome.DONE;
            }
            RuntimeException pageFailure = output.failure();
            String error = pageFailure != null ? pageFailure.getMessage() : e.getMessage();
            boolean retry = run.kind() == SyncKind.BACKFILL && run.attempt() < config.backfillAttempts();
            try {
                runs.fail(run, error, retry, clock.instant());
            } catch (LostRunException lost) {
                return Outcome.DONE;
            }
            connections.recordError(c.orgId(), c.id(), error, clock.instant());
            LOG.warn("{} sync of {} {} stopped (transient, {}): {}", run.kind().wire(), c.platform().wire(), c.account(),
                    retry ? "resumes later from page " + run.pagesDone() : "next scheduled run tries again", error);
            return retry ? Outcome.RETRY_LATER : Outcome.DONE;
        }
    }

    /** After a successful read: the connection's ads to {@code omnify.ad-entities} when due (see EntityPublisher). */
    private Outcome publishEntities(ConnectionDetails c, SyncRun run, PlatformReader reader) {
        if (!(reader instanceof EntityReader er)) {
            return Outcome.DONE;
        }
        try {
            if (!entities.due(run.kind(), c.orgId(), c.id())) {
                return Outcome.DONE;
            }
            long n = entities.publish(c, run, er);
            LOG.info("{} ads of {} {} published to the ad entities", n, c.platform().wire(), c.account());
            return Outcome.DONE;
        } catch (PlatformException.Permanent e) {
            String reason = e.getMessage();
            if (connections.markNeedsReauth(c.orgId(), c.id(), reason, clock.instant())) {
                alerts.raise(c, reason, clock.instant());
            }
            LOG.warn("connection {} ({} {}) needs re-authorization: {}", c.id(), c.platform().wire(), c.account(), reason);
            return Outcome.STOP;
        } catch (PlatformException | RuntimeException e) { // the next due run tries again: the publish is not recorded
            connections.recordError(c.orgId(), c.id(), "ads not published: " + e.getMessage(), clock.instant());
            LOG.warn("ads of {} {} not published (the next poll tries again): {}", c.platform().wire(), c.account(),
                    e.getMessage());
            return Outcome.DONE;
        }
    }

    private void finishSucceeded(ConnectionDetails c, SyncRun run, SyncSummary summary, Instant started) {
        runs.succeed(run, summary, clock.instant());
        connections.recordSuccess(c.orgId(), c.id(), clock.instant());
        if (c.platform() == Platform.SHOPIFY && run.kind() != SyncKind.NIGHTLY) {
            runs.advanceHighWater(c.orgId(), c.id(), SyncKind.POLL, started);
        }
    }
}
