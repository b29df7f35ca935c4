package ai.omnify.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signature checks over the raw request body, compared in constant time. Pure functions.
 * Shopify: {@code X-Shopify-Hmac-Sha256} = base64(HMAC-SHA256(client secret, body)). Meta: {@code X-Hub-Signature-256}
 * = {@code sha256=} + hex(HMAC-SHA256(app secret, body)).
 */
public final class WebhookSignatures {
    private WebhookSignatures() {}

    public static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** True when {@code header} is the base64 HMAC of {@code body} under {@code secret}. */
    public static boolean shopifyValid(byte[] body, String header, String secret) {
        if (header == null || header.isBlank() || secret == null || secret.isEmpty()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body), given);
    }

    /** True when {@code header} is {@code sha256=<hex HMAC of body under secret>}. */
    public static boolean metaValid(byte[] body, String header, String secret) {
        if (header == null || secret == null || secret.isEmpty()) {
            return false;
        }
        String h = header.trim();
        if (!h.toLowerCase(Locale.ROOT).startsWith("sha256=")) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(h.substring(7).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body), given);
    }

    /** Constant-time equality of two strings (verify tokens). */
    public static boolean sameSecret(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    public static String shopifySignature(byte[] body, String secret) {
        return Base64.getEncoder().encodeToString(hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    public static String metaSignature(byte[] body, String secret) {
        return "sha256=" + HexFormat.of().formatHex(hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body));
    }
}
