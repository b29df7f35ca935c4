package ai.omnify.ingest.meta;

import static ai.omnify.ingest.platform.FakeHarness.adRequest;
import static ai.omnify.ingest.platform.FakeHarness.byKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.ingest.platform.FakeHarness;
import ai.omnify.ingest.platform.PlatformClients;
import ai.omnify.ingest.sync.PlatformException;
import ai.omnify.ingest.sync.SyncRequest;
import ai.omnify.ingest.sync.SyncSummary;
import ai.omnify.model.Platform;
import ai.omnify.simulator.fakes.Faults;
import ai.omnify.simulator.fakes.meta.FakeMeta;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Meta client against the simulator's fake Graph API over loopback HTTP. */
class MetaClientTest {
    private FakeHarness harness;
    private String account;
    private LocalDate first;
    private LocalDate today;

    @BeforeEach
    void start() {
        harness = new FakeHarness();
        account = harness.fakes.truth().account(Platform.META).accountId();
        first = harness.fakes.truth().firstDate(Platform.META);
        today = harness.fakes.truth().today(Platform.META);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private SyncRequest request(LocalDate from, LocalDate to, String resume) {
        return adRequest(Platform.META, account, Map.of("access_token", FakeMeta.TOKEN), from, to, resume);
    }

    private FakeHarness.Collected read(PlatformClients clients, SyncRequest r) throws PlatformException {
        FakeHarness.Collected out = new FakeHarness.Collected();
        clients.reader(Platform.META).read(r, out);
        return out;
    }

    @Test
    void fullBackfillThroughAnAsyncRunEqualsTheGroundTruth() throws Exception {
        PlatformClients clients = harness.clients(Map.of());
        FakeHarness.Collected out = new FakeHarness.Collected();
        SyncSummary s = clients.reader(Platform.META).read(request(first, today, null), out);

        var truth = byKey(harness.fakes.truth().insights(Platform.META, first, today));
        assertThat(truth).hasSizeGreaterThan(5000);
        assertThat(byKey(out.insights)).isEqualTo(truth);
        assertThat(out.insights).allSatisfy(i -> {
            assertThat(i.currency()).isEqualTo("USD");
            assertThat(i.timeZone()).isEqualTo("America/New_York");
            assertThat(i.source()).isEqualTo("poll");
            assertThat(i.orgId()).isEqualTo(FakeHarness.ORG.toString());
        });
        assertThat(s.rows()).isEqualTo(truth.size());
        assertThat(s.pages()).isEqualTo((truth.size() + 499) / 500);
        assertThat(out.cursors.get(out.cursors.size() - 1)).isNull();
        assertThat(s.throttled()).isZero();
    }

    @Test
    void aShortRangePagesSynchronouslyAndResumesAfterTheLastFinishedPage() throws Exception {
        PlatformClients clients = harness.clients(Map.of("META_PAGE_SIZE", "40", "META_CHUNK_DAYS", "4"));
        LocalDate from = today.minusDays(9);
        FakeHarness.Collected all = read(clients, request(from, today, null));
        var truth = byKey(harness.fakes.truth().insights(Platform.META, from, today));
        assertThat(byKey(all.insights)).isEqualTo(truth);
        assertThat(all.cursors.size()).isGreaterThan(10);

        // stop after page 5, resume from its cursor: the rest arrives exactly once, nothing earlier is re-read
        int stopAfter = 5;
        String cursor = all.cursors.get(stopAfter - 1);
        int rowsBefore = all.rowsAtPage.get(stopAfter - 1);
        FakeHarness.Collected rest = read(clients, request(from, today, cursor));
        assertThat(rest.insights).hasSize(truth.size() - rowsBefore);
        List<ai.omnify.model.insight.AdInsight> joined = new java.util.ArrayList<>(all.insights.subList(0, rowsBefore));
        joined.addAll(rest.insights);
        assertThat(byKey(joined)).isEqualTo(truth);
    }

    @Test
    void anInterruptedAsyncReadResumesInTheSameReportRun() throws Exception {
        PlatformClients clients = harness.clients(Map.of("META_PAGE_SIZE", "700"));
        FakeHarness.Collected all = read(clients, request(first, today, null));
        String cursor = all.cursors.get(2);
        assertThat(cursor).contains("\"run\"");
        int before = all.rowsAtPage.get(2);
        int requestsBefore = harness.fakes.meta().stats().requests();
        FakeHarness.Collected rest = read(clients, request(first, today, cursor));
        assertThat(rest.insights).hasSize(all.insights.size() - before);
        List<ai.omnify.model.insight.AdInsight> joined = new java.util.ArrayList<>(all.insights.subList(0, before));
        joined.addAll(rest.insights);
        assertThat(byKey(joined)).isEqualTo(byKey(harness.fakes.truth().insights(Platform.META, first, today)));
        // account + the remaining pages of the run: no new run, no status polls
        assertThat(harness.fakes.meta().stats().requests() - requestsBefore).isEqualTo(1 + rest.cursors.size());
    }

    @Test
    void slowsDownOnTheUsageHeadersBeforeMetaSaysNo() throws Exception {
        harness.fakes.meta().limit(12, 1000);
        List<java.time.Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        // sync reads only: every wait is then the usage gate's (no async status polls)
        PlatformClients clients = harness.clients(Map.of("META_PAGE_SIZE", "300", "META_ASYNC_MIN_DAYS", "1000",
                "META_CHUNK_DAYS", "30"), d -> {
            waits.add(d);
            Thread.sleep(d.toMillis());
        });
        FakeHarness.Collected out = new FakeHarness.Collected();
        SyncSummary s = clients.reader(Platform.META).read(request(first, today, null), out);

        assertThat(byKey(out.insights)).isEqualTo(byKey(harness.fakes.truth().insights(Platform.META, first, today)));
        assertThat(s.requests()).isGreaterThan(12); // more calls than one window allows
        // the client held its calls until the usage window reset once the headers crossed 75 %
        assertThat(waits).anySatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(500)));
        assertThat(harness.fakes.meta().stats().quotaRefusals()).isZero();
        assertThat(s.throttled()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Faults.Mode.class, names = {"THROTTLE", "ERROR_5XX", "SLOW", "MALFORMED"})
    void recoversFromEachFaultWithNoLostAndNoDuplicatedDay(Faults.Mode mode) throws Exception {
        harness.fakes.meta().faults().arm(new Faults.Fault(mode, 4, 2, 1500));
        PlatformClients clients = harness.clients(Map.of("META_PAGE_SIZE", "400", "PLATFORM_REQUEST_TIMEOUT", "1s"));
        FakeHarness.Collected out = read(clients, request(first, today, null));

        assertThat(harness.fakes.meta().faults().fired(mode)).isEqualTo(2);
        assertThat(byKey(out.insights)).isEqualTo(byKey(harness.fakes.truth().insights(Platform.META, first, today)));
    }

