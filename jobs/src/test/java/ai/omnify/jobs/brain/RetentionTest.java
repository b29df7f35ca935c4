package ai.omnify.jobs.brain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.alert.Alert;
import ai.omnify.model.metrics.MetricsUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an organization's brain forgets: old rows, long-closed alerts, the copy of ads long gone. */
class RetentionTest {
    private static final String ORG = "6f1d7c52-0000-4000-8000-0000000000e3";

    @Test
    void rowsBeyondTheHistoryKeptClosedAlertsAfterAMonthAndAdsLongGoneAreForgotten() {
        List<MetricsUpdate> rows = SyntheticDays.rows(ORG, 0, 40, 1);
        Map<String, MetricsUpdate> byKey = new HashMap<>();
        rows.forEach(r -> byKey.put(r.key(), r));
        Alert open = alert("a-open", "open", "2026-09-02T00:00:00Z");
        Alert closedLongAgo = alert("a-old", "resolved", "2026-09-02T00:00:00Z");
        Alert closedRecently = alert("a-new", "resolved", "2026-10-05T00:00:00Z");
        AdCopy live = ad("ad-live", "active", LocalDate.of(2026, 8, 1));
        AdCopy pausedLongAgo = ad("ad-paused", "paused", LocalDate.of(2026, 8, 1));
        AdCopy pausedRecently = ad("ad-recent", "paused", LocalDate.of(2026, 10, 1));
        BrainHistory h = new BrainHistory(ORG, OrgGoals.defaults("EUR"), rows,
                List.of(open, closedLongAgo, closedRecently), List.of(live, pausedLongAgo, pausedRecently));
        assertThat(h.latest()).isEqualTo(SyntheticDays.FIRST.plusDays(39));

        List<String> old = Retention.oldRows(byKey, h, 30);
        assertThat(old).isNotEmpty().allSatisfy(k -> assertThat(byKey.get(k).date())
                .isBefore(SyntheticDays.FIRST.plusDays(9)));
        assertThat(byKey.size() - old.size()).as("31 days kept")
                .isEqualTo(rows.stream().filter(r -> !r.date().isBefore(SyntheticDays.FIRST.plusDays(9))).count());
        assertThat(Retention.staleAlerts(Map.of("a-open", open, "a-old", closedLongAgo, "a-new", closedRecently), h))
                .containsExactly("a-old");
        assertThat(Retention.goneAds(Map.of("ad-live", live, "ad-paused", pausedLongAgo, "ad-recent", pausedRecently),
                h, 30)).containsExactly("ad-paused");
        assertThat(Retention.oldRows(byKey, new BrainHistory(ORG, OrgGoals.defaults("EUR"), List.of(), List.of()), 30))
                .as("nothing to measure from").isEmpty();
    }

    private static Alert alert(String id, String status, String since) {
        return new Alert(id, ORG, "spend_spike:channel:" + id, "spend_spike", "warning", status, null, null, "spend",
                Instant.parse(since), Instant.parse(since).plusSeconds(86_400), BigDecimal.TEN, BigDecimal.ONE,
                BigDecimal.ONE, Instant.parse(since), Instant.parse(since), "x");
    }

    private static AdCopy ad(String id, String status, LocalDate launched) {
        return new AdCopy(id, null, "meta", id, id, id, null, null, status, launched, Instant.EPOCH, null, null);
    }
}
