package ai.omnify.ingest.tiktok;

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
import ai.omnify.model.insight.AdInsight;
import ai.omnify.simulator.fakes.Faults;
import ai.omnify.simulator.fakes.tiktok.FakeTikTok;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The TikTok client against the simulator's fake Business API over loopback HTTP. */
class TikTokClientTest {
    private FakeHarness harness;
    private String advertiser;
    private LocalDate first;
    private LocalDate today;

    @BeforeEach
    void start() {
        harness = new FakeHarness();
        advertiser = harness.fakes.truth().account(Platform.TIKTOK).accountId();
        first = harness.fakes.truth().firstDate(Platform.TIKTOK);
        today = harness.fakes.truth().today(Platform.TIKTOK);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private SyncRequest request(String token, String resume) {
        return adRequest(Platform.TIKTOK, advertiser, Map.of("access_token", token), first, today, resume);
    }

    private FakeHarness.Collected read(PlatformClients clients, SyncRequest r) throws PlatformException {
        FakeHarness.Collected out = new FakeHarness.Collected();
        clients.reader(Platform.TIKTOK).read(r, out);
        return out;
    }

    private Map<String, FakeHarness.InsightView> truth() {
        return byKey(harness.fakes.truth().insights(Platform.TIKTOK, first, today));
    }

    @Test
    void fullBackfillInThirtyDayWindowsEqualsTheGroundTruth() throws Exception {
        PlatformClients clients = harness.clients(Map.of("TIKTOK_PAGE_SIZE", "200"));
        FakeHarness.Collected out = new FakeHarness.Collected();
        SyncSummary s = clients.reader(Platform.TIKTOK).read(request(FakeTikTok.TOKEN, null), out);
        assertThat(truth()).hasSizeGreaterThan(2000);
        assertThat(byKey(out.insights)).isEqualTo(truth());
        assertThat(out.insights).allSatisfy(i -> {
            assertThat(i.currency()).isEqualTo("GBP");
            assertThat(i.timeZone()).isEqualTo("Europe/London");
        });
        assertThat(s.pages()).isGreaterThan(4);
        assertThat(out.cursors.get(out.cursors.size() - 1)).isNull();
    }

    @Test
    void resumesFromTheNextPage() throws Exception {
        PlatformClients clients = harness.clients(Map.of("TIKTOK_PAGE_SIZE", "150"));
        FakeHarness.Collected all = read(clients, request(FakeTikTok.TOKEN, null));
        int stopAfter = 3;
        int before = all.rowsAtPage.get(stopAfter - 1);
        FakeHarness.Collected rest = read(clients, request(FakeTikTok.TOKEN, all.cursors.get(stopAfter - 1)));
        List<AdInsight> joined = new ArrayList<>(all.insights.subList(0, before));
        joined.addAll(rest.insights);
        assertThat(rest.insights).hasSize(all.insights.size() - before);
        assertThat(byKey(joined)).isEqualTo(truth());
    }

    @Test
    void afterTheFirstRateLimitCodeItPacesItselfBelowTheQuota() throws Exception {
        harness.fakes.tiktok().limit(5, 1000);
        PlatformClients clients = harness.clients(Map.of("TIKTOK_PAGE_SIZE", "100", "TIKTOK_MAX_RPS", "8",
                "TIKTOK_THROTTLE_PAUSE", "1s"));
        FakeHarness.Collected out = new FakeHarness.Collected();
        SyncSummary s = clients.reader(Platform.TIKTOK).read(request(FakeTikTok.TOKEN, null), out);
        assertThat(byKey(out.insights)).isEqualTo(truth());
        assertThat(s.requests()).isGreaterThan(15);
        // the first 40100 is the slow-down signal; none after it
        assertThat(harness.fakes.tiktok().stats().quotaRefusals()).isLessThanOrEqualTo(1);
        assertThat(s.throttled()).isEqualTo(harness.fakes.tiktok().stats().quotaRefusals());
    }

    @ParameterizedTest
    @EnumSource(value = Faults.Mode.class, names = {"THROTTLE", "ERROR_5XX", "SLOW", "MALFORMED"})
    void recoversFromEachFaultWithNoLostAndNoDuplicatedDay(Faults.Mode mode) throws Exception {
        harness.fakes.tiktok().faults().arm(new Faults.Fault(mode, 3, 2, 1500));
        PlatformClients clients = harness.clients(Map.of("TIKTOK_PAGE_SIZE", "300", "PLATFORM_REQUEST_TIMEOUT", "1s"));
        FakeHarness.Collected out = read(clients, request(FakeTikTok.TOKEN, null));
        assertThat(harness.fakes.tiktok().faults().fired(mode)).isEqualTo(2);
        assertThat(byKey(out.insights)).isEqualTo(truth());
    }

    @Test
    void aRevokedTokenIsPermanentAndNotRetried() {
        harness.fakes.tiktok().faults().arm(new Faults.Fault(Faults.Mode.EXPIRED_TOKEN, 0, -1, 0));
        PlatformClients clients = harness.clients(Map.of());
        assertThatThrownBy(() -> read(clients, request(FakeTikTok.TOKEN, null)))
                .isInstanceOf(PlatformException.Permanent.class)
                .hasMessageContaining("40105");
        assertThat(harness.fakes.tiktok().stats().requests()).isEqualTo(1);
    }

    @Test
    void aBearerPrefixIsNotHowTikTokTakesItsToken() {
        PlatformClients clients = harness.clients(Map.of());
        assertThatThrownBy(() -> read(clients, request("Bearer " + FakeTikTok.TOKEN, null)))
                .isInstanceOf(PlatformException.Permanent.class);
    }
}
