package ai.omnify.ingest.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.ingest.platform.FakeHarness;
import ai.omnify.ingest.platform.PlatformClients;
import ai.omnify.ingest.sink.RecordSink;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.simulator.fakes.shopify.FakeShopify;
import ai.omnify.testing.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Shopify bulk download stopped part-way resumes after the lines Kafka acknowledged: on the real orders topic every
 * order of the truth is there exactly once (no line published twice); an expired result link starts a new bulk
 * operation instead.
 */
class ShopifyBulkResumeIT {
    private static final String SHOP = "fieldhouse-outfitters.myshopify.com";
    private static final int LINES_PER_PAGE = 500;
    final SyncFixture f = new SyncFixture();
    final FakeHarness harness = new FakeHarness();

    @AfterEach
    void close() {
        harness.close();
        f.close();
    }

    /** Kafka until {@code limit} orders were taken; every later order fails, unsent (the process "dies" there). */
    static final class DiesAfter implements RecordSink {
        final RecordSink kafka;
        final String ordersTopic;
        final int limit;
        final AtomicInteger orders = new AtomicInteger();

        DiesAfter(RecordSink kafka, String ordersTopic, int limit) {
            this.kafka = kafka;
            this.ordersTopic = ordersTopic;
            this.limit = limit;
        }

        @Override
        public void send(String topic, String key, String value, Callback callback) {
            if (topic.equals(ordersTopic) && orders.incrementAndGet() > limit) {
                callback.onComplete(new IllegalStateException("the ingest instance stopped"));
                return;
            }
            kafka.send(topic, key, value, callback);
        }
    }

    private SyncRun bulkBackfill(UUID connection, Instant since) {
        return f.runs.create(f.org, connection, Platform.SHOPIFY, SyncKind.BACKFILL,
                new SyncWindows.Window(null, null, since));
    }

    private Set<String> publishedOrders(int expected) {
        List<ConsumerRecord<String, String>> records = TestKafka.readAll(f.topics.orders());
        Set<String> events = new HashSet<>();
        for (ConsumerRecord<String, String> r : records) {
            OrderEvent o = Json.read(r.value(), OrderEvent.class).value();
            assertThat(events.add(o.eventId())).as("published twice: " + o.eventId()).isTrue();
        }
        assertThat(records).hasSize(expected);
        return events;
    }

    private Set<String> truthEvents(Instant since) {
        Set<String> s = new HashSet<>();
        harness.fakes.truth().ordersUpdatedSince(since).forEach(o -> s.add("poll:" + o.orderId() + ":" + o.updatedAt()));
        return s;
    }

    @Test
    void aDownloadStoppedPartWayResumesAfterTheAcknowledgedLines() {
        UUID connection = f.connections.upsert(f.org, Platform.SHOPIFY, SHOP, Map.of("access_token", FakeShopify.TOKEN), "api");
        PlatformClients clients = harness.clients(Map.of("SHOPIFY_BULK_LINES_PER_PAGE", String.valueOf(LINES_PER_PAGE)));
        Instant since = FakeHarness.NOW.minus(Duration.ofDays(60));
        Set<String> truth = truthEvents(since);
        assertThat(truth).hasSizeGreaterThan(4 * LINES_PER_PAGE);
        SyncRun run = bulkBackfill(connection, since);

        // the first execution dies at the start of the third page: two pages (1000 lines) are acknowledged (a record
        // of the page in flight that reached Kafka would be sent again: at least once, deduplicated by its event id)
        DiesAfter dying = new DiesAfter(f.kafka, f.topics.orders(), 2 * LINES_PER_PAGE);
        assertThat(f.runner(clients::reader, dying, SyncConfig.defaults()).backfill(f.org, run.id()))
                .isEqualTo(SyncRunner.Outcome.RETRY_LATER);
        Map<String, Object> stopped = f.db.query("SELECT state, page_cursor, rows FROM sync_runs WHERE id = ?", run.id()).get(0);
        assertThat(stopped).containsEntry("state", "queued").containsEntry("rows", (long) 2 * LINES_PER_PAGE);
        assertThat((String) stopped.get("page_cursor")).contains("\"bulk\":\"gid://shopify/BulkOperation/")
                .contains("\"lines\":" + 2 * LINES_PER_PAGE);

        // the next execution resumes the same download after line 1000
        assertThat(f.runner(clients::reader, f.kafka, SyncConfig.defaults()).backfill(f.org, run.id()))
                .isEqualTo(SyncRunner.Outcome.DONE);
        // on Kafka: every order of the truth exactly once: the first 1000 lines were not published again
        assertThat(publishedOrders(truth.size())).isEqualTo(truth);
        assertThat(f.db.query("SELECT state, rows FROM sync_runs WHERE id = ?", run.id()).get(0))
                .containsEntry("state", "succeeded").containsEntry("rows", (long) truth.size());
    }

    @Test
    void anExpiredResultLinkStartsANewBulkOperation() {
        UUID connection = f.connections.upsert(f.org, Platform.SHOPIFY, SHOP, Map.of("access_token", FakeShopify.TOKEN), "api");
        PlatformClients clients = harness.clients(Map.of("SHOPIFY_BULK_LINES_PER_PAGE", String.valueOf(LINES_PER_PAGE)));
        Instant since = FakeHarness.NOW.minus(Duration.ofDays(60));
        SyncRun run = bulkBackfill(connection, since);
        f.db.execute("UPDATE sync_runs SET page_cursor = ? WHERE id = ?", "{\"bulk\":\"gid://shopify/BulkOperation/9\","
                + "\"url\":\"" + harness.fakes.baseUrl() + "/shopify/bulk/9.jsonl\",\"lines\":1000}", run.id());

        assertThat(f.runner(clients::reader, f.kafka, SyncConfig.defaults()).backfill(f.org, run.id()))
                .isEqualTo(SyncRunner.Outcome.DONE);

        Set<String> truth = truthEvents(since);
        assertThat(publishedOrders(truth.size())).isEqualTo(truth);
    }
}
