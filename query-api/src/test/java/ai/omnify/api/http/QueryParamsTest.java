package ai.omnify.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.server.http.ApiException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QueryParamsTest {
    private static QueryParams params(String... nameValues) {
        java.util.Map<String, List<String>> m = new java.util.HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.computeIfAbsent(nameValues[i], k -> new java.util.ArrayList<>()).add(nameValues[i + 1]);
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
    void readsIsoDates() {
        assertThat(params("from", "2026-11-01").date("from")).contains(LocalDate.of(2026, 11, 1));
        assertThat(params("from", " 2024-02-29 ").date("from")).contains(LocalDate.of(2024, 2, 29));
    }

    @Test
    void absentOrBlankIsEmpty() {
        assertThat(params().date("from")).isEmpty();
        assertThat(params("from", "").date("from")).isEmpty();
        assertThat(params("channelId", "  ").uuid("channelId")).isEmpty();
        assertThat(QueryParams.of(Map.of("from", List.of())).date("from")).isEmpty();
    }

    @Test
    void rejectsBadDatesNamingTheParameter() {
        assertInvalid(() -> params("from", "2026-13-01").date("from"), "from (2026-13-01) is not a date (YYYY-MM-DD)");
        assertInvalid(() -> params("to", "2026-02-30").date("to"), "to (2026-02-30) is not a date (YYYY-MM-DD)");
        assertInvalid(() -> params("to", "2025-02-29").date("to"), "to (2025-02-29) is not a date (YYYY-MM-DD)");
        assertInvalid(() -> params("to", "2026-1-1").date("to"), "to (2026-1-1) is not a date (YYYY-MM-DD)");
        assertInvalid(() -> params("to", "yesterday").date("to"), "to (yesterday) is not a date (YYYY-MM-DD)");
        assertInvalid(() -> params("to", "+12026-01-01").date("to"), "to (+12026-01-01) is not a date (YYYY-MM-DD)");
    }

    @Test
    void readsCanonicalUuidsOnly() {
        UUID id = UUID.randomUUID();
        assertThat(params("channelId", id.toString()).uuid("channelId")).contains(id);
        assertThat(params("channelId", id.toString().toUpperCase()).uuid("channelId")).contains(id);
        assertInvalid(() -> params("channelId", "1-1-1-1-1").uuid("channelId"), "channelId (1-1-1-1-1) is not a UUID");
        assertInvalid(() -> params("channelId", "abc").uuid("channelId"), "channelId (abc) is not a UUID");
    }

    @Test
    void limitHasADefaultAndBounds() {
        assertThat(params().limit(100)).isEqualTo(100);
        assertThat(params("limit", "1").limit(100)).isEqualTo(1);
        assertThat(params("limit", "5000").limit(100)).isEqualTo(5000);
        assertInvalid(() -> params("limit", "0").limit(100), "limit (0) is not a whole number from 1 to 5000");
        assertInvalid(() -> params("limit", "5001").limit(100), "limit (5001) is not a whole number from 1 to 5000");
        assertInvalid(() -> params("limit", "-3").limit(100), "limit (-3) is not a whole number from 1 to 5000");
        assertInvalid(() -> params("limit", "ten").limit(100), "limit (ten) is not a whole number from 1 to 5000");
        assertInvalid(() -> params("limit", "1.5").limit(100), "limit (1.5) is not a whole number from 1 to 5000");
        assertInvalid(() -> params("limit", "99999999999").limit(100),
                "limit (99999999999) is not a whole number from 1 to 5000");
    }

    @Test
    void oneOfIsCaseInsensitiveAndListsTheChoices() {
        assertThat(params("platform", "Meta").oneOf("platform", Set.of("meta", "google"))).contains("meta");
        assertInvalid(() -> params("platform", "myspace").oneOf("platform", Set.of("meta", "google")),
                "platform (myspace) is not one of google, meta");
    }

    @Test
    void longValuesAreShortenedInMessages() {
        String junk = "x".repeat(500);
        assertThatThrownBy(() -> params("from", junk).date("from"))
                .hasMessage("from (" + "x".repeat(64) + "...) is not a date (YYYY-MM-DD)");
    }

    @Test
    void pageRequestTakesLimitAndCursor() {
        PageRequest p = PageRequest.from(params("limit", "7", "cursor", "abc"), 100);
        assertThat(p.limit()).isEqualTo(7);
        assertThat(p.cursor()).isEqualTo("abc");
        assertThat(PageRequest.from(params(), 1000)).isEqualTo(new PageRequest(1000, null));
    }

    @Test
    void percentEncodingIsChecked() {
        assertThat(QueryParams.isValidPercentEncoding("from=2026-11-01&name=a%20b%2Fc")).isTrue();
        assertThat(QueryParams.isValidPercentEncoding("platform=%ZZ")).isFalse();
        assertThat(QueryParams.isValidPercentEncoding("a=%2")).isFalse();
        assertThat(QueryParams.isValidPercentEncoding("a=%")).isFalse();
    }
}
