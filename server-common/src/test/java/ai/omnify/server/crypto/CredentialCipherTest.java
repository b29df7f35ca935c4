package ai.omnify.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.config.Env;
import ai.omnify.server.crypto.CredentialCipher.CredentialException;
import ai.omnify.server.crypto.CredentialCipher.Sealed;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {
    static final byte[] KEY1 = bytes(1);
    static final byte[] KEY2 = bytes(2);
    static final UUID ORG = UUID.fromString("11111111-2222-3333-4444-555555555555");
    static final byte[] SECRET = "{\"access_token\":\"EAAB-very-secret\"}".getBytes(StandardCharsets.UTF_8);

    static byte[] bytes(int seed) {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    final CredentialCipher cipher = CredentialCipher.of("k1", KEY1, Map.of());

    @Test
    void roundTripsAndNeverRepeatsANonce() {
        Sealed a = cipher.seal(ORG, "meta", "act_1", SECRET);
        Sealed b = cipher.seal(ORG, "meta", "act_1", SECRET);
        assertThat(a.keyId()).isEqualTo("k1");
        assertThat(a.nonce()).hasSize(12).isNotEqualTo(b.nonce());
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
        assertThat(new String(a.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("very-secret");
        assertThat(cipher.open(ORG, "meta", "act_1", a)).isEqualTo(SECRET);
        assertThat(cipher.open(ORG, "meta", "act_1", Sealed.fromMap(a.toMap()))).isEqualTo(SECRET);
        assertThat(a.toString()).doesNotContain("secret");
    }

    @Test
    void aTamperedCiphertextOrNonceDoesNotOpen() {
        Sealed s = cipher.seal(ORG, "meta", "act_1", SECRET);
        byte[] ct = s.ciphertext().clone();
        ct[3] ^= 1;
        assertThatThrownBy(() -> cipher.open(ORG, "meta", "act_1", new Sealed("k1", s.nonce(), ct)))
                .isInstanceOf(CredentialException.class).hasMessageContaining("do not open");
        byte[] nonce = s.nonce().clone();
        nonce[0] ^= 1;
        assertThatThrownBy(() -> cipher.open(ORG, "meta", "act_1", new Sealed("k1", nonce, s.ciphertext())))
                .isInstanceOf(CredentialException.class);
    }

    @Test
    void theAssociatedDataBindsOrganizationPlatformAndAccount() {
        Sealed s = cipher.seal(ORG, "meta", "act_1", SECRET);
        assertThatThrownBy(() -> cipher.open(UUID.randomUUID(), "meta", "act_1", s))
                .isInstanceOf(CredentialException.class).hasMessageContaining("another organization");
        assertThatThrownBy(() -> cipher.open(ORG, "tiktok", "act_1", s)).isInstanceOf(CredentialException.class);
        assertThatThrownBy(() -> cipher.open(ORG, "meta", "act_2", s)).isInstanceOf(CredentialException.class);
        // the key id is bound too: relabelling a seal with another configured key's id fails
        CredentialCipher two = CredentialCipher.of("k2", KEY2, Map.of("k1", KEY1));
        assertThatThrownBy(() -> two.open(ORG, "meta", "act_1", new Sealed("k2", s.nonce(), s.ciphertext())))
                .isInstanceOf(CredentialException.class);
    }

    @Test
    void rotationOpensOldSealsAndSealsWithTheNewKey() {
        Sealed old = cipher.seal(ORG, "shopify", "shop.myshopify.com", SECRET);
        CredentialCipher rotated = CredentialCipher.fromEnv(Map.of(
                "OMNIFY_CREDENTIALS_KEY", Base64.getEncoder().encodeToString(KEY2),
                "OMNIFY_CREDENTIALS_KEY_ID", "k2",
                "OMNIFY_CREDENTIALS_OLD_KEYS", "k1:" + Base64.getEncoder().encodeToString(KEY1)));
        assertThat(rotated.open(ORG, "shopify", "shop.myshopify.com", old)).isEqualTo(SECRET);
        assertThat(rotated.needsResealing(old)).isTrue();
        Sealed fresh = rotated.seal(ORG, "shopify", "shop.myshopify.com", SECRET);
        assertThat(fresh.keyId()).isEqualTo("k2");
        assertThat(rotated.needsResealing(fresh)).isFalse();
        // once the old key is dropped, old seals name the missing key
        CredentialCipher onlyNew = CredentialCipher.of("k2", KEY2, Map.of());
        assertThatThrownBy(() -> onlyNew.open(ORG, "shopify", "shop.myshopify.com", old))
                .isInstanceOf(CredentialException.class).hasMessageContaining("OMNIFY_CREDENTIALS_OLD_KEYS");
    }

    @Test
    void configurationErrorsNameTheVariable() {
        assertThatThrownBy(() -> CredentialCipher.fromEnv(Map.of("OMNIFY_CREDENTIALS_KEY", "c2hvcnQ=")))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("OMNIFY_CREDENTIALS_KEY must be 32 bytes");
        assertThatThrownBy(() -> CredentialCipher.fromEnv(Map.of("OMNIFY_CREDENTIALS_KEY", "%%%")))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("not base64");
        CredentialCipher none = CredentialCipher.fromEnv(Map.of());
        assertThat(none.isConfigured()).isFalse();
        assertThatThrownBy(() -> none.seal(ORG, "meta", "act_1", SECRET))
                .isInstanceOf(CredentialException.class).hasMessageContaining("set OMNIFY_CREDENTIALS_KEY");
        CredentialCipher demo = CredentialCipher.fromEnv(Map.of("OMNIFY_CREDENTIALS_ALLOW_DEMO_KEY", "true"));
        assertThat(demo.currentKeyId()).isEqualTo(CredentialCipher.DEMO_KEY_ID);
        assertThat(demo.open(ORG, "meta", "act_1", demo.seal(ORG, "meta", "act_1", SECRET))).isEqualTo(SECRET);
    }
}