    @ParameterizedTest
    @EnumSource(value = Faults.Mode.class, names = {"ASYNC_FAIL", "ASYNC_STUCK"})
    void aFailedOrStuckAsyncRunFallsBackToSmallerSyncRanges(Faults.Mode mode) throws Exception {
        harness.fakes.meta().faults().arm(new Faults.Fault(mode, 0, 1, 0));
        PlatformClients clients = harness.clients(Map.of("META_ASYNC_TIMEOUT", "300ms", "META_CHUNK_DAYS", "10"));
        FakeHarness.Collected out = read(clients, request(first, today, null));

        assertThat(harness.fakes.meta().faults().fired(mode)).isEqualTo(1);
        assertThat(byKey(out.insights)).isEqualTo(byKey(harness.fakes.truth().insights(Platform.META, first, today)));
    }

    @Test
    void aRangeMetaCannotAnswerInTimeIsReadAsSmallerRanges() throws Exception {
        harness.fakes.meta().faults().arm(new Faults.Fault(Faults.Mode.TOO_MUCH_DATA, 0, 3, 0));
        PlatformClients clients = harness.clients(Map.of("META_CHUNK_DAYS", "8", "META_PAGE_SIZE", "60"));
        LocalDate from = today.minusDays(11);
        FakeHarness.Collected out = read(clients, request(from, today, null));
        assertThat(harness.fakes.meta().faults().fired(Faults.Mode.TOO_MUCH_DATA)).isEqualTo(3);
        assertThat(byKey(out.insights)).isEqualTo(byKey(harness.fakes.truth().insights(Platform.META, from, today)));
    }

