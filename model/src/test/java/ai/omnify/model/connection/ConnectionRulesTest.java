package ai.omnify.model.connection;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Platform;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionRulesTest {
    @Test
    void accountsAreNormalized() {
        assertThat(ConnectionRules.account(Platform.META, "1234").value()).isEqualTo("act_1234");
        assertThat(ConnectionRules.account(Platform.META, " act_99 ").value()).isEqualTo("act_99");
        assertThat(ConnectionRules.account(Platform.GOOGLE, "123-456-7890").value()).isEqualTo("1234567890");
        assertThat(ConnectionRules.account(Platform.TIKTOK, "7000000000000000001").value()).isEqualTo("7000000000000000001");
        assertThat(ConnectionRules.account(Platform.SHOPIFY, "https://My-Store.myshopify.com/admin").value())
                .isEqualTo("my-store.myshopify.com");
    }

    @Test
    void badAccountsSayWhatIsExpected() {
        assertThat(ConnectionRules.account(Platform.META, "campaign_1").error())
                .isEqualTo("account 'campaign_1' is not a Meta ad account id: use the ad account id, e.g. act_1234567890");
        assertThat(ConnectionRules.account(Platform.GOOGLE, "12345").error()).contains("10-digit customer id");
        assertThat(ConnectionRules.account(Platform.SHOPIFY, "example.com").error()).contains("shop domain");
        assertThat(ConnectionRules.account(Platform.TIKTOK, null).error()).startsWith("account is missing");
    }

    @Test
    void credentialsNeedTheirKeysAndNothingUnknown() {
        assertThat(ConnectionRules.credentials(Platform.META, Map.of("access_token", "t"))).isEmpty();
        assertThat(ConnectionRules.credentials(Platform.GOOGLE, Map.of("refresh_token", "r", "login_customer_id", "1"))).isEmpty();
        assertThat(ConnectionRules.credentials(Platform.META, Map.of("token", "secret-value")))
                .containsExactly("credentials.access_token is missing",
                        "credentials.token is not a meta credential (known: access_token, app_secret)")
                .noneMatch(r -> r.contains("secret-value"));
        assertThat(ConnectionRules.credentials(Platform.SHOPIFY, Map.of())).containsExactly(
                "credentials are missing: shopify needs access_token");
        assertThat(ConnectionRules.credentials(Platform.TIKTOK, Map.of("access_token", "x".repeat(5000))))
                .containsExactly("credentials.access_token is longer than 4096 characters");
    }
}
