package ai.omnify.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Random secrets for sessions and invites: a prefix and 32 random bytes in base64url (256 bits). Only the SHA-256 hex
 * of a token is stored. A session's CSRF token is derived from its session token (SHA-256 of a label and the token),
 * so it needs no storage, is different for every session, and cannot be computed without the HttpOnly cookie.
 */
public final class SessionTokens {
    public static final String SESSION_PREFIX = "oms_";
    public static final String INVITE_PREFIX = "omi_";
    private static final Pattern BODY = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionTokens() {}

    public static String newSessionToken() {
        return generate(SESSION_PREFIX);
    }

    public static String newInviteToken() {
        return generate(INVITE_PREFIX);
    }

    private static String generate(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A cheap shape check before any lookup. */
    public static boolean looksValid(String token, String prefix) {
        return token != null && token.length() == prefix.length() + 43 && token.startsWith(prefix)
                && BODY.matcher(token.substring(prefix.length())).matches();
    }

    /** What is stored: lower-case hex SHA-256. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(sha256("omnify-token\0" + token));
    }

    /** The CSRF token of a session: what {@code X-CSRF-Token} must carry on a cookie-authenticated write. */
    public static String csrfFor(String sessionToken) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("omnify-csrf\0" + sessionToken));
    }

    /** Constant-time comparison of a presented CSRF token with the session's. */
    public static boolean csrfMatches(String sessionToken, String presented) {
        if (sessionToken == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(csrfFor(sessionToken).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
