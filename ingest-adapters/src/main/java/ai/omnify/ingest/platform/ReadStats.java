package ai.omnify.ingest.platform;

import ai.omnify.ingest.sync.SyncSummary;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counts of one read: requests (retries included), throttled responses, pages, rows. */
public final class ReadStats {
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger pages = new AtomicInteger();
    private final AtomicLong rows = new AtomicLong();

    public void request() {
        requests.incrementAndGet();
    }

    public void throttled() {
        throttled.incrementAndGet();
    }

    public int page() {
        return pages.incrementAndGet();
    }

    public void rows(long n) {
        rows.addAndGet(n);
    }

    public int requests() {
        return requests.get();
    }

    public int throttledCount() {
        return throttled.get();
    }

    public int pages() {
        return pages.get();
    }

    public SyncSummary summary() {
        return new SyncSummary(rows.get(), pages.get(), requests.get(), throttled.get());
    }
}
