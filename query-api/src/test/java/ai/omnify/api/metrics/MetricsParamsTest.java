package ai.omnify.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.api.http.PageRequest;
import ai.omnify.api.http.QueryParams;
import ai.omnify.api.metrics.MetricsTable.Granularity;
import ai.omnify.server.http.ApiException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MetricsParamsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final Supplier<LocalDate> TODAY_SUPPLIER = () -> TODAY;

    private static QueryParams params(String... nameValues) {
        Map<String, List<String>> m = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.computeIfAbsent(nameValues[i], k -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return QueryParams.of(m);
    }

    private static void assertInvalid(Runnable r, String message) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_parameter");
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void defaultsToTheLastThirtyDaysUpToTodayAtChannelLevel() {
        MetricsQuery q = MetricsParams.parse(params(), Granularity.DAY, TODAY_SUPPLIER);
        assertThat(q.range()).isEqualTo(new DateRange(LocalDate.of(2026, 10, 27), TODAY));
        assertThat(q.range().days()).isEqualTo(30);
        assertThat(q.table()).isEqualTo(MetricsTable.CHANNEL_DAILY);
        assertThat(q.page()).isEqualTo(new PageRequest(1000, null));
        assertThat(q.channelId()).isEmpty();
    }

    @Test
    void fromDefaultsRelativeToAGivenTo() {
        MetricsQuery q = MetricsParams.parse(params("to", "2026-03-01"), Granularity.DAY, TODAY_SUPPLIER);
        assertThat(q.range()).isEqualTo(new DateRange(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 3, 1)));
    }

    @Test
    void todayIsOnlyAskedForWhenToIsMissing() {
        AtomicInteger calls = new AtomicInteger();
        MetricsParams.parse(params("from", "2026-11-01", "to", "2026-11-02"), Granularity.DAY,
                () -> {
                    calls.incrementAndGet();
                    return TODAY;
                });
        assertThat(calls).hasValue(0);
    }

    @Test
    void fromAfterToIsRejectedWithBothDates() {
        assertInvalid(() -> MetricsParams.parse(params("from", "2026-11-30", "to", "2026-11-01"), Granularity.DAY,
                TODAY_SUPPLIER), "from (2026-11-30) is after to (2026-11-01)");
        assertInvalid(() -> MetricsParams.parse(params("from", "2026-12-01"), Granularity.DAY, TODAY_SUPPLIER),
                "from (2026-12-01) is after to (2026-11-25)");
    }

    @Test
    void dailyRangesGoUpTo400Days() {
        MetricsQuery q = MetricsParams.parse(params("from", "2025-10-22", "to", "2026-11-25"), Granularity.DAY,
                TODAY_SUPPLIER);
        assertThat(q.range().days()).isEqualTo(400);
        assertInvalid(() -> MetricsParams.parse(params("from", "2025-10-21", "to", "2026-11-25"), Granularity.DAY,
                TODAY_SUPPLIER), "from (2025-10-21) to (2026-11-25) is 401 days; at most 400 days per request");
    }

    @Test
    void hourlyRangesGoUpTo31Days() {
        MetricsQuery q = MetricsParams.parse(params("from", "2026-11-01", "to", "2026-12-01"), Granularity.HOUR,
                TODAY_SUPPLIER);
        assertThat(q.range().days()).isEqualTo(31);
        assertThat(q.table()).isEqualTo(MetricsTable.CHANNEL_HOURLY);
        assertInvalid(() -> MetricsParams.parse(params("from", "2026-11-01", "to", "2026-12-02"), Granularity.HOUR,
                TODAY_SUPPLIER), "from (2026-11-01) to (2026-12-02) is 32 days; at most 31 days per request");
    }

    @Test
    void hourlyDefaultFitsItsLimit() {
        MetricsQuery q = MetricsParams.parse(params(), Granularity.HOUR, TODAY_SUPPLIER);
        assertThat(q.range().days()).isEqualTo(30);
    }

    @Test
    void creativeLevelSelectsTheCreativeTablesAndFilters() {
        UUID channel = UUID.randomUUID();
        UUID creative = UUID.randomUUID();
        MetricsQuery q = MetricsParams.parse(params("level", "creative", "channelId", channel.toString(),
                "creativeId", creative.toString(), "limit", "50"), Granularity.DAY, TODAY_SUPPLIER);
        assertThat(q.table()).isEqualTo(MetricsTable.CREATIVE_DAILY);
        assertThat(q.channelId()).contains(channel);
        assertThat(q.creativeId()).contains(creative);
        assertThat(q.page().limit()).isEqualTo(50);
        assertThat(MetricsParams.parse(params("level", "CREATIVE"), Granularity.HOUR, TODAY_SUPPLIER).table())
                .isEqualTo(MetricsTable.CREATIVE_HOURLY);
    }

    @Test
    void rejectsBadParameters() {
        assertInvalid(() -> MetricsParams.parse(params("level", "ad"), Granularity.DAY, TODAY_SUPPLIER),
                "level (ad) is not one of channel, creative");
        assertInvalid(() -> MetricsParams.parse(params("creativeId", UUID.randomUUID().toString()), Granularity.DAY,
                TODAY_SUPPLIER), "creativeId filters creative rows: add level=creative");
        assertInvalid(() -> MetricsParams.parse(params("channelId", "42"), Granularity.DAY, TODAY_SUPPLIER),
                "channelId (42) is not a UUID");
        assertInvalid(() -> MetricsParams.parse(params("from", "2026-11-31"), Granularity.DAY, TODAY_SUPPLIER),
                "from (2026-11-31) is not a date (YYYY-MM-DD)");
        assertInvalid(() -> MetricsParams.parse(params("limit", "0"), Granularity.DAY, TODAY_SUPPLIER),
                "limit (0) is not a whole number from 1 to 5000");
    }

    @Test
    void orgDailyTakesARangeAndAPage() {
        var q = MetricsParams.parseOrgDaily(params("from", "2026-11-01", "to", "2026-11-07", "limit", "3"),
                TODAY_SUPPLIER);
        assertThat(q.range()).isEqualTo(new DateRange(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 7)));
        assertThat(q.page().limit()).isEqualTo(3);
        assertInvalid(() -> MetricsParams.parseOrgDaily(params("from", "2026-11-08", "to", "2026-11-07"),
                TODAY_SUPPLIER), "from (2026-11-08) is after to (2026-11-07)");
    }

    @Test
    void metricTablesSelectTheirSortColumns() {
        for (MetricsTable t : MetricsTable.values()) {
            String select = t.format().selectList();
            for (var column : t.sortKey().columns()) {
                assertThat(select).as(t + " selects " + column.name()).containsPattern("\\b" + column.name() + "\\b");
            }
        }
        assertThat(MetricsTable.CREATIVE_HOURLY.format().selectList())
                .contains("impressions::numeric / NULLIF(reach, 0) AS frequency");
    }
}
