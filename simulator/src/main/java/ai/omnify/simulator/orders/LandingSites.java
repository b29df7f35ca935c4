package ai.omnify.simulator.orders;

import ai.omnify.model.Platform;
import ai.omnify.model.order.Utm;
import ai.omnify.simulator.random.Rng;
import java.util.List;

/** Where a buyer landed and came from: UTM parameters and click ids as the platforms and Shopify put them. */
final class LandingSites {
    private LandingSites() {}

    record Visit(String landingSite, String referringSite, Utm utm) {}

    private static final List<String> PATHS = List.of(
            "/products/trail-runner-x", "/products/merino-base-layer", "/products/ultralight-rain-shell",
            "/products/summit-daypack-22l", "/collections/new-arrivals", "/collections/bestsellers",
            "/products/alpine-fleece-hoodie", "/products/trekking-poles-carbon");

    /**
     * A paid visit. Most carry the UTM fields and the same parameters in the landing site (utm.campaign = campaign id,
     * utm.content = ad id) plus the platform's click id; some only the click id; some only the landing-site query.
     */
    static Visit paid(Platform platform, String campaignId, String adId, Rng r) {
        String source;
        String medium;
        String clickParam;
        String referrer;
        switch (platform) {
            case META -> {
                boolean ig = r.chance(0.2);
                source = ig ? "instagram" : "facebook";
                medium = "paid_social";
                clickParam = "fbclid";
                referrer = ig ? "https://l.instagram.com/" : "https://l.facebook.com/";
            }
            case GOOGLE -> {
                source = "google";
                medium = "cpc";
                clickParam = "gclid";
                referrer = "https://www.google.com/";
            }
            default -> {
                source = "tiktok";
                medium = "paid_social";
                clickParam = "ttclid";
                referrer = "https://www.tiktok.com/";
            }
        }
        String path = r.pick(PATHS);
        String click = clickParam + "=" + token(r, 32);
        String utmQuery = "utm_source=" + source + "&utm_medium=" + medium + "&utm_campaign=" + campaignId
                + "&utm_content=" + adId;
        double style = r.uniform();
        if (style < 0.74) {
            return new Visit(path + "?" + utmQuery + "&" + click, referrer, new Utm(source, medium, campaignId, adId));
        }
        if (style < 0.90) {
            return new Visit(path + "?" + click, referrer, null);
        }
        return new Visit(path + "?" + utmQuery, referrer, null);
    }

    /** A visit no ad platform can claim: organic search, email, organic social or direct. */
    static Visit organic(Rng r) {
        String path = r.chance(0.5) ? "/" : r.pick(PATHS);
        double style = r.uniform();
        if (style < 0.45) {
            return new Visit(path, "https://www.google.com/", null);
        }
        if (style < 0.65) {
            String q = "utm_source=klaviyo&utm_medium=email&utm_campaign=weekly-newsletter";
            return new Visit(path + "?" + q, null, new Utm("klaviyo", "email", "weekly-newsletter", null));
        }
        if (style < 0.75) {
            return new Visit(path, "https://www.instagram.com/", null);
        }
        return new Visit(path, null, null);
    }

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    static String token(Rng r, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(r.between(0, ALPHABET.length() - 1)));
        }
        return sb.toString();
    }
}
