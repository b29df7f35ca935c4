package ai.omnify.simulator.status;

import ai.omnify.model.Platform;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the simulator has sent so far, for {@code GET /api/v1/status} and the final summary. Updated by the feeding
 * thread, read by HTTP threads: every method is synchronized.
 */
public final class SendStatus {
    /** Counters of one ingest endpoint. */
    public record PlatformView(long lines, long batches, long accepted, long rejected, long expectedRejections,
            long unexpectedRejections, long missedRejections, long wrongReasons, long pendingLines) {}

    public record ErrorView(Instant at, String message) {}

    public record View(String state, Instant startedAt, String ingestUrl, String orgId, long seed, int historyDays,
            int historyDaysDone, long liveTicks, Instant lastTickAt, Instant simulatedUntil, long retries,
            long rejectionMismatches, Map<String, PlatformView> platforms, ErrorView lastError) {}

    private static final class Counters {
        long lines;
        long batches;
        long accepted;
        long rejected;
        long expected;
        long unexpected;
        long missed;
        long wrong;
        long pending;
    }

    private final Clock clock;
    private final Instant startedAt;
    private final String ingestUrl;
    private final String orgId;
    private final long seed;
    private final Map<Platform, Counters> platforms = new EnumMap<>(Platform.class);
    private String state = "starting";
    private int historyDays;
    private int historyDaysDone;
    private long liveTicks;
    private Instant lastTickAt;
    private Instant simulatedUntil;
    private long retries;
    private long mismatches;
    private ErrorView lastError;

    public SendStatus(Clock clock, String ingestUrl, String orgId, long seed) {
        this.clock = clock;
        this.startedAt = clock.instant();
        this.ingestUrl = ingestUrl;
        this.orgId = orgId;
        this.seed = seed;
        for (Platform p : Platform.values()) {
            platforms.put(p, new Counters());
        }
    }

    public synchronized void state(String newState) {
        this.state = newState;
    }

    public synchronized void historyStarted(int days) {
        this.state = "history";
        this.historyDays = days;
    }

    public synchronized void historyDayDone(Instant until) {
        historyDaysDone++;
        simulatedUntil = until;
    }

    public synchronized void liveTick(Instant at) {
        state = "live";
        liveTicks++;
        lastTickAt = at;
        simulatedUntil = at;
    }

    /** A batch the ingest service took (2xx), with the outcome of checking its rejections. */
    public synchronized void batch(Platform platform, int lines, int attempts, Integer accepted, Integer rejected,
            int expectedRejections, int unexpected, int missed, int wrongReasons, boolean mismatch) {
        Counters c = platforms.get(platform);
        c.lines += lines;
        c.batches++;
        c.accepted += accepted == null ? 0 : accepted;
        c.rejected += rejected == null ? 0 : rejected;
        c.expected += expectedRejections;
        c.unexpected += unexpected;
        c.missed += missed;
        c.wrong += wrongReasons;
        retries += attempts - 1;
        if (mismatch) {
            mismatches++;
        }
    }

    public synchronized void pending(Platform platform, long lines) {
        platforms.get(platform).pending = lines;
    }

    public synchronized void error(String message) {
        lastError = new ErrorView(clock.instant(), message);
    }

    public synchronized View view() {
        Map<String, PlatformView> p = new LinkedHashMap<>();
        platforms.forEach((platform, c) -> p.put(platform.wire(), new PlatformView(c.lines, c.batches, c.accepted,
                c.rejected, c.expected, c.unexpected, c.missed, c.wrong, c.pending)));
        return new View(state, startedAt, ingestUrl, orgId, seed, historyDays, historyDaysDone, liveTicks, lastTickAt,
                simulatedUntil, retries, mismatches, p, lastError);
    }
}
