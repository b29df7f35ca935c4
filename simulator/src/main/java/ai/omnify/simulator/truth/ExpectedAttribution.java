package ai.omnify.simulator.truth;

import ai.omnify.model.Platform;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.Utm;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The channel an order should be attributed to under Omnify's rules (docs/semantics.md, Orders): platform from
 * {@code utm.source} or else a click id in the landing site; campaign from {@code utm.campaign}; ad from
 * {@code utm.content}; UTM parameters inside the landing site count when the fields are absent. Written separately
 * from the job's implementation, so the ground truth checks it rather than repeats it.
 *
 * @param platform null when no ad platform can claim the order
 */
public record ExpectedAttribution(Platform platform, String campaignId, String adId) {
    public static final ExpectedAttribution NONE = new ExpectedAttribution(null, null, null);

    public static ExpectedAttribution of(OrderEvent order) {
        Map<String, String> query = query(order.landingSite());
        Utm utm = order.utm();
        boolean fields = utm != null && !utm.isEmpty();
        String source = fields ? utm.source() : query.get("utm_source");
        String campaign = fields ? utm.campaign() : query.get("utm_campaign");
        String content = fields ? utm.content() : query.get("utm_content");
        Platform platform = fromSource(source);
        if (platform == null) {
            if (source != null) {
                return NONE;
            }
            platform = query.containsKey("fbclid") ? Platform.META
                    : query.containsKey("gclid") ? Platform.GOOGLE
                    : query.containsKey("ttclid") ? Platform.TIKTOK : null;
            return platform == null ? NONE : new ExpectedAttribution(platform, null, null);
        }
        return new ExpectedAttribution(platform, campaign, content);
    }

    static Platform fromSource(String source) {
        if (source == null) {
            return null;
        }
        return switch (source.trim().toLowerCase(Locale.ROOT)) {
            case "facebook", "fb", "ig", "instagram", "meta" -> Platform.META;
            case "google", "adwords", "youtube" -> Platform.GOOGLE;
            case "tiktok" -> Platform.TIKTOK;
            default -> null;
        };
    }

    static Map<String, String> query(String landingSite) {
        Map<String, String> out = new HashMap<>();
        if (landingSite == null) {
            return out;
        }
        int q = landingSite.indexOf('?');
        if (q < 0) {
            return out;
        }
        for (String pair : landingSite.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
