package ai.omnify.simulator.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.model.Platform;
import ai.omnify.simulator.Datasets;
import ai.omnify.simulator.status.SendStatus;
import ai.omnify.simulator.stream.FeedLine;
import ai.omnify.simulator.stream.FeedSlice;
import ai.omnify.simulator.stream.FeedStream;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeederTest {
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofSeconds(2), Duration.ofSeconds(10));

    private FakeIngest ingest;
    private SendStatus status;
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ingest = new FakeIngest();
        status = new SendStatus(Clock.systemUTC(), ingest.url().toString(), Datasets.ORG, 5);
    }

    @AfterEach
    void stop() {
        ingest.close();
    }

    private Feeder feeder(String key, RetryPolicy policy, int batchRows) {
        IngestClient client = new IngestClient(ingest.url(), key, policy, sleeps::add, new SplittableRandom(1));
        return new Feeder(client, status, batchRows);
    }

    /** Two days of history with the current time as now (the fake validates against the wall clock). */
    private static List<FeedSlice> history() {
        FeedStream s = SyntheticBrand.create(SimulationConfig.of(5, 2, Instant.now(), Datasets.ORG)).stream();
        List<FeedSlice> slices = new ArrayList<>();
        while (s.hasMoreHistory()) {
            slices.add(s.nextHistoryDay());
        }
        return slices;
    }

    private static Map<Platform, List<String>> jsonLines(List<FeedSlice> slices) {
        Map<Platform, List<String>> m = new EnumMap<>(Platform.class);
        for (Platform p : Platform.values()) {
            m.put(p, new ArrayList<>());
            for (FeedSlice s : slices) {
                s.lines(p).forEach(l -> m.get(p).add(l.json()));
            }
        }
        return m;
    }

    @Test
    void batchesArriveInOrderWithTheKeyAndOnlyTheBadRowsAreRejected() throws Exception {
        List<FeedSlice> slices = history();
        Feeder feeder = feeder(FakeIngest.KEY, FAST, 500);
        for (FeedSlice s : slices) {
            feeder.send(s);
        }
        Map<Platform, List<String>> sent = jsonLines(slices);
        for (Platform p : Platform.values()) {
            assertThat(ingest.received(p)).as(p.wire()).isEqualTo(sent.get(p));
        }
        SendStatus.View v = status.view();
        long bad = slices.stream().flatMap(s -> s.lines().values().stream()).flatMap(List::stream)
                .filter(FeedLine::isBad).count();
        assertThat(bad).isPositive();
        assertThat(v.platforms().values().stream().mapToLong(SendStatus.PlatformView::rejected).sum()).isEqualTo(bad);
        assertThat(v.rejectionMismatches()).isZero();
        assertThat(v.platforms().get("meta").batches()).isGreaterThan(1);
        assertThat(v.lastError()).isNull();
        assertThat(feeder.pendingLines()).isZero();
    }

    @Test
    void a503ThenOkIsRetriedAndNothingIsSentTwice() throws Exception {
        ingest.failNext(503);
        List<FeedSlice> slices = history();
        Feeder feeder = feeder(FakeIngest.KEY, FAST, 100_000);
        feeder.send(slices.get(0));
        assertThat(ingest.received(Platform.META)).isEqualTo(jsonLines(slices.subList(0, 1)).get(Platform.META));
        assertThat(status.view().retries()).isEqualTo(1);
        assertThat(sleeps).hasSize(1);
        assertThat(sleeps.get(0)).isLessThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void aTimeoutIsRetried() throws Exception {
        RetryPolicy shortTimeout = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofSeconds(2), Duration.ofMillis(300));
        ingest.stallNext(1_500);
        List<FeedSlice> slices = history();
        feeder(FakeIngest.KEY, shortTimeout, 100_000).send(slices.get(0));
        assertThat(ingest.received(Platform.META)).isEqualTo(jsonLines(slices.subList(0, 1)).get(Platform.META));
        assertThat(status.view().retries()).isEqualTo(1);
    }

    @Test
    void retriesAreBoundedAndUntakenLinesStayQueuedForTheNextSend() throws Exception {
        ingest.failNext(503, 502, 500, 429);
        List<FeedSlice> slices = history();
        Feeder feeder = feeder(FakeIngest.KEY, FAST, 100_000);
        assertThatThrownBy(() -> feeder.send(slices.get(0)))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("after 4 attempts")
                .hasMessageContaining("--ingest-url")
                .satisfies(e -> assertThat(((IngestException) e).retryable()).isTrue());
        assertThat(sleeps).hasSize(3);
        long queued = slices.get(0).size();
        assertThat(feeder.pendingLines()).isEqualTo(queued);
        feeder.flush();
        assertThat(feeder.pendingLines()).isZero();
        Map<Platform, List<String>> sent = jsonLines(slices.subList(0, 1));
        for (Platform p : Platform.values()) {
            assertThat(ingest.received(p)).isEqualTo(sent.get(p));
        }
    }

    @Test
    void aWrongKeyFailsAtOnceSayingWhatToDo() {
        List<FeedSlice> slices = history();
        Feeder feeder = feeder("omk_wrong", FAST, 1000);
        assertThatThrownBy(() -> feeder.send(slices.get(0)))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("--api-key")
                .hasMessageContaining("unknown API key")
                .satisfies(e -> assertThat(((IngestException) e).retryable()).isFalse());
        assertThat(ingest.requests()).isEqualTo(1);
    }

    @Test
    void rejectionsThatDifferFromTheIntendedBadRowsAreReported() throws Exception {
        ingest.acceptEverything().alsoReject(line -> line == 1);
        List<FeedSlice> slices = history();
        Feeder feeder = feeder(FakeIngest.KEY, FAST, 100_000);
        for (FeedSlice s : slices) {
            feeder.send(s);
        }
        SendStatus.View v = status.view();
        assertThat(v.rejectionMismatches()).isPositive();
        long unexpected = v.platforms().values().stream().mapToLong(SendStatus.PlatformView::unexpectedRejections).sum();
        long missed = v.platforms().values().stream().mapToLong(SendStatus.PlatformView::missedRejections).sum();
        assertThat(unexpected).isPositive();
        assertThat(missed).isPositive();
        assertThat(v.lastError().message()).contains("rejections differ from the intended bad rows");
    }
}
