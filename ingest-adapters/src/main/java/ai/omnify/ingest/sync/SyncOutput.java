package ai.omnify.ingest.sync;

import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;

/** Where a {@link PlatformReader} hands what it reads. */
public interface SyncOutput {
    void insight(AdInsight snapshot);

    void order(OrderEvent order);

    /**
     * A page is fully handed over. The sync machinery makes the page's records durable (Kafka acks) and then stores
     * {@code nextCursor} as the resume point.
     *
     * @param nextCursor where the next page starts (opaque to the caller), or null when this was the last page
     * @param pagesDone pages finished so far in this read
     * @param pagesTotal total pages when the platform says it, else null
     */
    void pageDone(String nextCursor, int pagesDone, Integer pagesTotal);
}
