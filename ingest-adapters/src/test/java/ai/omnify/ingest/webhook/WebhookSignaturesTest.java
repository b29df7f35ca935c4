package ai.omnify.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {
    static final byte[] TEST = "test".getBytes(StandardCharsets.UTF_8);

    @Test
    void matchesThePublishedVector() {
        // HMAC-SHA256(key=secret, msg=test) from ../shared/platform-apis.md section 7
        assertThat(WebhookSignatures.shopifySignature(TEST, "secret")).isEqualTo("Aymga2LNFrM+tnkr6MYLFY2Jou46h2/Omogeu0iMCRQ=");
        assertThat(WebhookSignatures.metaSignature(TEST, "secret"))
                .isEqualTo("sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914");
    }

    @Test
    void shopifyChecksTheRawBodyWithTheSecret() {
        assertThat(WebhookSignatures.shopifyValid(TEST, "Aymga2LNFrM+tnkr6MYLFY2Jou46h2/Omogeu0iMCRQ=", "secret")).isTrue();
        assertThat(WebhookSignatures.shopifyValid("tesT".getBytes(StandardCharsets.UTF_8),
                "Aymga2LNFrM+tnkr6MYLFY2Jou46h2/Omogeu0iMCRQ=", "secret")).isFalse();
        assertThat(WebhookSignatures.shopifyValid(TEST, "Aymga2LNFrM+tnkr6MYLFY2Jou46h2/Omogeu0iMCRQ=", "other")).isFalse();
        assertThat(WebhookSignatures.shopifyValid(TEST, null, "secret")).isFalse();
        assertThat(WebhookSignatures.shopifyValid(TEST, "not base64 !!", "secret")).isFalse();
        assertThat(WebhookSignatures.shopifyValid(TEST, "Aymga2LNFrM+tnkr6MYLFY2Jou46h2/Omogeu0iMCRQ=", null)).isFalse();
    }

    @Test
    void metaNeedsThePrefixAndHex() {
        String hex = "0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914";
        assertThat(WebhookSignatures.metaValid(TEST, "sha256=" + hex, "secret")).isTrue();
        assertThat(WebhookSignatures.metaValid(TEST, "sha256=" + hex.toUpperCase(), "secret")).isTrue();
        assertThat(WebhookSignatures.metaValid(TEST, hex, "secret")).isFalse();
        assertThat(WebhookSignatures.metaValid(TEST, "sha1=" + hex, "secret")).isFalse();
        assertThat(WebhookSignatures.metaValid(TEST, "sha256=zz", "secret")).isFalse();
        assertThat(WebhookSignatures.metaValid(TEST, "sha256=" + hex, "wrong")).isFalse();
    }
}
