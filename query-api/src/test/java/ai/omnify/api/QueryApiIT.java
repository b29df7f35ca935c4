package ai.omnify.api;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.model.Ids;
import ai.omnify.model.Platform;
import ai.omnify.model.metrics.MetricMath;
import ai.omnify.testing.StackExtension;
import ai.omnify.server.auth.ApiKeys;
import ai.omnify.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The query API on the real PostgreSQL, running as the application role (row-level security applies), with two
 * organizations seeded as the owner: A (EUR, Europe/Berlin) and B (USD, UTC).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiIT {
    @RegisterExtension
    static final StackExtension STACK = StackExtension.database();

    static final LocalDate DAY1 = LocalDate.of(2025, 3, 1);
    static final int DAYS = 10;
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    TestDatabase db;
    QueryApiServer server;
    TestHttp http;

    UUID orgA;
    UUID orgB;
    String keyA;
    String keyB;
    String ingestOnlyKeyA;
    String revokedKeyA;
    /** Channel ids by organization, in name order. */
    final List<UUID> channelsA = new ArrayList<>();
    final List<UUID> channelsB = new ArrayList<>();
    final Map<UUID, List<UUID>> creativesByChannel = new HashMap<>();
    final Set<String> idsOfA = new HashSet<>();
    LocalDate todayBerlin;

    @BeforeAll
    void seedAndStart() throws SQLException {
        db = STACK.db();
        orgA = db.createOrganization("Brand A", "EUR", "Europe/Berlin");
        orgB = db.createOrganization("Brand B", "USD", "UTC");
        keyA = db.createApiKey(orgA, "read");
        keyB = db.createApiKey(orgB, "read", "ingest");
        ingestOnlyKeyA = db.createApiKey(orgA, "ingest");
        revokedKeyA = db.createApiKey(orgA, "read");
        db.execute("UPDATE api_keys SET revoked_at = now() WHERE key_hash = ?", ApiKeys.hash(revokedKeyA));
        todayBerlin = LocalDate.now(BERLIN);

        try (Connection c = db.ownerConnection()) {
            c.setAutoCommit(false);
            seedChannel(c, orgA, channelsA, Platform.META, "cmp-a1", "Alpha Prospecting", "act_1", "active");
            seedChannel(c, orgA, channelsA, Platform.GOOGLE, "cmp-a2", "Brand Search", "123-456-7890", "paused");
            seedChannel(c, orgA, channelsA, Platform.TIKTOK, "cmp-a3", "Creators", null, "active");
            seedChannel(c, orgB, channelsB, Platform.META, "cmp-b1", "B Meta", "act_9", "active");
            seedChannel(c, orgB, channelsB, Platform.GOOGLE, "cmp-b2", "B Search", "999", "active");
            for (int i = 0; i < channelsA.size(); i++) {
                seedCreatives(c, orgA, channelsA.get(i), i, 2);
                seedDaily(c, orgA, channelsA.get(i), i, "EUR");
                seedHourly(c, orgA, channelsA.get(i), i, 2, "EUR");
            }
            for (int i = 0; i < channelsB.size(); i++) {
                seedCreatives(c, orgB, channelsB.get(i), i, 1);
                seedDaily(c, orgB, channelsB.get(i), i, "USD");
                seedHourly(c, orgB, channelsB.get(i), i, 1, "USD");
            }
            for (UUID channel : channelsA) {
                for (UUID creative : creativesByChannel.get(channel)) {
                    seedCreativeDaily(c, orgA, channel, creative, "EUR");
                }
            }
            UUID firstCreativeA = creativesByChannel.get(channelsA.get(0)).get(0);
            seedCreativeHourly(c, orgA, channelsA.get(0), firstCreativeA, "EUR");
            UUID firstCreativeB = creativesByChannel.get(channelsB.get(0)).get(0);
            seedCreativeDaily(c, orgB, channelsB.get(0), firstCreativeB, "USD");
            seedCreativeHourly(c, orgB, channelsB.get(0), firstCreativeB, "USD");
            seedOrgDaily(c, orgA, "EUR", 0);
            seedOrgDaily(c, orgB, "USD", 1);
            // rows around the default range (today in Berlin and the 29 days before) for A's first channel
            for (int back : new int[] {0, 29, 30}) {
                insertDaily(c, orgA, channelsA.get(0), todayBerlin.minusDays(back), new BigDecimal("1.5"), 1000 + back,
                        10, BigDecimal.ONE, "EUR");
            }
            c.commit();
        }
        for (UUID ch : channelsA) {
            idsOfA.add(ch.toString());
            creativesByChannel.get(ch).forEach(cr -> idsOfA.add(cr.toString()));
        }

        Map<String, String> env = STACK.serviceEnv();
        env.put("QUERY_API_PORT", "0");
        env.put("QUERY_API_HOST", "127.0.0.1");
        env.put("QUERY_API_DB_POOL_SIZE", "2");
        server = QueryApiServer.start(QueryApiConfig.fromEnv(env));
        http = new TestHttp(server.port());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---------------------------------------------------------------- seeding

    void seedChannel(Connection c, UUID org, List<UUID> into, Platform platform, String campaign, String name,
            String account, String status) throws SQLException {
        UUID id = Ids.channelId(org.toString(), platform, campaign);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO channels (id, organization_id, name, platform, "
                + "external_id, account_id, status) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setObject(2, org);
            ps.setString(3, name);
            ps.setString(4, platform.wire());
            ps.setString(5, campaign);
            ps.setString(6, account);
            ps.setString(7, status);
            ps.executeUpdate();
        }
        into.add(id);
    }

    void seedCreatives(Connection c, UUID org, UUID channel, int channelIndex, int count) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO creatives (id, organization_id, channel_id, name, "
                + "external_id, status, launch_date) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int k = 0; k < count; k++) {
                String adId = "ad-" + channel.toString().substring(0, 8) + "-" + k;
                UUID id = Ids.creativeId(org.toString(), Platform.META, adId);
                ps.setObject(1, id);
                ps.setObject(2, org);
                ps.setObject(3, channel);
                ps.setString(4, "Ad " + channelIndex + "-" + k);
                ps.setString(5, adId);
                ps.setString(6, k == 0 ? "active" : "paused");
                ps.setObject(7, k == 0 ? LocalDate.of(2025, 2, 1) : null);
                ps.addBatch();
                ids.add(id);
            }
            ps.executeBatch();
        }
        creativesByChannel.put(channel, ids);
    }

    static BigDecimal spend(int channelIndex, int day) {
        return new BigDecimal(100 + 10 * channelIndex + day).add(new BigDecimal("0.25"));
    }

    void seedDaily(Connection c, UUID org, UUID channel, int i, String currency) throws SQLException {
        for (int d = 0; d < DAYS; d++) {
            insertDaily(c, org, channel, DAY1.plusDays(d), spend(i, d), 10_000 + 100 * i + d, 100 + i + d,
                    d == 0 ? BigDecimal.ZERO : new BigDecimal("2.5"), currency);
        }
    }

    void insertDaily(Connection c, UUID org, UUID channel, LocalDate date, BigDecimal spend, long impressions,
            long clicks, BigDecimal conversions, String currency) throws SQLException {
        BigDecimal value = spend.multiply(BigDecimal.valueOf(3));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO daily_metrics (organization_id, channel_id, date, "
                + "spend, impressions, clicks, conversions, conversion_value, attributed_revenue, attributed_orders, "
                + "roas, cpa, ctr, cpc, cpm, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, org);
            ps.setObject(2, channel);
            ps.setObject(3, date);
            ps.setBigDecimal(4, spend);
            ps.setLong(5, impressions);
            ps.setLong(6, clicks);
            ps.setBigDecimal(7, conversions);
            ps.setBigDecimal(8, value);
            ps.setBigDecimal(9, spend.multiply(BigDecimal.valueOf(2)));
            ps.setInt(10, 2);
            ps.setBigDecimal(11, MetricMath.roas(value, spend));
            ps.setBigDecimal(12, MetricMath.cpa(spend, conversions));
            ps.setBigDecimal(13, MetricMath.ctr(clicks, impressions));
            ps.setBigDecimal(14, MetricMath.cpc(spend, clicks));
            ps.setBigDecimal(15, MetricMath.cpm(spend, impressions));
            ps.setString(16, currency);
            ps.executeUpdate();
        }
    }

    void seedHourly(Connection c, UUID org, UUID channel, int i, int days, String currency) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO hourly_metrics (organization_id, channel_id, date, "
                + "hour, spend, impressions, clicks, conversions, conversion_value, currency) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int d = 0; d < days; d++) {
                for (int h = 0; h < 24; h++) {
                    ps.setObject(1, org);
                    ps.setObject(2, channel);
                    ps.setObject(3, DAY1.plusDays(d));
                    ps.setInt(4, h);
                    ps.setBigDecimal(5, new BigDecimal(i + h).add(new BigDecimal("0.1000")));
                    ps.setLong(6, 100L * (h + 1));
                    ps.setLong(7, h);
                    ps.setBigDecimal(8, BigDecimal.ZERO);
                    ps.setBigDecimal(9, BigDecimal.ZERO);
                    ps.setString(10, currency);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    void seedCreativeDaily(Connection c, UUID org, UUID channel, UUID creative, String currency) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO creative_daily_metrics (organization_id, "
                + "creative_id, channel_id, date, spend, impressions, clicks, conversions, conversion_value, reach, "
                + "frequency, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int d = 0; d < 5; d++) {
                long impressions = 3000 + d;
                long reach = 1000;
                ps.setObject(1, org);
                ps.setObject(2, creative);
                ps.setObject(3, channel);
                ps.setObject(4, DAY1.plusDays(d));
                ps.setBigDecimal(5, new BigDecimal("20.5000"));
                ps.setLong(6, impressions);
                ps.setLong(7, 30);
                ps.setBigDecimal(8, BigDecimal.ONE);
                ps.setBigDecimal(9, new BigDecimal("41.0000"));
                ps.setLong(10, reach);
                ps.setBigDecimal(11, MetricMath.frequency(impressions, reach));
                ps.setString(12, currency);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void seedCreativeHourly(Connection c, UUID org, UUID channel, UUID creative, String currency) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO creative_hourly_metrics (organization_id, "
                + "creative_id, channel_id, date, hour, spend, impressions, clicks, reach, currency) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int h = 0; h < 24; h++) {
                ps.setObject(1, org);
                ps.setObject(2, creative);
                ps.setObject(3, channel);
                ps.setObject(4, DAY1);
                ps.setInt(5, h);
                ps.setBigDecimal(6, new BigDecimal("1.0000"));
                ps.setLong(7, 100 + h);
                ps.setLong(8, 1);
                // hour 0 has no reach; hour 1 has 1/32 = 0.03125 (a tie, rounded half-even)
                if (h == 0) {
                    ps.setObject(9, null);
                } else {
                    ps.setLong(9, h == 1 ? 3232 : 50);
                }
                ps.setString(10, currency);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void seedOrgDaily(Connection c, UUID org, String currency, int offset) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO org_daily_metrics (organization_id, date, spend, "
                + "conversion_value, store_revenue, orders, attributed_revenue, mer, currency) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int d = 0; d < DAYS; d++) {
                BigDecimal spend = new BigDecimal(300 + d + offset);
                BigDecimal store = new BigDecimal(1200 + 7 * d).add(new BigDecimal("0.5"));
                ps.setObject(1, org);
                ps.setObject(2, DAY1.plusDays(d));
                ps.setBigDecimal(3, spend);
                ps.setBigDecimal(4, new BigDecimal("900.0000"));
                ps.setBigDecimal(5, store);
                ps.setInt(6, 12 + d);
                ps.setBigDecimal(7, new BigDecimal("800.1200"));
                ps.setBigDecimal(8, MetricMath.mer(store, spend));
                ps.setString(9, currency);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ---------------------------------------------------------------- helpers

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void assertDecimal(JsonNode node, String expected) {
        assertThat(node.isNumber()).as(node + " is a JSON number").isTrue();
        assertThat(node.decimalValue()).isEqualByComparingTo(expected);
    }

    JsonNode items(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        JsonNode json = r.json();
        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("items", "next");
        return json.get("items");
    }

    /** Follows {@code next} from the first page to the last; returns every item's key, in order. */
    List<String> pageThrough(String path, String key, Function<JsonNode, String> itemKey) {
        List<String> keys = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String url = path + (cursor == null ? "" : "&cursor=" + q(cursor));
            JsonNode json = http.get(url, key).json();
            assertThat(json.get("items")).as(url).isNotNull();
            json.get("items").forEach(item -> keys.add(itemKey.apply(item)));
            cursor = json.get("next").isNull() ? null : json.get("next").asText();
            assertThat(++pages).as("pages").isLessThan(1000);
        } while (cursor != null);
        return keys;
    }

    void assertPagingYieldsEveryRowOnce(String path, String pageLimit, String key, Function<JsonNode, String> itemKey) {
        List<String> all = new ArrayList<>();
        items(http.get(path + "&limit=5000", key)).forEach(i -> all.add(itemKey.apply(i)));
        assertThat(all).isNotEmpty().doesNotHaveDuplicates();
        List<String> paged = pageThrough(path + "&limit=" + pageLimit, key, itemKey);
        assertThat(paged).containsExactlyElementsOf(all);
    }

    // ---------------------------------------------------------------- tests

    @Nested
    class Channels {
        @Test
        void listsTheCallersChannelsInNameOrder() {
            JsonNode items = items(http.get("/api/v1/channels", keyA));
            assertThat(items).hasSize(3);
            JsonNode first = items.get(0);
            assertThat(first.fieldNames()).toIterable()
                    .containsExactly("id", "platform", "externalId", "name", "status", "accountId");
            assertThat(first.get("id").asText()).isEqualTo(channelsA.get(0).toString());
            assertThat(first.get("id").asText())
                    .isEqualTo(Ids.channelId(orgA.toString(), Platform.META, "cmp-a1").toString());
            assertThat(first.get("platform").asText()).isEqualTo("meta");
            assertThat(first.get("externalId").asText()).isEqualTo("cmp-a1");
            assertThat(first.get("name").asText()).isEqualTo("Alpha Prospecting");
            assertThat(first.get("status").asText()).isEqualTo("active");
            assertThat(first.get("accountId").asText()).isEqualTo("act_1");
            assertThat(items.get(1).get("status").asText()).isEqualTo("paused");
            assertThat(items.get(2).get("accountId").isNull()).isTrue();
            assertThat(items.findValuesAsText("name")).containsExactly("Alpha Prospecting", "Brand Search", "Creators");
        }

        @Test
        void filtersByPlatform() {
            JsonNode items = items(http.get("/api/v1/channels?platform=google", keyA));
            assertThat(items.findValuesAsText("id")).containsExactly(channelsA.get(1).toString());
            assertThat(items(http.get("/api/v1/channels?platform=email", keyA))).isEmpty();
        }

        @Test
        void pagesThroughEveryChannelOnce() {
            assertPagingYieldsEveryRowOnce("/api/v1/channels?x=1", "1", keyA, i -> i.get("id").asText());
        }

        @Test
        void listsCreativesOfAChannel() {
            UUID channel = channelsA.get(1);
            JsonNode items = items(http.get("/api/v1/creatives?channelId=" + channel, keyA));
            assertThat(items).hasSize(2);
            JsonNode first = items.get(0);
            assertThat(first.fieldNames()).toIterable()
                    .containsExactly("id", "channelId", "externalId", "name", "status", "launchDate", "platformStatus",
                            "creativeName", "headline", "body");
            assertThat(first.get("id").asText()).isEqualTo(creativesByChannel.get(channel).get(0).toString());
            assertThat(first.get("channelId").asText()).isEqualTo(channel.toString());
            assertThat(first.get("name").asText()).isEqualTo("Ad 1-0");
            assertThat(first.get("launchDate").asText()).isEqualTo("2025-02-01");
            assertThat(items.get(1).get("launchDate").isNull()).isTrue();
            assertThat(items(http.get("/api/v1/creatives", keyA))).hasSize(6);
        }

        @Test
        void pagesThroughEveryCreativeOnce() {
            assertPagingYieldsEveryRowOnce("/api/v1/creatives?x=1", "4", keyA, i -> i.get("id").asText());
        }
    }

    @Nested
    class DailyMetrics {
        final String range = "from=2025-03-01&to=2025-03-10";

        @Test
        void rowsHaveTheContractShapeAndExactValues() {
            TestHttp.Response r = http.get("/api/v1/metrics/daily?" + range, keyA);
            JsonNode items = items(r);
            assertThat(items).hasSize(30);
            assertThat(r.json().get("next").isNull()).isTrue();
            JsonNode row = items.get(3); // 2025-03-02, the first channel (by id) of that day
            assertThat(row.fieldNames()).toIterable().containsExactly("channelId", "date", "spend", "impressions",
                    "clicks", "conversions", "conversionValue", "attributedRevenue", "attributedOrders", "roas", "cpa",
                    "ctr", "cpc", "cpm", "currency");
            int i = channelsA.indexOf(UUID.fromString(row.get("channelId").asText()));
            BigDecimal spend = spend(i, 1);
            long impressions = 10_000 + 100 * i + 1;
            long clicks = 100 + i + 1;
            assertThat(row.get("date").asText()).isEqualTo("2025-03-02");
            assertDecimal(row.get("spend"), spend.toPlainString());
            assertThat(row.get("impressions").isIntegralNumber()).isTrue();
            assertThat(row.get("impressions").asLong()).isEqualTo(impressions);
            assertThat(row.get("clicks").asLong()).isEqualTo(clicks);
            assertDecimal(row.get("conversions"), "2.5");
            assertDecimal(row.get("conversionValue"), spend.multiply(BigDecimal.valueOf(3)).toPlainString());
            assertDecimal(row.get("attributedRevenue"), spend.multiply(BigDecimal.valueOf(2)).toPlainString());
            assertThat(row.get("attributedOrders").asInt()).isEqualTo(2);
            assertDecimal(row.get("roas"), "3");
            assertDecimal(row.get("cpa"), MetricMath.cpa(spend, new BigDecimal("2.5")).toPlainString());
            assertDecimal(row.get("ctr"), MetricMath.ctr(clicks, impressions).toPlainString());
            assertDecimal(row.get("cpc"), MetricMath.cpc(spend, clicks).toPlainString());
            assertDecimal(row.get("cpm"), MetricMath.cpm(spend, impressions).toPlainString());
            assertThat(row.get("currency").asText()).isEqualTo("EUR");
            // zero conversions: no CPA (null), and numbers written plainly without trailing zeros
            JsonNode firstDay = items.get(0);
            assertThat(firstDay.get("cpa").isNull()).isTrue();
            assertThat(r.body()).contains("\"conversions\":0,").contains("\"roas\":3,")
                    .doesNotContainPattern("\\.\\d*0[,}]").doesNotContainPattern(":-?\\d+(\\.\\d+)?[eE]");
        }

        @Test
        void isOrderedByDateThenChannelId() {
            JsonNode items = items(http.get("/api/v1/metrics/daily?" + range, keyA));
            List<String> keys = new ArrayList<>();
            items.forEach(i -> keys.add(i.get("date").asText() + " " + i.get("channelId").asText()));
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(null);
            assertThat(keys).containsExactlyElementsOf(sorted);
        }

        @Test
        void filtersByChannelAndRange() {
            UUID channel = channelsA.get(2);
            JsonNode items = items(http.get("/api/v1/metrics/daily?from=2025-03-03&to=2025-03-05&channelId="
                    + channel, keyA));
            assertThat(items).hasSize(3);
            assertThat(items.findValuesAsText("date")).containsExactly("2025-03-03", "2025-03-04", "2025-03-05");
            assertThat(items.findValuesAsText("channelId")).containsOnly(channel.toString());
        }

        @Test
        void defaultsToTheLast30DaysInTheOrganizationsTimeZone() {
            JsonNode items = items(http.get("/api/v1/metrics/daily", keyA));
            assertThat(items.findValuesAsText("date"))
                    .containsExactly(todayBerlin.minusDays(29).toString(), todayBerlin.toString());
        }

        @Test
        void pagesThroughEveryRowOnce() {
            assertPagingYieldsEveryRowOnce("/api/v1/metrics/daily?" + range, "7", keyA,
                    i -> i.get("date").asText() + "/" + i.get("channelId").asText());
        }

        @Test
        void creativeLevelHasCreativeIdsReachAndFrequency() {
            UUID channel = channelsA.get(0);
            UUID creative = creativesByChannel.get(channel).get(1);
            JsonNode items = items(http.get("/api/v1/metrics/daily?level=creative&" + range, keyA));
            assertThat(items).hasSize(30);
            JsonNode row = items.get(0);
            assertThat(row.fieldNames()).toIterable().containsExactly("creativeId", "channelId", "date", "spend",
                    "impressions", "clicks", "conversions", "conversionValue", "attributedRevenue", "attributedOrders",
                    "reach", "frequency", "roas", "cpa", "ctr", "cpc", "cpm", "currency");
            assertDecimal(row.get("spend"), "20.5");
            assertThat(row.get("reach").asLong()).isEqualTo(1000);
            assertDecimal(row.get("frequency"), "3");

            JsonNode one = items(http.get("/api/v1/metrics/daily?level=creative&creativeId=" + creative + "&" + range,
                    keyA));
            assertThat(one).hasSize(5);
            assertThat(one.findValuesAsText("creativeId")).containsOnly(creative.toString());
            assertDecimal(one.get(4).get("frequency"), "3.004");
            assertThat(items(http.get("/api/v1/metrics/daily?level=creative&channelId=" + channel + "&" + range, keyA)))
                    .hasSize(10);
            assertPagingYieldsEveryRowOnce("/api/v1/metrics/daily?level=creative&" + range, "4", keyA,
                    i -> i.get("date").asText() + "/" + i.get("creativeId").asText());
        }

        @Test
        void repeatedQueriesGiveTheSameRows() {
            // distinct limits miss the page cache but share one SQL text: more runs than the driver's threshold for
            // server-prepared statements (and binary transfer), on a pool of 2 connections
            String first = items(http.get("/api/v1/metrics/daily?" + range + "&limit=100", keyA)).toString();
            for (int i = 1; i <= 12; i++) {
                assertThat(items(http.get("/api/v1/metrics/daily?" + range + "&limit=" + (100 + i), keyA)).toString())
                        .isEqualTo(first);
            }
        }
    }

    @Nested
    class HourlyMetrics {
        @Test
        void rowsHaveAnHourAndAreOrderedByDateHourChannel() {
            JsonNode items = items(http.get("/api/v1/metrics/hourly?from=2025-03-01&to=2025-03-02", keyA));
            assertThat(items).hasSize(3 * 2 * 24);
            JsonNode row = items.get(0);
            assertThat(row.fieldNames()).toIterable().containsExactly("channelId", "date", "hour", "spend",
                    "impressions", "clicks", "conversions", "conversionValue", "attributedRevenue", "attributedOrders",
                    "roas", "cpa", "ctr", "cpc", "cpm", "currency");
            assertThat(row.get("hour").asInt()).isZero();
            assertThat(items.get(3).get("hour").asInt()).isEqualTo(1);
            List<String> keys = new ArrayList<>();
            items.forEach(i -> keys.add(i.get("date").asText() + String.format("%02d", i.get("hour").asInt())
                    + i.get("channelId").asText()));
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(null);
            assertThat(keys).containsExactlyElementsOf(sorted);
            JsonNode h5 = items(http.get("/api/v1/metrics/hourly?from=2025-03-01&to=2025-03-01&channelId="
                    + channelsA.get(2), keyA)).get(5);
            assertDecimal(h5.get("spend"), "7.1");
            assertThat(h5.get("roas").isNull()).isTrue();
        }

        @Test
        void pagesThroughEveryRowOnce() {
            assertPagingYieldsEveryRowOnce("/api/v1/metrics/hourly?from=2025-03-01&to=2025-03-02", "50", keyA,
                    i -> i.get("date").asText() + "/" + i.get("hour").asText() + "/" + i.get("channelId").asText());
        }

        @Test
        void creativeLevelComputesFrequencyHalfEven() {
            JsonNode items = items(http.get("/api/v1/metrics/hourly?level=creative&from=2025-03-01&to=2025-03-01",
                    keyA));
            assertThat(items).hasSize(24);
            assertThat(items.get(0).get("creativeId").asText())
                    .isEqualTo(creativesByChannel.get(channelsA.get(0)).get(0).toString());
            assertThat(items.get(0).get("reach").isNull()).isTrue();
            assertThat(items.get(0).get("frequency").isNull()).isTrue();
            assertDecimal(items.get(1).get("frequency"), "0.0312"); // 101 / 3232 = 0.03125 exactly: a tie, to even
            assertDecimal(items.get(2).get("frequency"), "2.04");
        }

        @Test
        void rangesOver31DaysAreRejected() {
            TestHttp.Response r = http.get("/api/v1/metrics/hourly?from=2025-03-01&to=2025-04-01", keyA);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorMessage()).isEqualTo("from (2025-03-01) to (2025-04-01) is 32 days; at most 31 days per request");
        }
    }

    @Nested
    class OrgDaily {
        @Test
        void rowsCarryBlendedMer() {
            TestHttp.Response r = http.get("/api/v1/metrics/org-daily?from=2025-03-01&to=2025-03-10", keyA);
            JsonNode items = items(r);
            assertThat(items).hasSize(10);
            JsonNode row = items.get(2);
            assertThat(row.fieldNames()).toIterable().containsExactly("date", "spend", "conversionValue",
                    "storeRevenue", "orders", "attributedRevenue", "mer", "currency");
            assertThat(row.get("date").asText()).isEqualTo("2025-03-03");
            assertDecimal(row.get("spend"), "302");
            assertDecimal(row.get("conversionValue"), "900");
            assertDecimal(row.get("storeRevenue"), "1214.5");
            assertThat(row.get("orders").asInt()).isEqualTo(14);
            assertDecimal(row.get("attributedRevenue"), "800.12");
            assertDecimal(row.get("mer"), MetricMath.mer(new BigDecimal("1214.5"), new BigDecimal(302)).toPlainString());
            assertThat(row.get("currency").asText()).isEqualTo("EUR");
            assertThat(r.body()).contains("\"conversionValue\":900,");
        }

        @Test
        void pagesThroughEveryRowOnce() {
            assertPagingYieldsEveryRowOnce("/api/v1/metrics/org-daily?from=2025-03-01&to=2025-03-10", "3", keyA,
                    i -> i.get("date").asText());
        }
    }

    @Nested
    class Validation {
        void assertInvalid(String path, String message) {
            TestHttp.Response r = http.get(path, keyA);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.json().get("error").get("code").asText()).isEqualTo("invalid_parameter");
            if (message != null) {
                assertThat(r.errorMessage()).isEqualTo(message);
            }
        }

        @Test
        void badParametersAre400WithAReason() {
            TestHttp.Response r = http.get("/api/v1/metrics/daily?from=2026-11-30&to=2026-11-01", keyA);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).isEqualTo("{\"error\":{\"code\":\"invalid_parameter\","
                    + "\"message\":\"from (2026-11-30) is after to (2026-11-01)\"}}");
            assertInvalid("/api/v1/metrics/daily?from=2026-02-30", "from (2026-02-30) is not a date (YYYY-MM-DD)");
            assertInvalid("/api/v1/metrics/daily?channelId=123", "channelId (123) is not a UUID");
            assertInvalid("/api/v1/metrics/daily?from=2024-01-01&to=2025-03-01",
                    "from (2024-01-01) to (2025-03-01) is 426 days; at most 400 days per request");
            assertInvalid("/api/v1/metrics/daily?limit=5001", "limit (5001) is not a whole number from 1 to 5000");
            assertInvalid("/api/v1/metrics/org-daily?limit=x", "limit (x) is not a whole number from 1 to 5000");
            assertInvalid("/api/v1/metrics/daily?level=ad", "level (ad) is not one of channel, creative");
            assertInvalid("/api/v1/creatives?channelId=" + q("'; DROP TABLE channels; --"), null);
        }

        @Test
        void tamperedOrForeignCursorsAre400() {
            JsonNode page = http.get("/api/v1/metrics/daily?from=2025-03-01&to=2025-03-10&limit=2", keyA).json();
            String cursor = page.get("next").asText();
            char last = cursor.charAt(cursor.length() - 1);
            String tampered = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');
            assertInvalid("/api/v1/metrics/daily?from=2025-03-01&to=2025-03-10&cursor=" + q(tampered), null);
            assertInvalid("/api/v1/metrics/daily?cursor=garbage", null);
            // a daily cursor on the hourly list, or on the creative level
            assertInvalid("/api/v1/metrics/hourly?from=2025-03-01&to=2025-03-02&cursor=" + q(cursor), null);
            assertInvalid("/api/v1/metrics/daily?level=creative&from=2025-03-01&to=2025-03-10&cursor=" + q(cursor), null);
            assertInvalid("/api/v1/channels?cursor=" + q(cursor), null);
        }
    }

    @Nested
    class Authentication {
        @Test
        void missingUnknownAndRevokedKeysAre401() {
            for (String key : new String[] {null, ApiKeys.generate(), revokedKeyA, "Bearer"}) {
                TestHttp.Response r = http.get("/api/v1/channels", key);
                assertThat(r.status()).as(String.valueOf(key)).isEqualTo(401);
                assertThat(r.errorCode()).isEqualTo("unauthorized");
            }
        }

        @Test
        void aKeyWithoutReadScopeIs403() {
            for (String path : List.of("/api/v1/channels", "/api/v1/creatives", "/api/v1/metrics/daily",
                    "/api/v1/metrics/hourly", "/api/v1/metrics/org-daily")) {
                TestHttp.Response r = http.get(path, ingestOnlyKeyA);
                assertThat(r.status()).as(path).isEqualTo(403);
                assertThat(r.errorCode()).isEqualTo("forbidden");
            }
        }

        @Test
        void healthAndMetricsAreOpen() {
            TestHttp.Response health = http.get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\",\"checks\":{\"alertDelivery\":\"ok\","
                    + "\"alertStream\":\"ok\",\"database\":\"ok\"}}");
            http.get("/api/v1/channels", keyA);
            String metrics = http.get("/metrics").body();
            assertThat(metrics).contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/channels\",status=\"200\"}")
                    .contains("hikaricp_connections");
        }
    }

    @Nested
    class TenantIsolation {
        List<String> allResponsesOfB() {
            String range = "from=2025-03-01&to=2025-03-10";
            List<String> bodies = new ArrayList<>();
            for (String path : List.of("/api/v1/channels?limit=5000", "/api/v1/creatives?limit=5000",
                    "/api/v1/metrics/daily?limit=5000&" + range,
                    "/api/v1/metrics/daily?level=creative&limit=5000&" + range,
                    "/api/v1/metrics/hourly?limit=5000&from=2025-03-01&to=2025-03-02",
                    "/api/v1/metrics/hourly?level=creative&limit=5000&from=2025-03-01&to=2025-03-02",
                    "/api/v1/metrics/org-daily?limit=5000&" + range)) {
                TestHttp.Response r = http.get(path, keyB);
                assertThat(r.status()).as(path).isEqualTo(200);
                bodies.add(r.body());
            }
            return bodies;
        }

        @Test
        void bSeesOnlyItsOwnRows() {
            assertThat(items(http.get("/api/v1/channels", keyB)).findValuesAsText("id"))
                    .containsExactlyInAnyOrderElementsOf(channelsB.stream().map(UUID::toString).toList());
            JsonNode daily = items(http.get("/api/v1/metrics/daily?from=2025-03-01&to=2025-03-10", keyB));
            assertThat(daily).hasSize(20);
            assertThat(daily.findValuesAsText("currency")).containsOnly("USD");
            assertDecimal(items(http.get("/api/v1/metrics/org-daily?from=2025-03-01&to=2025-03-01", keyB))
                    .get(0).get("spend"), "301");
            for (String body : allResponsesOfB()) {
                for (String idOfA : idsOfA) {
                    assertThat(body).doesNotContain(idOfA);
                }
                assertThat(body).doesNotContain("EUR");
            }
        }

        @Test
        void theSameRequestRightAfterAnotherOrganizationGetsItsOwnRows() {
            String path = "/api/v1/metrics/daily?from=2025-03-01&to=2025-03-10&limit=5000";
            for (int i = 0; i < 3; i++) {
                JsonNode a = items(http.get(path, keyA));
                JsonNode b = items(http.get(path, keyB));
                assertThat(a.findValuesAsText("currency")).containsOnly("EUR");
                assertThat(b.findValuesAsText("currency")).containsOnly("USD");
                assertThat(b.findValuesAsText("channelId")).allSatisfy(id -> assertThat(idsOfA).doesNotContain(id));
            }
        }

        @Test
        void passingAnotherOrganizationsIdsFindsNothing() {
            UUID channelOfA = channelsA.get(0);
            UUID creativeOfA = creativesByChannel.get(channelOfA).get(0);
            String range = "from=2025-03-01&to=2025-03-10";
            for (String path : List.of(
                    "/api/v1/creatives?channelId=" + channelOfA,
                    "/api/v1/metrics/daily?channelId=" + channelOfA + "&" + range,
                    "/api/v1/metrics/daily?level=creative&channelId=" + channelOfA + "&" + range,
                    "/api/v1/metrics/daily?level=creative&creativeId=" + creativeOfA + "&" + range,
                    "/api/v1/metrics/hourly?channelId=" + channelOfA + "&from=2025-03-01&to=2025-03-02",
                    "/api/v1/metrics/hourly?level=creative&creativeId=" + creativeOfA + "&from=2025-03-01&to=2025-03-02")) {
                TestHttp.Response r = http.get(path, keyB);
                assertThat(r.status()).as(path).isEqualTo(200);
                assertThat(r.json().get("items")).as(path).isEmpty();
                assertThat(r.json().get("next").isNull()).isTrue();
            }
        }

        @Test
        void aCursorFromAnotherOrganizationOnlyResumesTheCallersOwnRows() {
            String path = "/api/v1/metrics/daily?from=2025-03-01&to=2025-03-10&limit=3";
            String cursorOfA = http.get(path, keyA).json().get("next").asText();
            TestHttp.Response r = http.get(path + "&cursor=" + q(cursorOfA), keyB);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("items").findValuesAsText("channelId"))
                    .allSatisfy(id -> assertThat(channelsB).contains(UUID.fromString(id)));
        }

        @Test
        void theAppRoleSeesNoTenantRowsWithoutAnOrganization() throws SQLException {
            try (Connection c = db.appConnection()) {
                for (String table : List.of("channels", "creatives", "daily_metrics", "hourly_metrics",
                        "creative_daily_metrics", "creative_hourly_metrics", "org_daily_metrics", "api_keys",
                        "organizations")) {
                    assertThat(count(c, "SELECT count(*) FROM " + table)).as(table).isZero();
                }
            }
        }

        @Test
        void theAppRoleSeesOnlyTheOrganizationItSet() throws SQLException {
            try (Connection c = db.appConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("SELECT set_config('omnify.org_id', ?, true)")) {
                    ps.setString(1, orgA.toString());
                    ps.executeQuery().close();
                }
                assertThat(count(c, "SELECT count(*) FROM channels")).isEqualTo(3);
                assertThat(count(c, "SELECT count(*) FROM daily_metrics")).isEqualTo(3 * DAYS + 3);
                for (String table : List.of("channels", "creatives", "daily_metrics", "hourly_metrics",
                        "creative_daily_metrics", "creative_hourly_metrics", "org_daily_metrics")) {
                    assertThat(count(c, "SELECT count(*) FROM " + table + " WHERE organization_id = '" + orgB + "'"))
                            .as(table).isZero();
                    assertThat(count(c, "SELECT count(*) FROM " + table + " WHERE organization_id <> '" + orgA + "'"))
                            .as(table).isZero();
                }
                c.commit();
                // transaction-local: gone after the transaction
                assertThat(count(c, "SELECT count(*) FROM channels")).isZero();
                c.rollback();
            }
        }

        long count(Connection c, String sql) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
