package ai.omnify.ingest.platform;

import ai.omnify.ingest.google.GoogleAdsClient;
import ai.omnify.ingest.meta.MetaClient;
import ai.omnify.ingest.shopify.ShopifyClient;
import ai.omnify.ingest.sync.PlatformReader;
import ai.omnify.ingest.tiktok.TikTokClient;
import ai.omnify.model.Platform;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * The platform clients, built once per process from {@link PlatformClientsConfig}: one HTTP client, one set of circuit
 * breakers (one per connection) and one pacing state per account shared by all reads. Thread-safe.
 */
public final class PlatformClients {
    private final Resilience resilience;
    private final Map<Platform, PlatformReader> readers = new EnumMap<>(Platform.class);
    private final MetaClient meta;
    private final ShopifyClient shopify;

    public PlatformClients(PlatformClientsConfig config, Clock clock) {
        this(config, clock, Sleeper.SYSTEM);
    }

    public PlatformClients(PlatformClientsConfig config, Clock clock, Sleeper sleeper) {
        PlatformHttp http = new PlatformHttp(config.requestTimeout());
        this.resilience = new Resilience(config.retry());
        this.meta = new MetaClient(config.meta(), http, resilience, sleeper, clock, config.slowdownPercent(),
                config.retry().maxBackoff());
        this.shopify = new ShopifyClient(config.shopify(), http, resilience, sleeper, clock);
        readers.put(Platform.META, meta);
        readers.put(Platform.GOOGLE, new GoogleAdsClient(config.google(), http, resilience, sleeper, clock));
        readers.put(Platform.TIKTOK, new TikTokClient(config.tiktok(), http, resilience, sleeper, clock));
        readers.put(Platform.SHOPIFY, shopify);
    }

    public static PlatformClients fromEnv(Map<String, String> env) {
        return new PlatformClients(PlatformClientsConfig.fromEnv(env), Clock.systemUTC());
    }

    /** The reader of a platform. */
    public PlatformReader reader(Platform platform) {
        PlatformReader r = readers.get(platform);
        return r;
    }

    public MetaClient meta() {
        return meta;
    }

    public PlatformReader google() {
        return readers.get(Platform.GOOGLE);
    }

    public PlatformReader tiktok() {
        return readers.get(Platform.TIKTOK);
    }

    public ShopifyClient shopify() {
        return shopify;
    }

    /** Circuit breakers by connection (for status pages and tests). */
    public Resilience resilience() {
        return resilience;
    }
}
