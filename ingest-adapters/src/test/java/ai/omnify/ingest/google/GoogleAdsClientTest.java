package ai.omnify.ingest.google;

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
import ai.omnify.simulator.fakes.google.FakeGoogleAds;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Google Ads client against the simulator's fake Google Ads API and OAuth endpoint over loopback HTTP. */
class GoogleAdsClientTest {
    private static final Map<String, String> CREDENTIALS = Map.of("refresh_token", FakeGoogleAds.REFRESH_TOKEN,
            "login_customer_id", "987-654-3210");
    private FakeHarness harness;
    private String customer;
    private LocalDate first;
    private LocalDate today;

    @BeforeEach
    void start() {
        harness = new FakeHarness();
        customer = harness.fakes.truth().account(Platform.GOOGLE).accountId();
        first = harness.fakes.truth().firstDate(Platform.GOOGLE);
        today = harness.fakes.truth().today(Platform.GOOGLE);
        harness.fakes.google().batchSize(700);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private SyncRequest request(Map<String, String> credentials, String resume) {
        return adRequest(Platform.GOOGLE, customer, credentials, first, today, resume);
    }

    private FakeHarness.Collected read(PlatformClients clients, SyncRequest r) throws PlatformException {
        FakeHarness.Collected out = new FakeHarness.Collected();
        clients.reader(Platform.GOOGLE).read(r, out);
        return out;
    }

    private Map<String, FakeHarness.InsightView> truth() {
        return byKey(harness.fakes.truth().insights(Platform.GOOGLE, first, today));
    }

    @Test
    void fullBackfillEqualsTheGroundTruthWithCostMicrosConvertedExactly() throws Exception {
        PlatformClients clients = harness.clients(Map.of());
        FakeHarness.Collected out = new FakeHarness.Collected();
        SyncSummary s = clients.reader(Platform.GOOGLE).read(request(CREDENTIALS, null), out);

        assertThat(truth()).hasSizeGreaterThan(3000);
        assertThat(byKey(out.insights)).isEqualTo(truth());
        assertThat(out.insights).allSatisfy(i -> {
            assertThat(i.currency()).isEqualTo("EUR");
            assertThat(i.timeZone()).isEqualTo("Europe/Berlin");
            assertThat(i.spend().scale()).isEqualTo(6);
            assertThat(i.reach()).isNull();
        });
        assertThat(out.insights).anySatisfy(i -> assertThat(i.conversions().stripTrailingZeros().scale()).isPositive());
        assertThat(s.pages()).isEqualTo(4); // 91 days in windows of 30
        assertThat(out.pagesTotal).isEqualTo(4);
        assertThat(harness.fakes.google().tokenRequests()).isEqualTo(1); // the access token is cached
    }

    @Test
    void theDeveloperTokenHeaderIsSentOnlyWhenConfigured() throws Exception {
        read(harness.clients(Map.of("GOOGLE_ADS_CHUNK_DAYS", "60")), request(CREDENTIALS, null));
        assertThat(harness.fakes.google().lastDeveloperToken()).isNull();
        read(harness.clients(Map.of("GOOGLE_ADS_CHUNK_DAYS", "60", "GOOGLE_ADS_DEVELOPER_TOKEN", "dev-token-22")),
                request(CREDENTIALS, null));
        assertThat(harness.fakes.google().lastDeveloperToken()).isEqualTo("dev-token-22");
    }

    @Test
    void resumesAtTheNextWindow() throws Exception {
        PlatformClients clients = harness.clients(Map.of("GOOGLE_ADS_CHUNK_DAYS", "10"));
        FakeHarness.Collected all = read(clients, request(CREDENTIALS, null));
        int before = all.rowsAtPage.get(3);
        FakeHarness.Collected rest = read(clients, request(CREDENTIALS, all.cursors.get(3)));
        List<AdInsight> joined = new ArrayList<>(all.insights.subList(0, before));
        joined.addAll(rest.insights);
        assertThat(rest.insights).hasSize(all.insights.size() - before);
        assertThat(byKey(joined)).isEqualTo(truth());
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnce() throws Exception {
        PlatformClients clients = harness.clients(Map.of("GOOGLE_ADS_CHUNK_DAYS", "10"));
        read(clients, request(CREDENTIALS, null));
        harness.fakes.google().expireAccessTokens();
        FakeHarness.Collected out = read(clients, request(CREDENTIALS, null));
        assertThat(byKey(out.insights)).isEqualTo(truth());
        assertThat(harness.fakes.google().tokenRequests()).isEqualTo(2);
    }

    @Test
    void afterTheFirstResourceExhaustedItPacesItselfBelowTheQuota() throws Exception {
        harness.fakes.google().limit(5, 1000);
        PlatformClients clients = harness.clients(Map.of("GOOGLE_ADS_CHUNK_DAYS", "5", "GOOGLE_ADS_MAX_RPS", "8"));
        FakeHarness.Collected out = new FakeHarness.Collected();
        SyncSummary s = clients.reader(Platform.GOOGLE).read(request(CREDENTIALS, null), out);

        assertThat(byKey(out.insights)).isEqualTo(truth());
        assertThat(s.requests()).isGreaterThan(15);
        // the first RESOURCE_EXHAUSTED is the slow-down signal; none after it
        assertThat(harness.fakes.google().stats().quotaRefusals()).isLessThanOrEqualTo(1);
        assertThat(s.throttled()).isEqualTo(harness.fakes.google().stats().quotaRefusals());
    }

    @ParameterizedTest
    @EnumSource(value = Faults.Mode.class, names = {"THROTTLE", "ERROR_5XX", "SLOW", "MALFORMED"})
    void recoversFromEachFaultWithNoLostAndNoDuplicatedDay(Faults.Mode mode) throws Exception {
        harness.fakes.google().faults().arm(new Faults.Fault(mode, 2, 2, 1500));
        PlatformClients clients = harness.clients(Map.of("GOOGLE_ADS_CHUNK_DAYS", "15", "PLATFORM_REQUEST_TIMEOUT", "1s"));
        FakeHarness.Collected out = read(clients, request(CREDENTIALS, null));
        assertThat(harness.fakes.google().faults().fired(mode)).isEqualTo(2);
        assertThat(byKey(out.insights)).isEqualTo(truth());
    }

    @Test
    void aRevokedRefreshTokenIsPermanent() {
        harness.fakes.google().faults().arm(new Faults.Fault(Faults.Mode.EXPIRED_TOKEN, 0, -1, 0));
        PlatformClients clients = harness.clients(Map.of());
        assertThatThrownBy(() -> read(clients, request(CREDENTIALS, null)))
                .isInstanceOf(PlatformException.Permanent.class)
                .hasMessageContaining("invalid_grant")
                .hasMessageNotContaining(FakeGoogleAds.REFRESH_TOKEN);
    }

    @Test
    void withoutTheManagerHeaderAccessIsDeniedPermanently() {
        PlatformClients clients = harness.clients(Map.of());
        assertThatThrownBy(() -> read(clients, request(Map.of("refresh_token", FakeGoogleAds.REFRESH_TOKEN), null)))
                .isInstanceOf(PlatformException.Permanent.class)
                .hasMessageContaining("USER_PERMISSION_DENIED");
    }
}