    @Test
    void anExpiredTokenIsPermanentAndNotRetried() {
        harness.fakes.meta().faults().arm(new Faults.Fault(Faults.Mode.EXPIRED_TOKEN, 0, -1, 0));
        PlatformClients clients = harness.clients(Map.of());
        assertThatThrownBy(() -> read(clients, request(first, today, null)))
                .isInstanceOf(PlatformException.Permanent.class)
                .hasMessageContaining("190/463")
                .hasMessageNotContaining(FakeMeta.TOKEN);
        assertThat(harness.fakes.meta().stats().requests()).isEqualTo(1);
    }

    @Test
    void theCircuitBreakerOfAFailingConnectionOpensAndStopsCallingIt() {
        harness.fakes.meta().faults().arm(new Faults.Fault(Faults.Mode.ERROR_5XX, 0, -1, 0));
        PlatformClients clients = harness.clients(Map.of("PLATFORM_RETRY_MAX_ATTEMPTS", "2",
                "PLATFORM_BREAKER_WINDOW", "2"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> read(clients, request(first, today, null)))
                    .isInstanceOf(PlatformException.Transient.class)
                    .hasMessageContaining("after 2 attempts");
        }
        int calls = harness.fakes.meta().stats().requests();
        assertThat(calls).isEqualTo(4);
        assertThatThrownBy(() -> read(clients, request(first, today, null)))
                .isInstanceOf(PlatformException.Transient.class)
                .hasMessageContaining("circuit breaker");
        assertThat(harness.fakes.meta().stats().requests()).isEqualTo(calls);
        // another connection is not affected
        harness.fakes.meta().faults().clear();
        SyncRequest other = new SyncRequest(FakeHarness.ORG, java.util.UUID.randomUUID(), Platform.META, account,
                Map.of("access_token", FakeMeta.TOKEN), today, today, null, null);
        org.assertj.core.api.Assertions.assertThatCode(() -> read(clients, other)).doesNotThrowAnyException();
    }

    @Test
    void aWrongTokenIsPermanent() {
        PlatformClients clients = harness.clients(Map.of());
        SyncRequest r = adRequest(Platform.META, account, Map.of("access_token", "revoked"), first, today, null);
        assertThatThrownBy(() -> read(clients, r)).isInstanceOf(PlatformException.Permanent.class);
    }

    @Test
    void campaignsAdSetsAndAdsComeWithCreativeNameStatusCopyAndLaunchDate() throws Exception {
        PlatformClients clients = harness.clients(Map.of("META_PAGE_SIZE", "25"));
        MetaEntities e = clients.meta().entities(request(first, today, null));
        var catalog = harness.fakes.truth().brand().catalog();
        var metaAccount = harness.fakes.truth().account(Platform.META);
        assertThat(e.campaigns()).hasSize(catalog.campaignsOf(metaAccount).size());
        assertThat(e.adSets()).hasSize(e.campaigns().size());
        assertThat(e.ads()).isNotEmpty().allSatisfy(ad -> {
            assertThat(ad.creativeName()).isNotBlank();
            assertThat(ad.title()).isNotBlank();
            assertThat(ad.body()).isNotBlank();
            assertThat(ad.status()).isIn("ACTIVE", "PAUSED");
            assertThat(ad.launchDate()).isNotNull();
        });
        var byId = catalog.adsById();
        assertThat(e.ads()).allSatisfy(ad -> assertThat(ad.launchDate().toLocalDate())
                .isEqualTo(byId.get(ad.id()).launchDate()));
    }
}
