package ai.omnify.ingest.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.config.Env;
import ai.omnify.model.Platform;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncWindowsTest {
    static final SyncConfig DEFAULTS = SyncConfig.defaults();
    // 2026-11-25 23:30 in New York is already the 26th in UTC
    static final Instant NOW = Instant.parse("2026-11-26T04:30:00Z");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void theDefaultsAreThePlans() {
        assertThat(DEFAULTS.pollInterval(Platform.META)).isEqualTo(Duration.ofMinutes(5));
        assertThat(DEFAULTS.pollInterval(Platform.SHOPIFY)).isEqualTo(Duration.ofMinutes(5));
        assertThat(DEFAULTS.pollInterval(Platform.GOOGLE)).isEqualTo(Duration.ofMinutes(15));
        assertThat(DEFAULTS.pollInterval(Platform.TIKTOK)).isEqualTo(Duration.ofMinutes(30));
        assertThat(DEFAULTS.pollLookbackDays()).containsEntry(Platform.META, 3).containsEntry(Platform.GOOGLE, 14)
                .containsEntry(Platform.TIKTOK, 3);
        assertThat(DEFAULTS.nightlyLookbackDays()).containsEntry(Platform.META, 28);
        assertThat(DEFAULTS.nightlyAt()).isEqualTo(LocalTime.of(2, 0));
    }

    @Test
    void adPlatformWindowsAreDaysInTheAccountsZone() {
        SyncWindows.Window poll = SyncWindows.forRead(SyncKind.POLL, Platform.META, DEFAULTS, NEW_YORK, NOW, null);
        assertThat(poll.from()).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(poll.to()).isEqualTo(LocalDate.of(2026, 11, 25));
        SyncWindows.Window nightly = SyncWindows.forRead(SyncKind.NIGHTLY, Platform.META, DEFAULTS, NEW_YORK, NOW, null);
        assertThat(nightly.from()).isEqualTo(LocalDate.of(2026, 10, 28));
        assertThat(SyncWindows.forRead(SyncKind.POLL, Platform.GOOGLE, DEFAULTS, ZoneId.of("UTC"), NOW, null).from())
                .isEqualTo(LocalDate.of(2026, 11, 12));
    }

    @Test
    void shopifyReadsSinceThePreviousPollLessTheOverlap() {
        Instant previous = NOW.minus(Duration.ofMinutes(5));
        assertThat(SyncWindows.forRead(SyncKind.POLL, Platform.SHOPIFY, DEFAULTS, NEW_YORK, NOW, previous).updatedSince())
                .isEqualTo(previous.minus(Duration.ofMinutes(10)));
        assertThat(SyncWindows.forRead(SyncKind.POLL, Platform.SHOPIFY, DEFAULTS, NEW_YORK, NOW, null).updatedSince())
                .isEqualTo(NOW.minus(Duration.ofDays(1)));
        assertThat(SyncWindows.forRead(SyncKind.NIGHTLY, Platform.SHOPIFY, DEFAULTS, NEW_YORK, NOW, previous).updatedSince())
                .isEqualTo(NOW.minus(Duration.ofDays(3)));
        assertThat(SyncWindows.dates(Platform.SHOPIFY, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30), NEW_YORK)
                .updatedSince()).isEqualTo(Instant.parse("2026-09-01T04:00:00Z"));
    }

    @Test
    void theNightlyPassIsAt2InTheOrganizationsZone() {
        assertThat(SyncScheduler.nextNightly(DEFAULTS, ZoneId.of("Europe/Berlin"), Instant.parse("2026-11-26T00:30:00Z")))
                .isEqualTo(Instant.parse("2026-11-26T01:00:00Z"));
        assertThat(SyncScheduler.nextNightly(DEFAULTS, ZoneId.of("Europe/Berlin"), Instant.parse("2026-11-26T01:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-27T01:00:00Z"));
    }

    @Test
    void configurationIsReadAndCheckedWithTheVariablesName() {
        SyncConfig c = SyncConfig.fromEnv(Map.of("SYNC_POLL_INTERVAL_META", "1m", "SYNC_LOOKBACK_DAYS_GOOGLE", "7",
                "SYNC_NIGHTLY_LOOKBACK_DAYS_META", "14", "SYNC_NIGHTLY_AT", "03:30"));
        assertThat(c.pollInterval(Platform.META)).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.pollLookbackDays()).containsEntry(Platform.GOOGLE, 7);
        assertThat(c.nightlyLookbackDays()).containsEntry(Platform.META, 14);
        assertThat(c.nightlyAt()).isEqualTo(LocalTime.of(3, 30));
        assertThatThrownBy(() -> SyncConfig.fromEnv(Map.of("SYNC_NIGHTLY_AT", "2am")))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("SYNC_NIGHTLY_AT");
        assertThatThrownBy(() -> SyncConfig.fromEnv(Map.of("SYNC_POLL_INTERVAL_TIKTOK", "0s")))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("SYNC_POLL_INTERVAL_TIKTOK");
    }
}
