package ai.omnify.simulator.brand;

import ai.omnify.model.Platform;
import java.util.List;

/** The brand's campaign line-up and creative vocabulary: the fixed, hand-written part of the catalog. */
final class CatalogTemplates {
    private CatalogTemplates() {}

    /**
     * @param launchAt fraction of the window at which the campaign starts (null: long before the window)
     * @param pauseAt fraction of the window at which it is paused (null: never)
     * @param pauseDays days until it resumes (0: stays paused)
     */
    record CampaignTemplate(Platform platform, String name, String objective, double budgetMin, double budgetMax,
            double cpaFactor, double betaMin, double betaMax, double aovFactor, double cpmFactor, double ctrFactor,
            Double launchAt, Double pauseAt, int pauseDays) {}

    private static CampaignTemplate t(Platform p, String name, String objective, double bMin, double bMax,
            double cpa, double betaMin, double betaMax, double aov, double cpm, double ctr) {
        return new CampaignTemplate(p, name, objective, bMin, bMax, cpa, betaMin, betaMax, aov, cpm, ctr, null, null, 0);
    }

    private static CampaignTemplate launched(CampaignTemplate t, double at) {
        return new CampaignTemplate(t.platform(), t.name(), t.objective(), t.budgetMin(), t.budgetMax(), t.cpaFactor(),
                t.betaMin(), t.betaMax(), t.aovFactor(), t.cpmFactor(), t.ctrFactor(), at, t.pauseAt(), t.pauseDays());
    }

    private static CampaignTemplate paused(CampaignTemplate t, double at, int days) {
        return new CampaignTemplate(t.platform(), t.name(), t.objective(), t.budgetMin(), t.budgetMax(), t.cpaFactor(),
                t.betaMin(), t.betaMax(), t.aovFactor(), t.cpmFactor(), t.ctrFactor(), t.launchAt(), at, days);
    }

    private static final Platform M = Platform.META;
    private static final Platform G = Platform.GOOGLE;
    private static final Platform T = Platform.TIKTOK;

    static final List<CampaignTemplate> CAMPAIGNS = List.of(
            t(M, "Prospecting | Broad | Evergreen", "OUTCOME_SALES", 900, 1400, 1.15, 0.70, 0.85, 1.0, 1.0, 1.0),
            t(M, "Prospecting | Lookalike 1% Purchasers", "OUTCOME_SALES", 600, 900, 1.0, 0.65, 0.80, 1.0, 1.1, 1.05),
            t(M, "Prospecting | Interests - Trail Running", "OUTCOME_SALES", 400, 700, 1.1, 0.65, 0.80, 0.95, 1.0, 1.0),
            t(M, "Advantage+ Shopping | All Products", "OUTCOME_SALES", 1000, 1600, 0.9, 0.70, 0.85, 1.0, 0.95, 1.1),
            t(M, "Retargeting | Site Visitors 7d", "OUTCOME_SALES", 250, 400, 0.6, 0.45, 0.60, 1.05, 1.6, 1.5),
            t(M, "Retargeting | Add to Cart 14d", "OUTCOME_SALES", 150, 300, 0.5, 0.40, 0.55, 1.1, 1.8, 1.7),
            paused(t(M, "Creative Testing | UGC Round 3", "OUTCOME_SALES", 200, 350, 1.3, 0.70, 0.85, 0.95, 1.0, 1.0),
                    0.55, 0),
            launched(t(M, "Seasonal | Autumn Layers Launch", "OUTCOME_SALES", 500, 800, 1.05, 0.65, 0.80, 1.1, 1.1, 1.05),
                    0.65),
            t(M, "Prospecting | Interests - Hiking & Camping", "OUTCOME_SALES", 350, 600, 1.15, 0.65, 0.80, 1.0, 1.0,
                    0.95),
            t(G, "Search | Brand", "SALES", 150, 250, 0.45, 0.35, 0.50, 1.05, 3.0, 3.2),
            t(G, "Search | Generic - Trail Running Shoes", "SALES", 400, 700, 1.1, 0.60, 0.75, 1.0, 3.2, 2.2),
            paused(t(G, "Search | Competitors", "SALES", 150, 300, 1.4, 0.55, 0.70, 1.0, 3.5, 1.8), 0.4, 7),
            t(G, "Performance Max | All Products", "SALES", 700, 1100, 0.9, 0.70, 0.85, 1.0, 1.0, 0.9),
            t(G, "Shopping | Bestsellers", "SALES", 400, 650, 0.85, 0.65, 0.80, 0.95, 1.3, 1.0),
            t(G, "YouTube | Prospecting Video", "AWARENESS", 200, 400, 1.9, 0.75, 0.90, 1.0, 1.0, 0.15),
            t(G, "Demand Gen | Lookalike Audiences", "SALES", 250, 450, 1.3, 0.70, 0.85, 1.0, 0.8, 0.45),
            t(T, "Spark Ads | Creator Whitelisting", "PRODUCT_SALES", 300, 550, 1.0, 0.70, 0.85, 1.0, 1.0, 1.2),
            t(T, "Prospecting | Broad 18-34", "PRODUCT_SALES", 350, 600, 1.15, 0.70, 0.85, 0.95, 0.9, 1.0),
            t(T, "Prospecting | Interest - Outdoor & Fitness", "PRODUCT_SALES", 200, 400, 1.1, 0.65, 0.80, 1.0, 1.0, 1.0),
            t(T, "Retargeting | Video Viewers 50%", "PRODUCT_SALES", 100, 200, 0.65, 0.45, 0.60, 1.05, 1.5, 1.4),
            launched(t(T, "Smart+ | Catalog Sales", "PRODUCT_SALES", 300, 500, 0.95, 0.70, 0.85, 1.0, 1.0, 1.1), 0.3),
            paused(t(T, "Creative Testing | Hooks Batch 4", "PRODUCT_SALES", 120, 250, 1.3, 0.70, 0.85, 0.95, 1.0, 1.0),
                    0.85, 0));

    static double targetCpa(Platform p) {
        return switch (p) {
            case META -> 38;
            case GOOGLE -> 30;
            default -> 33;
        };
    }

    static double averageOrderValue(Platform p) {
        return switch (p) {
            case META -> 92;
            case GOOGLE -> 88;
            default -> 70;
        };
    }

    static List<String> formats(Platform p, String campaignName) {
        return switch (p) {
            case META -> List.of("Video", "Reel", "Image", "Carousel", "Collection");
            case GOOGLE -> campaignName.startsWith("Search") ? List.of("Responsive Search Ad")
                    : campaignName.startsWith("Performance Max") ? List.of("Asset Group")
                    : campaignName.startsWith("Shopping") ? List.of("Product Ad")
                    : campaignName.startsWith("YouTube") ? List.of("In-Stream Video", "Shorts Video")
                    : List.of("Image", "Video", "Carousel");
            default -> List.of("In-Feed Video", "Spark Ad", "Carousel");
        };
    }

    static final List<String> CONCEPTS = List.of(
            "UGC Unboxing", "Founder Story", "Trail Test", "Customer Review", "Bundle Offer", "Free Shipping",
            "Lifestyle Montage", "Product Close-up", "Comparison", "Testimonial", "How It's Made",
            "Weatherproof Demo", "Gift Guide", "New Colourways", "Bestseller Spotlight", "Creator Collab",
            "Problem-Solution", "Myth Busting", "Packing List", "Sunrise Hike");
}
