package ai.omnify.ingest.sync;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntPredicate;

/**
 * A fake platform reader for the backfill window: {@code pages} pages of two snapshots each, cursors {@code p2..pN};
 * it records which pages it read and the cursor it was asked to resume from. Other windows (polls) read nothing. From
 * {@code stallAt} on it blocks, ignoring interrupts, until {@link #release} (an instance that hangs, then dies).
 */
final class PagedReader implements PlatformReader {
    final LocalDate backfillFrom;
    final int pages;
    final IntPredicate stallAt;
    final CountDownLatch stalled = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<Integer> pagesRead = new CopyOnWriteArrayList<>();
    final List<String> resumedFrom = new CopyOnWriteArrayList<>();

    PagedReader(LocalDate backfillFrom, int pages, IntPredicate stallAt) {
        this.backfillFrom = backfillFrom;
        this.pages = pages;
        this.stallAt = stallAt;
    }

    @Override
    public SyncSummary read(SyncRequest request, SyncOutput output) {
        if (!backfillFrom.equals(request.from())) {
            return new SyncSummary(0, 0, 1, 0);
        }
        resumedFrom.add(String.valueOf(request.resumeCursor()));
        int first = request.resumeCursor() == null ? 1 : Integer.parseInt(request.resumeCursor().substring(1));
        for (int page = first; page <= pages; page++) {
            if (stallAt.test(page)) {
                stalled.countDown();
                awaitRelease();
                throw new IllegalStateException("a stalled instance woke up after it was presumed dead");
            }
            pagesRead.add(page);
            LocalDate day = backfillFrom.plusDays(page - 1);
            output.insight(SyncFixture.insight("ad-" + page + "-a", day, "1.00"));
            output.insight(SyncFixture.insight("ad-" + page + "-b", day, "2.00"));
            output.pageDone(page < pages ? "p" + (page + 1) : null, page, pages);
        }
        return new SyncSummary(2L * (pages - first + 1), pages - first + 1, pages - first + 1, 0);
    }

    private void awaitRelease() {
        while (true) {
            try {
                release.await();
                return;
            } catch (InterruptedException e) {
                // a hung instance does not listen
            }
        }
    }
}
