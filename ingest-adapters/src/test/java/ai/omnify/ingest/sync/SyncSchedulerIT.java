package ai.omnify.ingest.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Platform;
import ai.omnify.testing.TestKafka;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sync scheduler (db-scheduler) on the real PostgreSQL and Kafka, with fake platform readers, two instances. */
class SyncSchedulerIT {
    final SyncFixture f = new SyncFixture();
    final List<SyncScheduler> started = new ArrayList<>();

    @AfterEach
    void close() {
        started.forEach(SyncScheduler::close);
        f.close();
    }

    static SyncConfig fast(Duration poll) {
        return SyncConfig.defaults().withInitialBackfillDays(0)
                .withTimings(poll, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(300));
    }

    SyncScheduler start(String name, PlatformReader reader, SyncConfig config) {
        SyncScheduler s = f.scheduler(name, p -> reader, config);
        started.add(s);
        return s;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    Map<String, Object> run(UUID runId) {
        return f.db.query("SELECT * FROM sync_runs WHERE id = ?", runId).get(0);
    }

    @Test
    void aRestartMidBackfillResumesFromTheStoredCursorWithoutRereadingFinishedPages() throws Exception {
        UUID connection = f.connect(Platform.META, "act_1");
        LocalDate from = LocalDate.of(2026, 1, 1);
        SyncRun queued = f.runs.create(f.org, connection, Platform.META, SyncKind.BACKFILL,
                new SyncWindows.Window(from, from.plusDays(4), null));
        SyncConfig config = fast(Duration.ofHours(1));

        // instance A reads pages 1-3, then hangs on page 4 and stops heart-beating (its process is gone)
        PagedReader readerA = new PagedReader(from, 5, page -> page == 4);
        SyncScheduler a = start("ingest-a", readerA, config);
        assertThat(readerA.stalled.await(30, TimeUnit.SECONDS)).as("instance A reached page 4").isTrue();
        assertThat(run(queued.id())).containsEntry("pages_done", 3).containsEntry("page_cursor", "p4")
                .containsEntry("rows", 6L).containsEntry("state", "running");
        Thread stopA = new Thread(a::close, "stop-instance-a");
        stopA.setDaemon(true);
        stopA.start();
        stopA.join(20_000);

        // instance B finds the execution dead, revives it, and resumes from the stored cursor
        PagedReader readerB = new PagedReader(from, 5, page -> false);
        start("ingest-b", readerB, config);
        await("the backfill finished on instance B", Duration.ofSeconds(60),
                () -> "succeeded".equals(run(queued.id()).get("state")));

        assertThat(readerA.pagesRead).containsExactly(1, 2, 3);
        assertThat(readerB.resumedFrom).containsExactly("p4");
        assertThat(readerB.pagesRead).containsExactly(4, 5);
        Map<String, Object> done = run(queued.id());
        assertThat(done).containsEntry("pages_done", 5).containsEntry("pages_total", 5).containsEntry("rows", 10L)
                .containsEntry("attempt", 2);
        assertThat(done.get("finished_at")).isNotNull();
        List<ConsumerRecord<String, String>> records = TestKafka.awaitRecords(f.topics.adInsights(),
                l -> l.size() >= 10, Duration.ofSeconds(30));
        assertThat(records).extracting(ConsumerRecord::key).doesNotHaveDuplicates().hasSize(10)
                .allMatch(k -> k.startsWith(f.org + ":meta:ad-"));
        assertThat(f.db.query("SELECT last_success_at FROM api_credentials WHERE id = ?", connection).get(0)
                .get("last_success_at")).isNotNull();

        // the hung instance wakes up: its stale attempt cannot touch the finished run
        readerA.release.countDown();
        Thread.sleep(1000);
        assertThat(run(queued.id())).containsEntry("state", "succeeded").containsEntry("attempt", 2)
                .containsEntry("error", null);
    }

    @Test
    void twoInstancesNeverRunTheSameJobAtOnce() throws Exception {
        List<UUID> connections = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            connections.add(f.connect(Platform.META, "act_" + (100 + i)));
        }
        Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        Map<String, Integer> maxInFlight = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> byInstance = new ConcurrentHashMap<>();
        AtomicInteger calls = new AtomicInteger();
        // 8 connections polled every 300 ms for 150 ms each keep 4 threads busy: more than one instance's 2 threads
        SyncConfig config = fast(Duration.ofMillis(300)).withThreads(2);
        for (String name : List.of("ingest-a", "ingest-b")) {
            PlatformReader reader = (request, output) -> {
                // one job = one connection's poll (or its nightly pass: another job, told apart by its window)
                String job = request.connectionId() + ":" + ChronoUnit.DAYS.between(request.from(), request.to());
                int now = inFlight.computeIfAbsent(job, k -> new AtomicInteger()).incrementAndGet();
                maxInFlight.merge(job, now, Math::max);
                byInstance.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                calls.incrementAndGet();
                try {
                    Thread.sleep(150);
                    output.insight(SyncFixture.insight("ad-" + request.connectionId(), request.to(), "3.00"));
                    output.pageDone(null, 1, 1);
                    return new SyncSummary(1, 1, 1, 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } finally {
                    inFlight.get(job).decrementAndGet();
                }
            };
            start(name, reader, config);
        }
        await("both instances polled every connection several times", Duration.ofSeconds(60),
                () -> calls.get() >= 80);
        started.forEach(SyncScheduler::close);
        started.clear();

        assertThat(maxInFlight).hasSizeGreaterThanOrEqualTo(8).allSatisfy((job, max) -> assertThat(max).as(job).isEqualTo(1));
        assertThat(byInstance).containsKeys("ingest-a", "ingest-b");
        // and in the database: no two runs of one connection and kind overlap in time
        for (UUID c : connections) {
            List<Map<String, Object>> runs = f.db.query("SELECT started_at, finished_at FROM sync_runs WHERE"
                    + " connection_id = ? AND kind = 'poll' AND state = 'succeeded' ORDER BY started_at", c);
            assertThat(runs).hasSizeGreaterThanOrEqualTo(3);
            for (int i = 1; i < runs.size(); i++) {
                Timestamp previousEnd = (Timestamp) runs.get(i - 1).get("finished_at");
                Timestamp start = (Timestamp) runs.get(i).get("started_at");
                assertThat(start).as("run %d of connection %s starts after the previous one ended", i, c)
                        .isAfterOrEqualTo(previousEnd);
            }
        }
    }

    @Test
    void aPermanentErrorStopsPollingAfterOneTryAndRaisesAnAlert() throws Exception {
        UUID connection = f.connect(Platform.META, "act_7");
        AtomicInteger calls = new AtomicInteger();
        start("ingest-a", (request, output) -> {
            calls.incrementAndGet();
            throw new PlatformException.Permanent("Meta error 190 (OAuthException): the access token has expired", null);
        }, fast(Duration.ofMillis(300)));
        await("the connection needs re-authorization", Duration.ofSeconds(30), () -> "needs_reauth".equals(
                f.db.query("SELECT status FROM api_credentials WHERE id = ?", connection).get(0).get("status")));
        Thread.sleep(2000); // several poll intervals
        assertThat(calls.get()).isEqualTo(1);
        assertThat(f.db.query("SELECT * FROM scheduled_tasks WHERE task_name = ? AND task_instance = ?",
                SyncScheduler.POLL, f.org + ":" + connection)).isEmpty();
        List<Map<String, Object>> alerts = f.db.query("SELECT kind, severity, alert_key, explanation FROM alerts"
                + " WHERE organization_id = ?", f.org);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a).containsEntry("kind", "connection_needs_reauth").containsEntry("severity", "critical")
                    .containsEntry("alert_key", "connection_needs_reauth:connection:" + connection);
            assertThat((String) a.get("explanation")).contains("act_7").contains("expired");
        });
        List<ConsumerRecord<String, String>> published = TestKafka.awaitRecords(f.topics.alerts(), l -> !l.isEmpty(),
                Duration.ofSeconds(30));
        assertThat(published).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(f.org + ":connection_needs_reauth:connection:" + connection);
            assertThat(r.value()).contains("\"kind\":\"connection_needs_reauth\"");
        });
        assertThat(f.db.query("SELECT state, error FROM sync_runs WHERE connection_id = ?", connection))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("state", "failed"));
    }

    @Test
    void aWebhookCanBringAConnectionsPollForward() throws Exception {
        UUID connection = f.connect(Platform.META, "act_8");
        List<Instant> polls = new java.util.concurrent.CopyOnWriteArrayList<>();
        SyncScheduler s = start("ingest-a", (request, output) -> {
            polls.add(Instant.now());
            output.pageDone(null, 1, 1);
            return new SyncSummary(0, 1, 1, 0);
        }, fast(Duration.ofHours(1)));
        await("the first poll", Duration.ofSeconds(30), () -> polls.size() >= 1);
        Thread.sleep(500); // the next poll is an hour away
        assertThat(polls).hasSize(1);

        s.pollSoon(f.org, connection);

        await("the poll brought forward", Duration.ofSeconds(30), () -> polls.size() >= 2);
    }
}
