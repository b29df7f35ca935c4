package ai.omnify.ingest.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.config.Env;
import ai.omnify.model.Platform;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvConnectionsTest {
    @Test
    void thePlansVariablesBecomeConnections() {
        var specs = EnvConnections.specs(Map.of(
                "META_ADS_ACCESS_TOKEN", "EAAB", "META_ADS_ACCOUNT_ID", "act_123",
                "GOOGLE_ADS_REFRESH_TOKEN", "1//r", "GOOGLE_ADS_CUSTOMER_ID", "123-456-7890",
                "GOOGLE_ADS_CLIENT_ID", "cid", "GOOGLE_ADS_LOGIN_CUSTOMER_ID", "999-888-7777",
                "TIKTOK_ADS_ACCESS_TOKEN", "tt", "TIKTOK_ADS_ADVERTISER_ID", "7000000000000000001",
                "SHOPIFY_ACCESS_TOKEN", "shpat", "SHOPIFY_STORE_URL", "https://Northwind.myshopify.com"));
        assertThat(specs).extracting(EnvConnections.Spec::platform)
                .containsExactly(Platform.META, Platform.GOOGLE, Platform.TIKTOK, Platform.SHOPIFY);
        assertThat(specs).extracting(EnvConnections.Spec::account)
                .containsExactly("act_123", "1234567890", "7000000000000000001", "northwind.myshopify.com");
        assertThat(specs.get(1).credentials()).containsEntry("refresh_token", "1//r").containsEntry("client_id", "cid")
                .containsEntry("login_customer_id", "9998887777");
        assertThat(specs.toString()).doesNotContain("EAAB").doesNotContain("shpat");
        assertThat(EnvConnections.specs(Map.of())).isEmpty();
    }

    @Test
    void halfAPairOrNoOrganizationFailsNamingTheVariable() {
        assertThatThrownBy(() -> EnvConnections.specs(Map.of("META_ADS_ACCESS_TOKEN", "x")))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("META_ADS_ACCOUNT_ID is not");
        assertThatThrownBy(() -> EnvConnections.specs(Map.of("SHOPIFY_STORE_URL", "a.myshopify.com")))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("SHOPIFY_ACCESS_TOKEN is not");
        assertThatThrownBy(() -> EnvConnections.specs(Map.of("TIKTOK_ADS_ACCESS_TOKEN", "x", "TIKTOK_ADS_ADVERTISER_ID", "abc")))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("TIKTOK_ADS_ADVERTISER_ID");
        assertThatThrownBy(() -> EnvConnections.orgId(Map.of()))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("OMNIFY_ORG_ID");
        assertThatThrownBy(() -> EnvConnections.orgId(Map.of("OMNIFY_ORG_ID", "acme")))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("not an organization id");
    }
}
