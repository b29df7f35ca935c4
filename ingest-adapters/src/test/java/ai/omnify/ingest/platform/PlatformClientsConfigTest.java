package ai.omnify.ingest.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.config.Env;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformClientsConfigTest {
    @Test
    void defaultsPointAtTheRealPlatforms() {
        PlatformClientsConfig c = PlatformClientsConfig.fromEnv(Map.of());
        assertThat(c.meta().baseUrl()).isEqualTo("https://graph.facebook.com");
        assertThat(c.meta().attributionWindows()).containsExactly("7d_click", "1d_view");
        assertThat(c.google().baseUrl()).isEqualTo("https://googleads.googleapis.com");
        assertThat(c.google().oauthTokenUrl()).isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(c.google().developerToken()).isEmpty();
        assertThat(c.tiktok().baseUrl()).isEqualTo("https://business-api.tiktok.com");
        assertThat(c.shopify().baseUrl()).isEmpty();
        assertThat(c.slowdownPercent()).isEqualTo(75);
    }

    @Test
    void everyBaseUrlAndVersionIsConfigurable() {
        PlatformClientsConfig c = PlatformClientsConfig.fromEnv(Map.of(
                "META_API_BASE_URL", "http://127.0.0.1:9/meta", "META_API_VERSION", "v26.0",
                "GOOGLE_ADS_API_BASE_URL", "http://127.0.0.1:9/google", "GOOGLE_OAUTH_TOKEN_URL", "http://x/token",
                "TIKTOK_API_BASE_URL", "http://127.0.0.1:9/tiktok", "SHOPIFY_API_BASE_URL", "http://127.0.0.1:9/shop",
                "META_ATTRIBUTION_WINDOWS", "1d_click", "PLATFORM_RETRY_MAX", "2s"));
        assertThat(c.meta().baseUrl()).isEqualTo("http://127.0.0.1:9/meta");
        assertThat(c.meta().apiVersion()).isEqualTo("v26.0");
        assertThat(c.meta().attributionWindows()).isEqualTo(List.of("1d_click"));
        assertThat(c.google().oauthTokenUrl()).isEqualTo("http://x/token");
        assertThat(c.tiktok().baseUrl()).isEqualTo("http://127.0.0.1:9/tiktok");
        assertThat(c.shopify().baseUrl()).isEqualTo("http://127.0.0.1:9/shop");
        assertThat(c.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aBadValueNamesTheVariable() {
        assertThatThrownBy(() -> PlatformClientsConfig.fromEnv(Map.of("META_PAGE_SIZE", "lots")))
                .isInstanceOf(Env.ConfigException.class)
                .hasMessageContaining("META_PAGE_SIZE");
        assertThatThrownBy(() -> PlatformClientsConfig.fromEnv(Map.of("TIKTOK_CHUNK_DAYS", "45")))
                .hasMessageContaining("TIKTOK_CHUNK_DAYS");
        assertThatThrownBy(() -> PlatformClientsConfig.fromEnv(Map.of("META_API_BASE_URL", "graph.facebook.com")))
                .hasMessageContaining("META_API_BASE_URL");
        assertThatThrownBy(() -> PlatformClientsConfig.fromEnv(Map.of("SHOPIFY_API_BASE_URL", "ftp://shop")))
                .hasMessageContaining("SHOPIFY_API_BASE_URL");
    }

    @Test
    void dateWindowsCoverTheRangeWithoutGapOrOverlap() {
        var w = DateWindows.split(java.time.LocalDate.parse("2026-01-01"), java.time.LocalDate.parse("2026-03-31"), 30);
        assertThat(w).hasSize(3);
        assertThat(w.get(0).to()).isEqualTo(java.time.LocalDate.parse("2026-01-30"));
        assertThat(w.get(1).from()).isEqualTo(java.time.LocalDate.parse("2026-01-31"));
        assertThat(w.get(2).to()).isEqualTo(java.time.LocalDate.parse("2026-03-31"));
        assertThat(w.stream().mapToLong(DateWindows.Window::days).sum()).isEqualTo(90);
    }
}
