package ai.omnify.ingest.platform;

import ai.omnify.config.Env;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the platform clients, from environment variables with defaults for the real platforms. Every base
 * URL can point at a fake ({@code META_API_BASE_URL}, {@code GOOGLE_ADS_API_BASE_URL}, {@code GOOGLE_OAUTH_TOKEN_URL},
 * {@code TIKTOK_API_BASE_URL}, {@code SHOPIFY_API_BASE_URL}); API versions are configuration, never constants.
 */
public record PlatformClientsConfig(
        Meta meta,
        Google google,
        TikTok tiktok,
        Shopify shopify,
        RetrySettings retry,
        Duration requestTimeout,
        int slowdownPercent) {

    /**
     * @param attributionWindows sent as {@code action_attribution_windows}: the numbers match Ads Manager with this
     *     setting
     * @param purchaseActionType the one action type counted as a purchase (several types carry the same number: pick
     *     one, never sum)
     * @param asyncMinDays ranges at least this long go through an async report run
     * @param chunkDays sync requests (and the fallback when an async run fails or times out) cover at most this many days
     */
    public record Meta(String baseUrl, String apiVersion, List<String> attributionWindows, String purchaseActionType,
            int pageSize, int asyncMinDays, int chunkDays, Duration asyncTimeout, Duration asyncPollInitial,
            Duration asyncPollMax) {}

    /** @param developerToken sent as {@code developer-token} only when set (the header is being retired) */
    public record Google(String baseUrl, String apiVersion, String oauthTokenUrl, String clientId, String clientSecret,
            String developerToken, int chunkDays, double maxRequestsPerSecond) {}

    /** @param valueMetric the metric read as purchase value (names vary: keep it configurable) */
    public record TikTok(String baseUrl, String apiVersion, int pageSize, int chunkDays, double maxRequestsPerSecond,
            Duration throttlePause, String conversionMetric, String valueMetric) {}

    /**
     * @param baseUrl blank: {@code https://<shop domain>}
     * @param bulkMinDays a read of orders updated this many days back or more (or of all orders) runs as a bulk
     *     operation; 0 turns bulk operations off
     * @param bulkLinesPerPage {@code SHOPIFY_BULK_LINES_PER_PAGE} (250): the bulk result's lines are handed over in
     *     pages of this many, each page's position stored after Kafka acknowledged it, so a stopped download resumes
     */
    public record Shopify(String baseUrl, String apiVersion, int pageSize, int bulkMinDays, Duration bulkTimeout,
            Duration bulkPollInitial, int bulkLinesPerPage) {}

    /**
     * @param maxWait a platform asking to wait longer than this fails the read as transient (the scheduler tries again
     *     later) instead of holding a thread
     */
    public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxWait,
            float breakerFailurePercent, int breakerWindow, Duration breakerOpen) {}

    public PlatformClientsConfig {
        if (slowdownPercent < 1 || slowdownPercent > 100) {
            throw new IllegalArgumentException("PLATFORM_SLOWDOWN_PERCENT must be within 1..100, was " + slowdownPercent);
        }
    }

    public static PlatformClientsConfig fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        Meta meta = new Meta(
                url(env, "META_API_BASE_URL", "https://graph.facebook.com"),
                env.string("META_API_VERSION", "v25.0"),
                list(env.string("META_ATTRIBUTION_WINDOWS", "7d_click,1d_view")),
                env.string("META_PURCHASE_ACTION_TYPE", "omni_purchase"),
                env.integer("META_PAGE_SIZE", 500, 1, 5000),
                env.integer("META_ASYNC_MIN_DAYS", 14, 1, 10_000),
                env.integer("META_CHUNK_DAYS", 7, 1, 90),
                env.duration("META_ASYNC_TIMEOUT", Duration.ofMinutes(15)),
                env.duration("META_ASYNC_POLL_INITIAL", Duration.ofSeconds(5)),
                env.duration("META_ASYNC_POLL_MAX", Duration.ofSeconds(60)));
        Google google = new Google(
                url(env, "GOOGLE_ADS_API_BASE_URL", "https://googleads.googleapis.com"),
                env.string("GOOGLE_ADS_API_VERSION", "v21"),
                url(env, "GOOGLE_OAUTH_TOKEN_URL", "https://oauth2.googleapis.com/token"),
                env.string("GOOGLE_ADS_CLIENT_ID", ""),
                env.string("GOOGLE_ADS_CLIENT_SECRET", ""),
                env.string("GOOGLE_ADS_DEVELOPER_TOKEN", ""),
                env.integer("GOOGLE_ADS_CHUNK_DAYS", 30, 1, 366),
                env.integer("GOOGLE_ADS_MAX_RPS", 5, 1, 1000));
        TikTok tiktok = new TikTok(
                url(env, "TIKTOK_API_BASE_URL", "https://business-api.tiktok.com"),
                env.string("TIKTOK_API_VERSION", "v1.3"),
                env.integer("TIKTOK_PAGE_SIZE", 1000, 1, 1000),
                env.integer("TIKTOK_CHUNK_DAYS", 30, 1, 30),
                env.integer("TIKTOK_MAX_RPS", 5, 1, 1000),
                env.duration("TIKTOK_THROTTLE_PAUSE", Duration.ofSeconds(1)),
                env.string("TIKTOK_CONVERSION_METRIC", "complete_payment"),
                env.string("TIKTOK_VALUE_METRIC", "total_complete_payment_rate"));
        Shopify shopify = new Shopify(
                env.string("SHOPIFY_API_BASE_URL", "").isEmpty() ? "" : url(env, "SHOPIFY_API_BASE_URL", ""),
                env.string("SHOPIFY_API_VERSION", "2025-10"),
                env.integer("SHOPIFY_PAGE_SIZE", 100, 1, 250),
                env.integer("SHOPIFY_BULK_MIN_DAYS", 30, 0, 100_000),
                env.duration("SHOPIFY_BULK_TIMEOUT", Duration.ofMinutes(30)),
                env.duration("SHOPIFY_BULK_POLL_INITIAL", Duration.ofSeconds(2)),
                env.integer("SHOPIFY_BULK_LINES_PER_PAGE", 250, 1, 1_000_000));
        RetrySettings retry = new RetrySettings(
                env.integer("PLATFORM_RETRY_MAX_ATTEMPTS", 6, 1, 100),
                env.duration("PLATFORM_RETRY_INITIAL", Duration.ofMillis(500)),
                env.duration("PLATFORM_RETRY_MAX", Duration.ofSeconds(60)),
                env.duration("PLATFORM_MAX_WAIT", Duration.ofMinutes(15)),
                env.integer("PLATFORM_BREAKER_FAILURE_PERCENT", 50, 1, 100),
                env.integer("PLATFORM_BREAKER_WINDOW", 4, 1, 1000),
                env.duration("PLATFORM_BREAKER_OPEN", Duration.ofMinutes(5)));
        return new PlatformClientsConfig(meta, google, tiktok, shopify, retry,
                env.duration("PLATFORM_REQUEST_TIMEOUT", Duration.ofSeconds(60)),
                env.integer("PLATFORM_SLOWDOWN_PERCENT", 75, 1, 100));
    }

    /** A base URL: http(s), else an error naming the variable. */
    private static String url(Env env, String name, String fallback) {
        String u = env.uri(name, fallback).toString();
        if (!u.startsWith("http://") && !u.startsWith("https://")) {
            throw new Env.ConfigException(name + "=" + u + " is not an http(s) URL (e.g. http://127.0.0.1:7072/meta)");
        }
        return u;
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
