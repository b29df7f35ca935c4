package ai.omnify.ingest.sync;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One row of {@code sync_runs}: a read of one connection's window, its progress and the page cursor it resumes from.
 *
 * @param attempt the fencing token: the execution that claimed the run with this attempt may write it
 * @param pageCursor where the next page starts; {@link #END} when every page is done; null before the first page
 */
public record SyncRun(UUID id, UUID orgId, UUID connectionId, SyncKind kind, String state, LocalDate from,
                      LocalDate to, Instant updatedSince, String pageCursor, int attempt, long rows, int pagesDone,
                      Integer pagesTotal) {
    /** Stored as the page cursor once the last page is done. */
    public static final String END = "omnify:all-pages-done";

    public boolean allPagesDone() {
        return END.equals(pageCursor);
    }

    /** The cursor to hand to a reader: null (start) or where the last finished page left off. */
    public String resumeCursor() {
        return allPagesDone() ? null : pageCursor;
    }
}
