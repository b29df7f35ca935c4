package ai.omnify.simulator.ingest;

import ai.omnify.model.Platform;
import ai.omnify.simulator.status.SendStatus;
import ai.omnify.simulator.stream.FeedLine;
import ai.omnify.simulator.stream.FeedSlice;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends slices of the stream to the ingest service in batches of at most {@code batchRows} lines per platform, in
 * order, and checks each answer's rejected lines against the bad lines it contained. Lines not yet taken (the service
 * was unreachable) stay queued and go first next time; a batch that got a 2xx is never sent again.
 */
public final class Feeder {
    private static final Logger log = LoggerFactory.getLogger(Feeder.class);
    private static final int EXAMPLES = 3;

    private final IngestClient client;
    private final SendStatus status;
    private final int batchRows;
    private final Map<Platform, Deque<FeedLine>> pending = new EnumMap<>(Platform.class);

    public Feeder(IngestClient client, SendStatus status, int batchRows) {
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be at least 1");
        }
        this.client = client;
        this.status = status;
        this.batchRows = batchRows;
        for (Platform p : Platform.values()) {
            pending.put(p, new ArrayDeque<>());
        }
    }

    /** Queues the slice's lines and sends everything queued. */
    public void send(FeedSlice slice) throws IngestException, InterruptedException {
        for (Platform p : Platform.values()) {
            pending.get(p).addAll(slice.lines(p));
        }
        flush();
    }

    /** Sends everything queued; on failure the lines not taken stay queued (see {@link #pendingLines()}). */
    public void flush() throws IngestException, InterruptedException {
        for (Platform p : Platform.values()) {
            Deque<FeedLine> queue = pending.get(p);
            try {
                while (!queue.isEmpty()) {
                    List<FeedLine> batch = new ArrayList<>(Math.min(batchRows, queue.size()));
                    var it = queue.iterator();
                    while (it.hasNext() && batch.size() < batchRows) {
                        batch.add(it.next());
                    }
                    IngestClient.Sent sent = client.send(p, batch.stream().map(FeedLine::json).toList());
                    for (int i = 0; i < batch.size(); i++) {
                        queue.removeFirst();
                    }
                    record(p, batch, sent);
                }
            } finally {
                status.pending(p, queue.size());
            }
        }
    }

    public long pendingLines() {
        return pending.values().stream().mapToLong(Deque::size).sum();
    }

    private void record(Platform p, List<FeedLine> batch, IngestClient.Sent sent) {
        IngestResponse r = sent.response();
        RejectionCheck.Report report = RejectionCheck.check(batch, r);
        status.batch(p, batch.size(), sent.attempts(), r.accepted(), r.rejected(), report.expectedRejections(),
                report.unexpected().size(), report.missed().size(), report.wrongReason().size(), !report.ok());
        if (report.ok()) {
            return;
        }
        StringBuilder msg = new StringBuilder();
        if (report.countProblem() != null) {
            msg.append(report.countProblem()).append("; ");
        }
        append(msg, "valid lines rejected", report.unexpected());
        append(msg, "bad lines accepted", report.missed());
        append(msg, "bad lines rejected for another reason", report.wrongReason());
        String text = msg.toString().replaceAll("; $", "");
        log.warn("{} batch of {} lines: the rejections differ from the intended bad rows: {}", p.wire(), batch.size(),
                text);
        status.error(p.wire() + ": rejections differ from the intended bad rows: " + text);
    }

    private static void append(StringBuilder msg, String what, List<RejectionCheck.Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        msg.append(findings.size()).append(' ').append(what).append(" (")
                .append(findings.stream().limit(EXAMPLES).map(f -> "line " + f.line() + ": " + f.detail())
                        .collect(Collectors.joining(", ")))
                .append(findings.size() > EXAMPLES ? ", ..." : "").append("); ");
    }
}
