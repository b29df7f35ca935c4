package ai.omnify.api.alerts.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures of outgoing webhooks: {@code X-Omnify-Signature: sha256=<hex>} of HMAC-SHA256 over
 * {@code <timestamp>.<body>} with the subscription's secret, and {@code X-Omnify-Timestamp: <epoch seconds>}. A
 * receiver recomputes it, compares in constant time, and refuses timestamps older than a few minutes (replays).
 */
public final class WebhookSigner {
    public static final String SIGNATURE_HEADER = "X-Omnify-Signature";
    public static final String TIMESTAMP_HEADER = "X-Omnify-Timestamp";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {}

    public static String sign(String secret, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sig = mac.doFinal((timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** What a receiver does: true when {@code signature} is the one of this body, timestamp and secret. */
    public static boolean verify(String secret, long timestampSeconds, String body, String signature) {
        if (signature == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, timestampSeconds, body).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    /** A new secret: {@code whsec_} and 32 random bytes in hex. */
    public static String newSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "whsec_" + HexFormat.of().formatHex(b);
    }
}
