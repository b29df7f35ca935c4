package ai.omnify.simulator.stream;

import ai.omnify.model.Platform;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A stretch of the stream: one history day, or one live tick. Lines per ingest endpoint, in send order.
 *
 * @param label for progress messages ("2026-09-01", "tick 12")
 * @param until the simulated instant the slice runs up to
 */
public record FeedSlice(String label, Instant until, Map<Platform, List<FeedLine>> lines) {

    public FeedSlice {
        EnumMap<Platform, List<FeedLine>> copy = new EnumMap<>(Platform.class);
        lines.forEach((p, l) -> copy.put(p, List.copyOf(l)));
        lines = Collections.unmodifiableMap(copy);
    }

    public List<FeedLine> lines(Platform platform) {
        return lines.getOrDefault(platform, List.of());
    }

    public int size() {
        return lines.values().stream().mapToInt(List::size).sum();
    }
}
