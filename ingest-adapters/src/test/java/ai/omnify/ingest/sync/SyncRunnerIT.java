package ai.omnify.ingest.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.ingest.sink.InMemoryRecordSink;
import ai.omnify.model.Platform;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One sync at a time, without the scheduler: cursors, acknowledgements and errors on the real PostgreSQL. */
class SyncRunnerIT {
    final SyncFixture f = new SyncFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aPageCursorIsStoredOnlyAfterThePagesRecordsAreAcknowledged() {
        UUID connection = f.connect(Platform.META, "act_5");
        LocalDate from = LocalDate.of(2026, 2, 1);
        SyncRun run = f.runs.create(f.org, connection, Platform.META, SyncKind.BACKFILL,
                new SyncWindows.Window(from, from.plusDays(2), null));
        PagedReader reader = new PagedReader(from, 3, page -> false);
        InMemoryRecordSink kafkaFailsAfterPageOne = InMemoryRecordSink.failingAfter(2);
        SyncRunner runner = f.runner(p -> reader, kafkaFailsAfterPageOne, SyncConfig.defaults());

        assertThat(runner.backfill(f.org, run.id())).isEqualTo(SyncRunner.Outcome.RETRY_LATER);
        Map<String, Object> stored = f.db.query("SELECT * FROM sync_runs WHERE id = ?", run.id()).get(0);
        assertThat(stored).containsEntry("state", "queued").containsEntry("page_cursor", "p2")
                .containsEntry("pages_done", 1).containsEntry("rows", 2L);
        assertThat((String) stored.get("error")).contains("Kafka did not take the page");

        // Kafka is back: the retry resumes at page 2, the page whose records were not all acknowledged
        PagedReader again = new PagedReader(from, 3, page -> false);
        SyncRunner healthy = f.runner(p -> again, InMemoryRecordSink.acking(), SyncConfig.defaults());
        assertThat(healthy.backfill(f.org, run.id())).isEqualTo(SyncRunner.Outcome.DONE);
        assertThat(again.resumedFrom).containsExactly("p2");
        assertThat(again.pagesRead).containsExactly(2, 3);
        assertThat(f.db.query("SELECT state, rows, pages_done FROM sync_runs WHERE id = ?", run.id()).get(0))
                .containsEntry("state", "succeeded").containsEntry("rows", 6L).containsEntry("pages_done", 3);
    }

    @Test
    void aTransientErrorIsRecordedAndTheConnectionKeepsPolling() {
        UUID connection = f.connect(Platform.TIKTOK, "7000000000000000001");
        SyncRunner runner = f.runner(p -> (request, output) -> {
            throw new PlatformException.Transient("TikTok code 40100: requests too frequent (retries exhausted)", null);
        }, InMemoryRecordSink.acking(), SyncConfig.defaults());

        SyncRunner.Result r = runner.recurring(SyncKind.POLL, f.org, connection);

        assertThat(r.outcome()).isEqualTo(SyncRunner.Outcome.DONE);
        assertThat(r.platform()).isEqualTo(Platform.TIKTOK);
        assertThat(f.db.query("SELECT status, last_error FROM api_credentials WHERE id = ?", connection).get(0))
                .containsEntry("status", "active").containsEntry("last_error",
                        "TikTok code 40100: requests too frequent (retries exhausted)");
        assertThat(f.db.query("SELECT state, kind, window_from, window_to FROM sync_runs WHERE connection_id = ?", connection))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("state", "failed").containsEntry("kind", "poll"));
        assertThat(f.db.query("SELECT count(*) AS n FROM alerts").get(0)).containsEntry("n", 0L);
    }

    @Test
    void aShopifyPollReadsSinceThePreviousPollLessTheOverlap() {
        UUID connection = f.connect(Platform.SHOPIFY, "northwind.myshopify.com");
        java.util.List<SyncRequest> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        SyncRunner runner = f.runner(p -> (request, output) -> {
            requests.add(request);
            output.pageDone(null, 1, 1);
            return new SyncSummary(0, 1, 1, 0);
        }, InMemoryRecordSink.acking(), SyncConfig.defaults());

        runner.recurring(SyncKind.POLL, f.org, connection);
        runner.recurring(SyncKind.POLL, f.org, connection);

        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).from()).isNull();
        assertThat(requests.get(0).credentials()).containsEntry("access_token", "token-northwind.myshopify.com");
        // the first poll reads a day back; the second from the first's start less the 10-minute overlap
        java.time.Instant now = java.time.Instant.now();
        assertThat(requests.get(0).updatedSince()).isBetween(now.minus(java.time.Duration.ofHours(25)),
                now.minus(java.time.Duration.ofHours(23)));
        assertThat(requests.get(1).updatedSince()).isBetween(now.minus(java.time.Duration.ofMinutes(11)),
                now.minus(java.time.Duration.ofMinutes(9)));
    }
}
