package ai.omnify.ingest.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.ingest.platform.FakeHarness;
import ai.omnify.ingest.platform.PlatformClients;
import ai.omnify.ingest.sink.InMemoryRecordSink;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdEntity;
import ai.omnify.simulator.brand.Ad;
import ai.omnify.simulator.brand.Campaign;
import ai.omnify.simulator.fakes.meta.FakeMeta;
import ai.omnify.testing.TestKafka;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Meta client against the simulator's fake Graph API, through the sync, to the real {@code omnify.ad-entities}
 * topic: every ad once, keyed by {@link AdEntity#key()}, with status, copy and launch date equal to the fake's truth;
 * published on a backfill, then on a poll only when the last publish is older than the interval.
 */
class EntityPublishIT {
    final SyncFixture f = new SyncFixture();
    final FakeHarness harness = new FakeHarness();

    @AfterEach
    void close() {
        harness.close();
        f.close();
    }

    /** The Meta reader for entities; insights are not this test's subject (one empty page). */
    static final class EntitiesOnly implements PlatformReader, EntityReader {
        final EntityReader meta;

        EntitiesOnly(EntityReader meta) {
            this.meta = meta;
        }

        @Override
        public SyncSummary read(SyncRequest request, SyncOutput output) {
            output.pageDone(null, 1, 1);
            return new SyncSummary(0, 1, 1, 0);
        }

        @Override
        public java.util.List<AdEntity> adEntities(SyncRequest request) throws PlatformException {
            return meta.adEntities(request);
        }
    }

    @Test
    void aBackfillPublishesEveryAdOnceWithTheFakesStatusCopyAndLaunchDate() {
        String account = harness.fakes.truth().account(Platform.META).accountId();
        UUID connection = f.connections.upsert(f.org, Platform.META, account, Map.of("access_token", FakeMeta.TOKEN), "api");
        PlatformClients clients = harness.clients(Map.of("META_PAGE_SIZE", "25"));
        EntitiesOnly reader = new EntitiesOnly((EntityReader) clients.reader(Platform.META));
        SyncRunner runner = f.runner(p -> reader, f.kafka, SyncConfig.defaults());
        LocalDate today = harness.fakes.truth().today(Platform.META);
        SyncRun backfill = f.runs.create(f.org, connection, Platform.META, SyncKind.BACKFILL,
                new SyncWindows.Window(today.minusDays(2), today, null));

        assertThat(runner.backfill(f.org, backfill.id())).isEqualTo(SyncRunner.Outcome.DONE);

        Map<String, Expected> truth = truth(today);
        List<ConsumerRecord<String, String>> records = TestKafka.readAll(f.topics.adEntities());
        assertThat(records).hasSize(truth.size());
        Map<String, Expected> published = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            AdEntity e = Json.read(r.value(), AdEntity.class).value();
            assertThat(r.key()).isEqualTo(e.key()).isEqualTo(f.org + ":meta:" + e.adId());
            assertThat(e.orgId()).isEqualTo(f.org.toString());
            assertThat(e.accountId()).isEqualTo(account);
            assertThat(e.creativeName()).isNotBlank();
            assertThat(e.updatedAt()).isNotNull();
            published.put(e.adId(), new Expected(e.campaignId(), e.adName(), e.status(), e.headline(), e.body(),
                    e.launchDate()));
        }
        assertThat(published).isEqualTo(truth);
        assertThat(published.values()).extracting(Expected::status).contains("active");
        assertThat(f.runs.entitiesPublishedAt(f.org, connection)).isPresent(); // recorded after Kafka's acks

        // a poll within the hour does not publish again; with the interval at 0 it does
        runner.recurring(SyncKind.POLL, f.org, connection);
        assertThat(TestKafka.readAll(f.topics.adEntities())).hasSize(truth.size());
        SyncRunner everyPoll = f.runner(p -> reader, f.kafka, SyncConfig.fromEnv(Map.of("SYNC_ENTITIES_INTERVAL", "0s")));
        everyPoll.recurring(SyncKind.POLL, f.org, connection);
        assertThat(TestKafka.readAll(f.topics.adEntities())).hasSize(2 * truth.size());
    }

    @Test
    void aBadEntityGoesToTheDeadLettersWithItsReasonAndTheOthersThrough() {
        UUID connection = f.connect(Platform.META, "act_77");
        Instant now = Instant.now();
        AdEntity good = new AdEntity(null, Platform.META, "act_77", "c1", "Campaign", "active", "s1", "a1", "Ad 1",
                "active", "ACTIVE", "Creative 1", "Headline", "Body", LocalDate.of(2026, 3, 1), now, null);
        AdEntity noStatus = new AdEntity(null, Platform.META, "act_77", "c1", "Campaign", "active", "s1", "a2", "Ad 2",
                null, "WEIRD", null, null, null, null, now, null);
        PlatformReader reader = new EntitiesOnly(request -> List.of(good, noStatus));
        InMemoryRecordSink sink = InMemoryRecordSink.acking();
        SyncRunner runner = f.runner(p -> reader, sink, SyncConfig.defaults());

        assertThat(runner.recurring(SyncKind.NIGHTLY, f.org, connection).outcome()).isEqualTo(SyncRunner.Outcome.DONE);

        assertThat(sink.sentTo(f.topics.adEntities())).singleElement()
                .satisfies(s -> assertThat(s.key()).isEqualTo(f.org + ":meta:a1"));
        assertThat(sink.sentTo(f.topics.deadLetter())).singleElement().satisfies(s -> {
            DeadLetter d = Json.read(s.value(), DeadLetter.class).value();
            assertThat(d.reason()).contains("status 'null' is not one of active, paused, archived");
            assertThat(d.payload()).contains("\"adId\":\"a2\"");
        });
        assertThat(f.db.query("SELECT status, last_error FROM api_credentials WHERE id = ?", connection).get(0))
                .containsEntry("status", "active");
    }

    /** What the fake serves for an ad, in Omnify's words. */
    record Expected(String campaignId, String adName, String status, String headline, String body, LocalDate launchDate) {}

    private Map<String, Expected> truth(LocalDate today) {
        var catalog = harness.fakes.truth().brand().catalog();
        Map<String, Expected> m = new HashMap<>();
        for (Campaign c : catalog.campaignsOf(harness.fakes.truth().account(Platform.META))) {
            for (Ad a : catalog.adsOf(c)) {
                if (a.launchDate().isAfter(today)) {
                    continue;
                }
                String status = c.isPausedOn(today) || "PAUSED".equals(a.status(today)) ? "paused" : "active";
                String headline = a.name().split(" \\| ")[0];
                m.put(a.adId(), new Expected(c.campaignId(), a.name(), status, headline,
                        "Fieldhouse Outfitters: " + headline + " (" + a.format() + ")", a.launchDate()));
            }
        }
        return m;
    }
}
