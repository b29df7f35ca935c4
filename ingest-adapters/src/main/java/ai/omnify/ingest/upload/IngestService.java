package ai.omnify.ingest.upload;

import ai.omnify.ingest.sink.RecordSink;
import ai.omnify.ingest.sink.SinkUnavailableException;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the body of an ingest request row by row: each row is decided by {@link RowRules}, accepted rows go to the
 * ad-insights or orders topic, rejected rows to the dead-letter topic with their reason. The body is streamed: rows
 * are sent as they are read. The answer comes only when Kafka has acknowledged every record of the request; if it
 * did not, {@link SinkUnavailableException}, never a success.
 */
public final class IngestService {
    public static final int MAX_ERRORS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final RecordSink sink;
    private final Topics topics;
    private final Clock clock;
    private final Duration ackTimeout;
    private final IngestMetrics metrics;

    /** @param ackTimeout how long to wait for the last acknowledgement (at least the sink's delivery timeout) */
    public IngestService(RecordSink sink, Topics topics, Clock clock, Duration ackTimeout, IngestMetrics metrics) {
        this.sink = sink;
        this.topics = topics;
        this.clock = clock;
        this.ackTimeout = ackTimeout;
        this.metrics = metrics;
    }

    /**
     * @throws EmptyBodyException when the body has no rows
     * @throws MalformedBodyException when the body as a whole cannot be read
     * @throws BodyTooLargeException when the body exceeds the limit of the given stream
     * @throws SinkUnavailableException when Kafka did not take every record
     */
    public IngestResult ingest(Platform platform, UUID orgId, BodyFormat format, InputStream body) throws IOException {
        Instant receivedAt = clock.instant();
        String org = orgId.toString();
        RowRules rules = new RowRules(platform, org, receivedAt, receivedAt);
        String topic = platform.isAdPlatform() ? topics.adInsights() : topics.orders();
        String source = "ingest:" + platform.wire();
        Acks acks = new Acks(metrics::kafkaSendFailed);
        List<IngestResult.RowError> errors = new ArrayList<>();
        int accepted = 0;
        int rejected = 0;

        try (RowReader reader = format.open(body)) {
            RawRow row;
            while ((row = reader.next()) != null) {
                if (acks.anyFailed()) {
                    break; // Kafka is refusing: stop reading, answer 503 below
                }
                RowOutcome outcome = rules.evaluate(row);
                if (outcome instanceof RowOutcome.Accepted a) {
                    acks.sending();
                    sink.send(topic, a.key(), Json.write(a.record()), acks);
                    accepted++;
                } else if (outcome instanceof RowOutcome.Rejected r) {
                    DeadLetter letter = new DeadLetter(row.text(), source, r.reason(), receivedAt, org);
                    acks.sending();
                    sink.send(topics, Topics.DEAD_LETTER, letter, acks);
                    rejected++;
                    if (errors.size() < MAX_ERRORS) {
                        errors.add(new IngestResult.RowError(row.line(), r.reason()));
                    }
                }
            }
        }
        awaitAcks(acks, platform, org, accepted + rejected);
        if (accepted + rejected == 0) {
            throw new EmptyBodyException("the body has no rows: send one "
                    + (format == BodyFormat.CSV ? "CSV row per line after the header row" : "JSON object per line"));
        }
        metrics.rowsAccepted(platform, accepted);
        metrics.rowsRejected(platform, rejected);
        return new IngestResult(accepted + rejected, accepted, rejected, errors, rejected > errors.size());
    }

    private void awaitAcks(Acks acks, Platform platform, String org, int rows) {
        boolean complete;
        try {
            complete = acks.awaitAll(ackTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkUnavailableException("interrupted while waiting for Kafka", e);
        }
        if (!complete || acks.anyFailed()) {
            Exception cause = acks.firstFailure();
            String why = complete
                    ? acks.failed() + " record(s) were not acknowledged: " + (cause == null ? "unknown" : cause.getMessage())
                    : acks.pending() + " record(s) not acknowledged within " + ackTimeout.toMillis() + " ms";
            LOG.warn("Kafka did not take an ingest request ({}, org {}, row(s) read: {}): {}", platform.wire(), org, rows, why);
            throw new SinkUnavailableException("Kafka did not take the rows: " + why, cause);
        }
    }
}
