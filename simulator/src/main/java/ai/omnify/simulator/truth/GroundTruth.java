package ai.omnify.simulator.truth;

import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.simulator.stream.BadKind;
import ai.omnify.simulator.stream.FeedLine;
import ai.omnify.simulator.stream.FeedSlice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Omnify must end up with after taking every line sent so far: per snapshot key the valid snapshot with the
 * latest {@code reportedAt}; per order its valid version with the latest {@code updatedAt}; and the list of lines it
 * must reject, each numbered by its position in its platform's stream (1-based). Built from the generator's records
 * (not by parsing the lines), as they are sent. Not thread-safe: one feeder thread calls it.
 */
public final class GroundTruth {
    /** A malformed line and where it is in its platform's stream. */
    public record BadLine(Platform platform, long line, BadKind kind, String raw) {}

    private final TreeMap<SnapshotKey, AdInsight> snapshots = new TreeMap<>();
    private final Map<String, OrderEvent> orders = new HashMap<>();
    private final List<BadLine> bad = new ArrayList<>();
    private final Map<Platform, Long> lines = new EnumMap<>(Platform.class);
    private final Map<FeedLine.Role, Long> roles = new EnumMap<>(FeedLine.Role.class);

    public void accept(FeedSlice slice) {
        for (Platform p : Platform.values()) {
            slice.lines(p).forEach(this::accept);
        }
    }

    public void accept(FeedLine line) {
        long n = lines.merge(line.platform(), 1L, Long::sum);
        roles.merge(line.role(), 1L, Long::sum);
        if (line.isBad()) {
            bad.add(new BadLine(line.platform(), n, line.bad().kind(), line.json()));
        } else if (line.insight() != null) {
            AdInsight in = line.insight();
            snapshots.merge(SnapshotKey.of(in), in,
                    (old, neu) -> neu.reportedAt().isBefore(old.reportedAt()) ? old : neu);
        } else {
            OrderEvent o = line.order();
            orders.merge(o.orderId(), o, (old, neu) -> neu.updatedAt().isBefore(old.updatedAt()) ? old : neu);
        }
    }

    /** The final snapshot per key, in key order. */
    public Map<SnapshotKey, AdInsight> snapshots() {
        return Collections.unmodifiableMap(snapshots);
    }

    /** The final version per order id. */
    public Map<String, OrderEvent> orders() {
        return Collections.unmodifiableMap(orders);
    }

    public List<BadLine> badLines() {
        return Collections.unmodifiableList(bad);
    }

    /** Lines taken per platform. */
    public Map<Platform, Long> lineCounts() {
        return Collections.unmodifiableMap(lines);
    }

    /** Lines taken per role (original, duplicate, stale, bad). */
    public Map<FeedLine.Role, Long> roleCounts() {
        return Collections.unmodifiableMap(roles);
    }
}
