package ai.omnify.server.crypto;

import ai.omnify.config.Env;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts platform credentials (a connection's tokens) with AES-256-GCM before they are stored, JDK crypto only.
 *
 * <p>Each seal uses a fresh random 96-bit nonce and binds the organization id, the platform and the account into the
 * associated data, so a ciphertext copied to another organization's or account's row does not open. The current key
 * ({@code OMNIFY_CREDENTIALS_KEY}, base64 of 32 bytes, id {@code OMNIFY_CREDENTIALS_KEY_ID}) seals; it and the old keys
 * ({@code OMNIFY_CREDENTIALS_OLD_KEYS}: {@code id:base64,id:base64}) open, so keys can be rotated: a row sealed with an
 * old key still opens, and {@link #needsResealing} says it should be sealed again with the current one.
 *
 * <p>Without a configured key the cipher is {@link #unconfigured()}: it fails on use with a message saying which
 * variable to set. The built-in demo key ({@code OMNIFY_CREDENTIALS_ALLOW_DEMO_KEY=true}, set by {@code infra/omnify
 * demo} only) is public and is loudly warned about.
 */
public final class CredentialCipher {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialCipher.class);
    public static final String DEMO_KEY_ID = "demo-insecure";
    private static final byte[] DEMO_KEY = "omnify-demo-key-NOT-SECRET-32byt".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String AAD_PREFIX = "omnify-credentials/v1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentKeyId;
    private final Map<String, SecretKey> keys;
    private final String missingReason;

    private CredentialCipher(String currentKeyId, Map<String, SecretKey> keys, String missingReason) {
        this.currentKeyId = currentKeyId;
        this.keys = keys;
        this.missingReason = missingReason;
    }

    /**
     * @param currentKeyId id stored with every seal (so a later key can be told apart)
     * @param currentKey 32 bytes
     * @param oldKeys id to 32-byte key, accepted for opening only
     */
    public static CredentialCipher of(String currentKeyId, byte[] currentKey, Map<String, byte[]> oldKeys) {
        requireKeyId(currentKeyId, "OMNIFY_CREDENTIALS_KEY_ID");
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        keys.put(currentKeyId, aesKey(currentKey, "OMNIFY_CREDENTIALS_KEY"));
        oldKeys.forEach((id, key) -> {
            requireKeyId(id, "OMNIFY_CREDENTIALS_OLD_KEYS");
            if (!id.equals(currentKeyId)) {
                keys.put(id, aesKey(key, "OMNIFY_CREDENTIALS_OLD_KEYS (key " + id + ")"));
            }
        });
        return new CredentialCipher(currentKeyId, Map.copyOf(keys), null);
    }

    /** A cipher without keys: every use fails with a message naming the variable to set. */
    public static CredentialCipher unconfigured() {
        return new CredentialCipher(null, Map.of(), "no credentials key is configured: set OMNIFY_CREDENTIALS_KEY to the"
                + " base64 of 32 random bytes (e.g. `openssl rand -base64 32`) and OMNIFY_CREDENTIALS_KEY_ID to a name for it");
    }

    /**
     * Reads {@code OMNIFY_CREDENTIALS_KEY}, {@code OMNIFY_CREDENTIALS_KEY_ID} (default {@code k1}),
     * {@code OMNIFY_CREDENTIALS_OLD_KEYS} and {@code OMNIFY_CREDENTIALS_ALLOW_DEMO_KEY}. A malformed key fails here,
     * naming the variable; no key at all gives {@link #unconfigured()} (or the demo key when allowed).
     */
    public static CredentialCipher fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        String key = env.string("OMNIFY_CREDENTIALS_KEY", null);
        Map<String, byte[]> old = parseOldKeys(env.string("OMNIFY_CREDENTIALS_OLD_KEYS", ""));
        if (key == null) {
            if (env.bool("OMNIFY_CREDENTIALS_ALLOW_DEMO_KEY", false)) {
                LOG.warn("!!! OMNIFY_CREDENTIALS_KEY is not set: platform credentials are encrypted with the PUBLIC demo key"
                        + " '{}'. Anyone with this source code can decrypt them. Use this for the local demo only; set"
                        + " OMNIFY_CREDENTIALS_KEY (openssl rand -base64 32) before storing real tokens. !!!", DEMO_KEY_ID);
                return of(DEMO_KEY_ID, DEMO_KEY, old);
            }
            return unconfigured();
        }
        return of(env.string("OMNIFY_CREDENTIALS_KEY_ID", "k1"), decodeKey(key, "OMNIFY_CREDENTIALS_KEY"), old);
    }

    public boolean isConfigured() {
        return missingReason == null;
    }

    public String currentKeyId() {
        requireConfigured();
        return currentKeyId;
    }

    /** Encrypts {@code plaintext} for (org, platform, account) with the current key and a fresh nonce. */
    public Sealed seal(UUID orgId, String platform, String account, byte[] plaintext) {
        requireConfigured();
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(orgId, platform, account, currentKeyId));
            return new Sealed(currentKeyId, nonce, c.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts what {@link #seal} made for the same (org, platform, account).
     *
     * @throws CredentialException when the key is unknown, or the ciphertext, the nonce or the bound data was changed
     */
    public byte[] open(UUID orgId, String platform, String account, Sealed sealed) {
        requireConfigured();
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new CredentialException("the credentials were sealed with key '" + sealed.keyId() + "', which is not"
                    + " configured: add it to OMNIFY_CREDENTIALS_OLD_KEYS as " + sealed.keyId() + ":<base64 key>");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            c.updateAAD(aad(orgId, platform, account, sealed.keyId()));
            return c.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new CredentialException("the credentials do not open: they were changed, or belong to another"
                    + " organization, platform or account", e);
        } catch (GeneralSecurityException e) {
            throw new CredentialException("the credentials cannot be decrypted: " + e.getMessage(), e);
        }
    }

    /** True when the row was sealed with another key than the current one (re-seal it after a rotation). */
    public boolean needsResealing(Sealed sealed) {
        return isConfigured() && !currentKeyId.equals(sealed.keyId());
    }

    private void requireConfigured() {
        if (missingReason != null) {
            throw new CredentialException(missingReason);
        }
    }

    /** The associated data: a fixed label and each bound value, length-prefixed so no two tuples encode alike. */
    static byte[] aad(UUID orgId, String platform, String account, String keyId) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(account, "account");
        byte[][] parts = {AAD_PREFIX.getBytes(StandardCharsets.UTF_8), orgId.toString().getBytes(StandardCharsets.UTF_8),
                platform.getBytes(StandardCharsets.UTF_8), account.getBytes(StandardCharsets.UTF_8),
                keyId.getBytes(StandardCharsets.UTF_8)};
        int size = 0;
        for (byte[] p : parts) {
            size += 4 + p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        for (byte[] p : parts) {
            b.putInt(p.length).put(p);
        }
        return b.array();
    }

    private static Map<String, byte[]> parseOldKeys(String spec) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String entry : spec.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int colon = e.indexOf(':');
            if (colon <= 0) {
                throw new Env.ConfigException("OMNIFY_CREDENTIALS_OLD_KEYS has an entry without an id: use id:base64key[,id:base64key...]");
            }
            out.put(e.substring(0, colon).trim(), decodeKey(e.substring(colon + 1).trim(), "OMNIFY_CREDENTIALS_OLD_KEYS"));
        }
        return out;
    }

    private static byte[] decodeKey(String base64, String variable) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new Env.ConfigException(variable + " is not base64: use the base64 of 32 random bytes (openssl rand -base64 32)");
        }
    }

    private static SecretKey aesKey(byte[] key, String variable) {
        if (key == null || key.length != 32) {
            throw new Env.ConfigException(variable + " must be 32 bytes (AES-256), base64-encoded; it has "
                    + (key == null ? 0 : key.length) + " bytes: use openssl rand -base64 32");
        }
        return new SecretKeySpec(key, "AES");
    }

    private static void requireKeyId(String id, String variable) {
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new Env.ConfigException(variable + ": a key id is 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    /** A sealed value: which key, the nonce and the ciphertext with its tag. */
    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
        public Sealed {
            Objects.requireNonNull(keyId, "keyId");
            if (nonce == null || nonce.length != NONCE_BYTES) {
                throw new CredentialException("a sealed credential needs a 12-byte nonce");
            }
            Objects.requireNonNull(ciphertext, "ciphertext");
        }

        /** The stored form: {@code {"v":1,"kid":...,"nonce":base64,"ct":base64}}. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("v", 1);
            m.put("kid", keyId);
            m.put("nonce", Base64.getEncoder().encodeToString(nonce));
            m.put("ct", Base64.getEncoder().encodeToString(ciphertext));
            return m;
        }

        public static Sealed fromMap(Map<?, ?> m) {
            if (m == null || !Integer.valueOf(1).equals(asInt(m.get("v")))) {
                throw new CredentialException("stored credentials are not in the sealed format v1");
            }
            try {
                return new Sealed(String.valueOf(m.get("kid")), Base64.getDecoder().decode(String.valueOf(m.get("nonce"))),
                        Base64.getDecoder().decode(String.valueOf(m.get("ct"))));
            } catch (IllegalArgumentException e) {
                throw new CredentialException("stored credentials are damaged (bad base64)", e);
            }
        }

        private static Integer asInt(Object o) {
            return o instanceof Number n ? n.intValue() : null;
        }

        @Override
        public String toString() {
            return "Sealed[kid=" + keyId + ", " + ciphertext.length + " bytes]";
        }
    }

    /** Credentials cannot be sealed or opened; the message says why, never the secret. */
    public static final class CredentialException extends RuntimeException {
        public CredentialException(String message) {
            super(message);
        }

        public CredentialException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
