package ai.omnify.simulator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Json;
import ai.omnify.model.Parsed;
import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.insight.InsightRules;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.OrderRules;
import ai.omnify.simulator.Datasets;
import ai.omnify.simulator.status.SendStatus;
import ai.omnify.simulator.stream.FeedStream;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import ai.omnify.simulator.truth.GroundTruth;
import ai.omnify.simulator.truth.SnapshotKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * History then live ticks through the feeder into the fake ingest service: what the service took, reduced with
 * snapshot and order semantics, is the ground truth.
 */
class HistoryAndLiveThroughIngestTest {

    @Test
    void whatTheIngestServiceTookReducesToTheGroundTruth() throws Exception {
        Instant now = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);
        FeedStream stream = SyntheticBrand.create(SimulationConfig.of(21, 3, now, Datasets.ORG)).stream();
        GroundTruth truth = new GroundTruth();
        try (FakeIngest ingest = new FakeIngest()) {
            SendStatus status = new SendStatus(Clock.systemUTC(), ingest.url().toString(), Datasets.ORG, 21);
            Feeder feeder = new Feeder(new IngestClient(ingest.url(), FakeIngest.KEY, RetryPolicy.DEFAULT, d -> { },
                    new SplittableRandom(3)), status, 1500);
            ingest.failNext(503);
            while (stream.hasMoreHistory()) {
                var slice = stream.nextHistoryDay();
                truth.accept(slice);
                feeder.send(slice);
            }
            for (int i = 1; i <= 12; i++) {
                var slice = stream.tick(now.plus(Duration.ofMinutes(2L * i)), i % 4 == 1);
                truth.accept(slice);
                feeder.send(slice);
            }
            assertThat(status.view().rejectionMismatches()).isZero();
            assertThat(latestSnapshots(ingest)).containsExactlyInAnyOrderEntriesOf(truth.snapshots());
            assertThat(latestOrders(ingest)).containsExactlyInAnyOrderEntriesOf(truth.orders());
        }
    }

    private static Map<SnapshotKey, AdInsight> latestSnapshots(FakeIngest ingest) {
        Map<SnapshotKey, AdInsight> latest = new HashMap<>();
        for (Platform p : List.of(Platform.META, Platform.GOOGLE, Platform.TIKTOK)) {
            for (String line : ingest.received(p)) {
                Parsed<AdInsight> parsed = Json.read(line, AdInsight.class);
                if (!parsed.isOk() || !InsightRules.validate(InsightRules.withDefaults(parsed.value(), Instant.now(),
                        "ingest"), Instant.now()).isEmpty()) {
                    continue;
                }
                AdInsight in = parsed.value();
                latest.merge(SnapshotKey.of(in), in, (a, b) -> b.reportedAt().isBefore(a.reportedAt()) ? a : b);
            }
        }
        return latest;
    }

    private static Map<String, OrderEvent> latestOrders(FakeIngest ingest) {
        Map<String, OrderEvent> latest = new HashMap<>();
        Set<String> events = new HashSet<>();
        for (String line : ingest.received(Platform.SHOPIFY)) {
            Parsed<OrderEvent> parsed = Json.read(line, OrderEvent.class);
            if (!parsed.isOk() || !OrderRules.validate(OrderRules.withDefaults(parsed.value(), "ingest"),
                    Instant.now()).isEmpty() || !events.add(parsed.value().eventId())) {
                continue;
            }
            OrderEvent o = parsed.value();
            latest.merge(o.orderId(), o, (a, b) -> b.updatedAt().isBefore(a.updatedAt()) ? a : b);
        }
        return latest;
    }
}
