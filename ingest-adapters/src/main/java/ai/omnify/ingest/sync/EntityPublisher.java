package ai.omnify.ingest.sync;

import ai.omnify.ingest.connections.ConnectionDetails;
import ai.omnify.ingest.sink.RecordSink;
import ai.omnify.model.Topics;
import ai.omnify.model.insight.AdEntity;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Publishes a connection's ads (names, status, copy, launch date) to {@code omnify.ad-entities} after a successful
 * read: always after a backfill or the nightly pass, and after a poll when the last publish is older than
 * {@code SYNC_ENTITIES_INTERVAL} (1 h by default: three list calls per account are cheap, but status changes are not
 * worth Meta's rate budget every 5 minutes). The publish time is stored in {@code sync_cursors} only after Kafka
 * acknowledged every record, so a publish that fails is simply repeated by the next poll.
 */
final class EntityPublisher {
    private final SyncRunStore runs;
    private final RecordSink sink;
    private final Topics topics;
    private final SyncConfig config;
    private final Clock clock;

    EntityPublisher(SyncRunStore runs, RecordSink sink, Topics topics, SyncConfig config, Clock clock) {
        this.runs = runs;
        this.sink = sink;
        this.topics = topics;
        this.config = config;
        this.clock = clock;
    }

    /** Whether a run of this kind should publish the connection's ads now. */
    boolean due(SyncKind kind, UUID orgId, UUID connectionId) {
        if (kind != SyncKind.POLL || config.entitiesInterval().isZero()) {
            return true;
        }
        Optional<Instant> last = runs.entitiesPublishedAt(orgId, connectionId);
        return last.isEmpty() || !last.get().plus(config.entitiesInterval()).isAfter(clock.instant());
    }

    /**
     * Reads the ads, hands them to Kafka and waits for the acknowledgements, then records the publish.
     *
     * @return how many entities were published
     */
    long publish(ConnectionDetails c, SyncRun run, EntityReader reader) throws PlatformException {
        Instant started = clock.instant();
        SyncRequest request = new SyncRequest(c.orgId(), c.id(), c.platform(), c.account(), c.credentials(), null, null,
                null, null);
        List<AdEntity> entities = reader.adEntities(request);
        SinkSyncOutput output = new SinkSyncOutput(sink, topics, runs, run, clock, config.pageAckTimeout());
        for (AdEntity e : entities) {
            output.entity(e);
        }
        output.finish();
        runs.entitiesPublished(c.orgId(), c.id(), started);
        return output.entities();
    }
}
