package ai.omnify.jobs.metrics;

import ai.omnify.model.Platform;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.Utm;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which ad platform, campaign (channel) and ad (creative) an order came from, by its UTM parameters or, when the
 * order has none, by those in its landing site. The platform comes from {@code utm_source} or a click id (fbclid,
 * gclid, ttclid); the campaign from {@code utm_campaign} (the platform's campaign id, as the platforms' dynamic URL
 * parameters fill it); the ad from {@code utm_content} (the ad id).
 *
 * @param campaignId null when only the platform is known
 * @param adId null when the ad is not known
 */
public record Attribution(Platform platform, String campaignId, String adId) {

    private static final Map<String, Platform> SOURCES = Map.ofEntries(
            Map.entry("facebook", Platform.META), Map.entry("fb", Platform.META), Map.entry("meta", Platform.META),
            Map.entry("instagram", Platform.META), Map.entry("ig", Platform.META),
            Map.entry("facebook.com", Platform.META), Map.entry("m.facebook.com", Platform.META),
            Map.entry("google", Platform.GOOGLE), Map.entry("adwords", Platform.GOOGLE),
            Map.entry("googleads", Platform.GOOGLE), Map.entry("youtube", Platform.GOOGLE),
            Map.entry("tiktok", Platform.TIKTOK), Map.entry("tiktokads", Platform.TIKTOK));

    /** The channel-level attribution of the order, when platform and campaign are both known. */
    public static Optional<Attribution> of(OrderEvent order) {
        Utm utm = order.utm() == null ? Utm.NONE : order.utm();
        Map<String, String> landing = queryParameters(order.landingSite());
        String source = firstNonBlank(utm.source(), landing.get("utm_source"));
        String campaign = firstNonBlank(utm.campaign(), landing.get("utm_campaign"));
        String content = firstNonBlank(utm.content(), landing.get("utm_content"));

        Platform platform = source == null ? null : SOURCES.get(source.trim().toLowerCase(Locale.ROOT));
        if (platform == null) {
            platform = landing.containsKey("fbclid") ? Platform.META
                    : landing.containsKey("gclid") || landing.containsKey("gbraid") || landing.containsKey("wbraid") ? Platform.GOOGLE
                    : landing.containsKey("ttclid") ? Platform.TIKTOK
                    : null;
        }
        if (platform == null || campaign == null) {
            return Optional.empty();
        }
        return Optional.of(new Attribution(platform, campaign.trim(), content == null ? null : content.trim()));
    }

    static Map<String, String> queryParameters(String url) {
        Map<String, String> out = new HashMap<>();
        if (url == null) {
            return out;
        }
        int q = url.indexOf('?');
        if (q < 0) {
            return out;
        }
        String query = url.substring(q + 1);
        int hash = query.indexOf('#');
        if (hash >= 0) {
            query = query.substring(0, hash);
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT),
                        URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed escape in a landing site: ignore that parameter
            }
        }
        return out;
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }
}
