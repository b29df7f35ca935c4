package ai.omnify.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SortKeyTest {
    private static final SortKey HOURLY = SortKey.of("metrics.hourly.channel.v1",
            SortKey.date("date"), SortKey.integer("hour"), SortKey.uuid("channel_id"));
    private static final SortKey NAMES = SortKey.of("channels.v1", SortKey.text("name"), SortKey.uuid("id"));

    private static void assertRejected(SortKey key, String cursor) {
        assertThatThrownBy(() -> key.decode(cursor)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_parameter");
            assertThat(e.getMessage()).startsWith("cursor is not valid");
        });
    }

    @Test
    void cursorRoundTripsTypedValues() {
        UUID channel = UUID.randomUUID();
        String cursor = HOURLY.encode(List.of("2026-11-01", "23", channel.toString()));
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(HOURLY.decode(cursor)).containsExactly(LocalDate.of(2026, 11, 1), 23, channel);
    }

    @Test
    void textKeysSurviveAnyCharacters() {
        UUID id = UUID.randomUUID();
        String name = "Black \"Friday\" / 🎉 \n, sale";
        assertThat(NAMES.decode(NAMES.encode(List.of(name, id.toString())))).containsExactly(name, id);
    }

    @Test
    void everyEditedCharacterIsRejected() {
        String cursor = HOURLY.encode(List.of("2026-11-01", "5", UUID.randomUUID().toString()));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < cursor.length(); i++) {
            char replacement = alphabet.charAt((alphabet.indexOf(cursor.charAt(i)) + 1) % alphabet.length());
            String tampered = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
            assertRejected(HOURLY, tampered);
        }
    }

    @Test
    void truncatedOrExtendedCursorsAreRejected() {
        String cursor = HOURLY.encode(List.of("2026-11-01", "5", UUID.randomUUID().toString()));
        assertRejected(HOURLY, cursor.substring(0, cursor.length() - 1));
        assertRejected(HOURLY, cursor.substring(0, 10));
        assertRejected(HOURLY, cursor + "A");
        assertRejected(HOURLY, "");
        assertRejected(HOURLY, "!!!not base64!!!");
        assertRejected(HOURLY, "A".repeat(5000));
    }

    @Test
    void aCursorOfAnotherListIsRejected() {
        String channelsCursor = NAMES.encode(List.of("Spring", UUID.randomUUID().toString()));
        assertRejected(HOURLY, channelsCursor);
        SortKey sameColumnsOtherKind = SortKey.of("metrics.hourly.creative.v1",
                SortKey.date("date"), SortKey.integer("hour"), SortKey.uuid("channel_id"));
        assertRejected(sameColumnsOtherKind, HOURLY.encode(List.of("2026-11-01", "5", UUID.randomUUID().toString())));
    }

    @Test
    void aWellSignedCursorWithBadValuesIsRejected() {
        assertRejected(HOURLY, HOURLY.encode(List.of("2026-13-01", "5", UUID.randomUUID().toString())));
        assertRejected(HOURLY, HOURLY.encode(List.of("2026-11-01", "five", UUID.randomUUID().toString())));
        assertRejected(HOURLY, HOURLY.encode(List.of("2026-11-01", "5", "not-a-uuid")));
        assertRejected(HOURLY, HOURLY.encode(List.of("2026-11-01", "5")));
    }

    @Test
    void unsignedJsonIsRejected() {
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("[\"metrics.hourly.channel.v1\",\"2026-11-01\",\"5\",\"" + UUID.randomUUID() + "\"]")
                        .getBytes(StandardCharsets.UTF_8));
        assertRejected(HOURLY, forged);
    }

    @Test
    void sqlOrdersAndResumesByTheWholeKey() {
        assertThat(HOURLY.orderBy()).isEqualTo("date, hour, channel_id");
        assertThat(HOURLY.afterCondition()).isEqualTo("(date, hour, channel_id) > (?, ?, ?)");
    }
}
