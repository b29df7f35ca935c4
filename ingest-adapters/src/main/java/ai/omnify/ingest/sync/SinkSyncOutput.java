package ai.omnify.ingest.sync;

import ai.omnify.ingest.sink.RecordSink;
import ai.omnify.ingest.sink.SinkUnavailableException;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.Json;
import ai.omnify.model.Topic;
import ai.omnify.model.Topics;
import ai.omnify.model.insight.AdEntity;
import ai.omnify.model.insight.AdEntityRules;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.insight.InsightRules;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.OrderRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where a {@link PlatformReader} hands what it reads during one run: each record is stamped with the run's organization,
 * checked by the same rules as the ingest endpoint, and sent to {@code omnify.ad-insights} / {@code omnify.orders}
 * (refused records to the dead-letter topic with the reason). At {@link #pageDone} it waits until Kafka has acknowledged
 * every record sent so far, and only then stores the page's cursor: a run that stops resumes after the last page whose
 * records are durable, never after one that may be lost.
 */
public final class SinkSyncOutput implements SyncOutput {
    private final RecordSink sink;
    private final Topics topics;
    private final SyncRunStore runs;
    private final SyncRun run;
    private final Clock clock;
    private final Duration ackTimeout;
    private final String org;
    private final String source;
    private PageAcks acks = new PageAcks();
    private long rowsInPage;
    private long rows;
    private long entities;
    private RuntimeException failure;

    public SinkSyncOutput(RecordSink sink, Topics topics, SyncRunStore runs, SyncRun run, Clock clock,
                          Duration ackTimeout) {
        this.sink = sink;
        this.topics = topics;
        this.runs = runs;
        this.run = run;
        this.clock = clock;
        this.ackTimeout = ackTimeout;
        this.org = run.orgId().toString();
        this.source = "sync:" + run.kind().wire();
    }

    @Override
    public void insight(AdInsight snapshot) {
        checkNotFailed();
        Instant now = clock.instant();
        AdInsight stamped = InsightRules.withDefaults(withOrg(snapshot), now, "poll");
        List<String> reasons = InsightRules.validate(stamped, now);
        if (reasons.isEmpty()) {
            send(Topics.AD_INSIGHTS, stamped);
        } else {
            deadLetter(Json.write(snapshot), String.join("; ", reasons), now);
        }
    }

    @Override
    public void order(OrderEvent order) {
        checkNotFailed();
        Instant now = clock.instant();
        OrderEvent stamped = OrderRules.withDefaults(order.withOrgId(org), "poll");
        List<String> reasons = OrderRules.validate(stamped, now);
        if (reasons.isEmpty()) {
            send(Topics.ORDERS, stamped);
        } else {
            deadLetter(Json.write(order), String.join("; ", reasons), now);
        }
    }

    /**
     * An ad as its platform describes it, to {@code omnify.ad-entities} keyed by {@link AdEntity#key()} (a refused one
     * to the dead-letter topic with the reason). Not counted in the run's rows; {@link #finish} waits for its ack.
     */
    public void entity(AdEntity entity) {
        checkNotFailed();
        Instant now = clock.instant();
        AdEntity stamped = withOrg(entity);
        List<String> reasons = AdEntityRules.validate(stamped, now);
        if (reasons.isEmpty()) {
            acks.sending();
            sink.send(topics, Topics.AD_ENTITIES, stamped, acks);
            entities++;
        } else {
            deadLetter(Json.write(entity), String.join("; ", reasons), now);
        }
    }

    /** Ad entities handed to Kafka in this execution. */
    public long entities() {
        return entities;
    }

    @Override
    public void pageDone(String nextCursor, int pagesDone, Integer pagesTotal) {
        checkNotFailed();
        try {
            awaitAcks();
            runs.pageDone(run, nextCursor, rowsInPage, pagesDone, pagesTotal, clock.instant());
            rows += rowsInPage;
            rowsInPage = 0;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    /** Waits for the records handed after the last page (a reader that never called pageDone); rethrows a failure. */
    public void finish() {
        checkNotFailed();
        awaitAcks();
        rows += rowsInPage;
        rowsInPage = 0;
    }

    /** Records acknowledged and recorded so far in this execution. */
    public long rows() {
        return rows;
    }

    /** The failure met at a page boundary, even if the reader swallowed it. */
    public RuntimeException failure() {
        return failure;
    }

    private void checkNotFailed() {
        if (failure != null) {
            throw failure;
        }
    }

    private AdInsight withOrg(AdInsight a) {
        return new AdInsight(org, a.platform(), a.accountId(), a.campaignId(), a.campaignName(), a.adId(), a.adName(),
                a.date(), a.hour(), a.spend(), a.impressions(), a.clicks(), a.conversions(), a.conversionValue(),
                a.reach(), a.currency(), a.reportedAt(), a.source(), a.timeZone());
    }

    private AdEntity withOrg(AdEntity e) {
        return new AdEntity(org, e.platform(), e.accountId(), e.campaignId(), e.campaignName(), e.campaignStatus(),
                e.adSetId(), e.adId(), e.adName(), e.status(), e.platformStatus(), e.creativeName(), e.headline(), e.body(),
                e.launchDate(), e.updatedAt(), e.source() == null ? "poll" : e.source());
    }

    private <V> void send(Topic<V> topic, V value) {
        acks.sending();
        sink.send(topics, topic, value, acks);
        rowsInPage++;
    }

    private void deadLetter(String payload, String reason, Instant now) {
        acks.sending();
        sink.send(topics, Topics.DEAD_LETTER, new DeadLetter(payload, source, reason, now, org), acks);
    }

    private void awaitAcks() {
        PageAcks page = acks;
        acks = new PageAcks();
        boolean complete;
        try {
            complete = page.awaitAll(ackTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new SinkUnavailableException("interrupted while waiting for Kafka", e);
            throw failure;
        }
        if (!complete || page.failed() > 0) {
            String why = complete ? page.failed() + " record(s) were not acknowledged: " + page.firstFailure()
                    : "records not acknowledged within " + ackTimeout.toSeconds() + " s";
            failure = new SinkUnavailableException("Kafka did not take the page: " + why, null);
            throw failure;
        }
    }

    /** Counts the sends of one page and their acknowledgements. */
    static final class PageAcks implements RecordSink.Callback {
        private int pending;
        private int failed;
        private String firstFailure;

        synchronized void sending() {
            pending++;
        }

        @Override
        public synchronized void onComplete(Exception e) {
            pending--;
            if (e != null) {
                failed++;
                if (firstFailure == null) {
                    firstFailure = String.valueOf(e.getMessage());
                }
            }
            notifyAll();
        }

        synchronized int failed() {
            return failed;
        }

        synchronized String firstFailure() {
            return firstFailure;
        }

        synchronized boolean awaitAll(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
