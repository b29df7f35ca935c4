package ai.omnify.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * API keys: {@code omk_} and 32 random base62 characters (190 bits). Only the SHA-256 of a key is stored; the key is
 * shown once. The first 12 characters (the prefix) are kept to tell keys apart in lists.
 */
public final class ApiKeys {
    public static final String PREFIX = "omk_";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    public static String generate() {
        StringBuilder sb = new StringBuilder(PREFIX);
        for (int i = 0; i < 32; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Lower-case hex SHA-256 of the key: what {@code api_keys.key_hash} holds. */
    public static String hash(String key) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(12, key.length()));
    }

    /** A cheap shape check before any lookup. */
    public static boolean looksValid(String key) {
        return key != null && key.startsWith(PREFIX) && key.length() == PREFIX.length() + 32
                && key.substring(PREFIX.length()).chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }
}
