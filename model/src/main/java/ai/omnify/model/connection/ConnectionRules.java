package ai.omnify.model.connection;

import ai.omnify.model.Parsed;
import ai.omnify.model.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a connection's account and credentials must look like per platform, and their normal form. Pure; shared by
 * {@code POST /api/v1/connections} and the single-brand setup from environment variables.
 *
 * <ul>
 *   <li>Meta: account {@code act_<digits>} (bare digits get the prefix); credentials {@code access_token}, optional
 *       {@code app_secret} (for appsecret_proof).</li>
 *   <li>Google Ads: account the 10-digit customer id (dashes removed); {@code refresh_token}, optional
 *       {@code client_id}, {@code client_secret}, {@code login_customer_id}, {@code developer_token}.</li>
 *   <li>TikTok: account the advertiser id (digits); {@code access_token}.</li>
 *   <li>Shopify: account the shop domain {@code <name>.myshopify.com} (scheme, path and case removed);
 *       {@code access_token}.</li>
 * </ul>
 */
public final class ConnectionRules {
    public static final int MAX_SECRET_LENGTH = 4096;
    private static final Pattern META = Pattern.compile("act_[0-9]{1,30}");
    private static final Pattern GOOGLE = Pattern.compile("[0-9]{10}");
    private static final Pattern TIKTOK = Pattern.compile("[0-9]{1,30}");
    private static final Pattern SHOP = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}\\.myshopify\\.com");

    private static final Map<Platform, Set<String>> REQUIRED = Map.of(
            Platform.META, Set.of("access_token"),
            Platform.GOOGLE, Set.of("refresh_token"),
            Platform.TIKTOK, Set.of("access_token"),
            Platform.SHOPIFY, Set.of("access_token"));
    private static final Map<Platform, Set<String>> OPTIONAL = Map.of(
            Platform.META, Set.of("app_secret"),
            Platform.GOOGLE, Set.of("client_id", "client_secret", "login_customer_id", "developer_token"),
            Platform.TIKTOK, Set.of(),
            Platform.SHOPIFY, Set.of());

    private ConnectionRules() {}

    /** The account in its normal form, or why it is not one. */
    public static Parsed<String> account(Platform platform, String raw) {
        if (raw == null || raw.isBlank()) {
            return Parsed.failed("account is missing: " + example(platform));
        }
        String a = raw.trim();
        switch (platform) {
            case META -> {
                String v = a.matches("[0-9]+") ? "act_" + a : a;
                return META.matcher(v).matches() ? Parsed.ok(v) : Parsed.failed("account '" + clip(a)
                        + "' is not a Meta ad account id: " + example(platform));
            }
            case GOOGLE -> {
                String v = a.replace("-", "");
                return GOOGLE.matcher(v).matches() ? Parsed.ok(v) : Parsed.failed("account '" + clip(a)
                        + "' is not a Google Ads customer id: " + example(platform));
            }
            case TIKTOK -> {
                return TIKTOK.matcher(a).matches() ? Parsed.ok(a) : Parsed.failed("account '" + clip(a)
                        + "' is not a TikTok advertiser id: " + example(platform));
            }
            default -> {
                String v = a.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
                int slash = v.indexOf('/');
                if (slash >= 0) {
                    v = v.substring(0, slash);
                }
                return SHOP.matcher(v).matches() ? Parsed.ok(v) : Parsed.failed("account '" + clip(a)
                        + "' is not a Shopify shop domain: " + example(platform));
            }
        }
    }

    /** Every reason the credentials cannot be used for the platform; empty when they can. Names keys, never values. */
    public static List<String> credentials(Platform platform, Map<String, String> credentials) {
        List<String> reasons = new ArrayList<>();
        if (credentials == null || credentials.isEmpty()) {
            reasons.add("credentials are missing: " + platform.wire() + " needs " + String.join(", ", REQUIRED.get(platform)));
            return reasons;
        }
        for (String required : REQUIRED.get(platform).stream().sorted().toList()) {
            String v = credentials.get(required);
            if (v == null || v.isBlank()) {
                reasons.add("credentials." + required + " is missing");
            }
        }
        for (Map.Entry<String, String> e : credentials.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            String key = e.getKey();
            if (!REQUIRED.get(platform).contains(key) && !OPTIONAL.get(platform).contains(key)) {
                reasons.add("credentials." + clip(key) + " is not a " + platform.wire() + " credential (known: "
                        + String.join(", ", known(platform)) + ")");
            } else if (e.getValue() != null && e.getValue().length() > MAX_SECRET_LENGTH) {
                reasons.add("credentials." + key + " is longer than " + MAX_SECRET_LENGTH + " characters");
            } else if (e.getValue() != null && e.getValue().isBlank() && !REQUIRED.get(platform).contains(key)) {
                reasons.add("credentials." + key + " is blank");
            }
        }
        return reasons;
    }

    public static List<String> known(Platform platform) {
        List<String> all = new ArrayList<>(REQUIRED.get(platform));
        all.addAll(OPTIONAL.get(platform));
        all.sort(null);
        return all;
    }

    private static String example(Platform p) {
        return switch (p) {
            case META -> "use the ad account id, e.g. act_1234567890";
            case GOOGLE -> "use the 10-digit customer id, e.g. 123-456-7890";
            case TIKTOK -> "use the advertiser id, e.g. 7000000000000000001";
            case SHOPIFY -> "use the shop domain, e.g. my-store.myshopify.com";
        };
    }

    private static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
