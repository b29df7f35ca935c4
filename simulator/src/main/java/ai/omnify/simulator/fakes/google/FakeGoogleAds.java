package ai.omnify.simulator.fakes.google;

import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.simulator.brand.AdAccount;
import ai.omnify.simulator.fakes.FakePlatform;
import ai.omnify.simulator.fakes.FakeTruth;
import ai.omnify.simulator.fakes.Faults;
import ai.omnify.simulator.fakes.WindowQuota;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Google Ads API (REST) for the brand's Google Ads customer, under {@code /google}: the OAuth token endpoint
 * ({@code POST /google/token}, refresh-token grant) and {@code POST /google/<version>/customers/<id>/googleAds:searchStream}
 * answering GAQL {@code FROM customer} and {@code FROM ad_group_ad ... WHERE segments.date BETWEEN 'a' AND 'b'} as a
 * JSON array of batches (proto3 JSON: lowerCamelCase, int64 as strings, zero values left out). Checks the bearer token
 * and, when set, {@code login-customer-id}; takes {@code developer-token} or none. Over the allowance: 429
 * RESOURCE_EXHAUSTED with {@code retryDelay}.
 */
public final class FakeGoogleAds extends FakePlatform {
    public static final String CLIENT_ID = "fake-client-id";
    public static final String CLIENT_SECRET = "fake-client-secret";
    public static final String REFRESH_TOKEN = "1//fake-refresh-token";
    public static final String MANAGER_ID = "9876543210";
    private static final Pattern FROM = Pattern.compile("(?i)\\bFROM\\s+(\\w+)");
    private static final Pattern BETWEEN = Pattern.compile(
            "(?i)segments\\.date\\s+BETWEEN\\s+'(\\d{4}-\\d{2}-\\d{2})'\\s+AND\\s+'(\\d{4}-\\d{2}-\\d{2})'");

    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private volatile boolean refreshRevoked;
    private volatile String lastDeveloperToken;
    private volatile int batchSize = 1000;
    private volatile long expiresIn = 3599;

    public FakeGoogleAds(FakeTruth truth, Clock clock) {
        super(truth, clock);
    }

    @Override
    public String name() {
        return "google";
    }

    public void batchSize(int n) {
        batchSize = n;
    }

    /** Every access token issued so far stops working (the refresh token still works). */
    public void expireAccessTokens() {
        accessTokens.clear();
    }

    /** The {@code developer-token} header of the last searchStream request (null when it had none). */
    public String lastDeveloperToken() {
        return lastDeveloperToken;
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    private AdAccount account() {
        return truth.account(Platform.GOOGLE);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/google/token", this::token);
        routes.post("/google/{version}/customers/{customer}/{method}", this::search);
    }

    private void token(Context ctx) {
        tokenRequests.incrementAndGet();
        if (!"refresh_token".equals(ctx.formParam("grant_type"))) {
            json(ctx, 400, Map.of("error", "unsupported_grant_type"));
            return;
        }
        if (!CLIENT_ID.equals(ctx.formParam("client_id")) || !CLIENT_SECRET.equals(ctx.formParam("client_secret"))) {
            json(ctx, 401, Map.of("error", "invalid_client", "error_description", "The OAuth client was not found."));
            return;
        }
        if (refreshRevoked || !REFRESH_TOKEN.equals(ctx.formParam("refresh_token"))) {
            json(ctx, 400, Map.of("error", "invalid_grant", "error_description", "Token has been expired or revoked."));
            return;
        }
        String t = "ya29.fake-" + UUID.randomUUID();
        accessTokens.add(t);
        json(ctx, 200, Map.of("access_token", t, "expires_in", expiresIn, "scope",
                "https://www.googleapis.com/auth/adwords", "token_type", "Bearer"));
    }

    private void search(Context ctx) {
        stats.request();
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        ctx.header("request-id", requestId);
        WindowQuota.Use use = quota.take();
        Faults.Fault f = faults.onRequest();
        delay(f);
        if (!"googleAds:searchStream".equals(ctx.pathParam("method"))) {
            error(ctx, 404, "NOT_FOUND", "requestError", "UNKNOWN", "no such method " + ctx.pathParam("method"), null);
            return;
        }
        lastDeveloperToken = ctx.header("developer-token");
        String auth = ctx.header("Authorization");
        if (f != null && f.mode() == Faults.Mode.EXPIRED_TOKEN) {
            refreshRevoked = true;
            accessTokens.clear();
        }
        if (auth == null || !auth.startsWith("Bearer ") || !accessTokens.contains(auth.substring(7))) {
            stats.authFailed();
            error(ctx, 401, "UNAUTHENTICATED", "authenticationError", "OAUTH_TOKEN_INVALID",
                    "Request had invalid authentication credentials.", null);
            return;
        }
        if (!MANAGER_ID.equals(ctx.header("login-customer-id"))
                || !account().accountId().equals(ctx.pathParam("customer"))) {
            error(ctx, 403, "PERMISSION_DENIED", "authorizationError", "USER_PERMISSION_DENIED",
                    "User doesn't have permission to access customer. Note: If you're accessing a client customer, "
                            + "the manager's customer id must be set in the 'login-customer-id' header.", null);
            return;
        }
        if (!use.allowed() || f != null && f.mode() == Faults.Mode.THROTTLE) {
            if (use.allowed()) {
                stats.faultRefused();
            } else {
                stats.quotaRefused();
            }
            long ms = use.allowed() ? 50 : use.resetInMillis();
            error(ctx, 429, "RESOURCE_EXHAUSTED", "quotaError", "RESOURCE_TEMPORARILY_EXHAUSTED",
                    "Too many requests. Retry in " + ms + " ms.", String.format("%.3fs", ms / 1000.0));
            return;
        }
        if (f != null && f.mode() == Faults.Mode.ERROR_5XX) {
            error(ctx, 503, "UNAVAILABLE", "internalError", "TRANSIENT_ERROR", "The service is unavailable.", null);
            return;
        }
        JsonNode body = readJson(ctx.body());
        String gaql = body == null ? null : body.path("query").asText(null);
        Matcher from = gaql == null ? null : FROM.matcher(gaql);
        if (from == null || !from.find()) {
            error(ctx, 400, "INVALID_ARGUMENT", "queryError", "PROHIBITED_RESOURCE_TYPE_IN_FROM_CLAUSE",
                    "send {\"query\": \"SELECT ... FROM customer|ad_group_ad ...\"}", null);
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        String mask;
        if (from.group(1).equalsIgnoreCase("customer")) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("resourceName", "customers/" + account().accountId());
            c.put("id", account().accountId());
            c.put("currencyCode", account().currency());
            c.put("timeZone", account().zone().getId());
            c.put("descriptiveName", account().name());
            rows.add(Map.of("customer", c));
            mask = "customer.id,customer.currencyCode,customer.timeZone,customer.descriptiveName";
        } else if (from.group(1).equalsIgnoreCase("ad_group_ad")) {
            Matcher between = BETWEEN.matcher(gaql);
            if (!between.find()) {
                error(ctx, 400, "INVALID_ARGUMENT", "queryError", "EXPECTED_FILTERS_ON_DATE_RANGE",
                        "segments.date BETWEEN 'YYYY-MM-DD' AND 'YYYY-MM-DD' is required", null);
                return;
            }
            for (AdInsight r : truth.insights(Platform.GOOGLE, LocalDate.parse(between.group(1)),
                    LocalDate.parse(between.group(2)))) {
                rows.add(row(r));
            }
            mask = "campaign.id,campaign.name,adGroup.id,adGroupAd.ad.id,adGroupAd.ad.name,segments.date,"
                    + "metrics.costMicros,metrics.impressions,metrics.clicks,metrics.conversions,"
                    + "metrics.conversionsValue";
        } else {
            error(ctx, 400, "INVALID_ARGUMENT", "queryError", "PROHIBITED_RESOURCE_TYPE_IN_FROM_CLAUSE",
                    "this fake serves FROM customer and FROM ad_group_ad", null);
            return;
        }
        List<Map<String, Object>> batches = new ArrayList<>();
        for (int i = 0; i < rows.size() || i == 0; i += batchSize) {
            Map<String, Object> batch = new LinkedHashMap<>();
            if (!rows.isEmpty()) {
                batch.put("results", rows.subList(i, Math.min(rows.size(), i + batchSize)));
            }
            batch.put("fieldMask", mask);
            batch.put("requestId", requestId);
            batches.add(batch);
        }
        batches.get(batches.size() - 1).put("queryResourceConsumption", Integer.toString(rows.size() * 3));
        if (f != null && f.mode() == Faults.Mode.MALFORMED) {
            malformed(ctx, batches);
        } else {
            json(ctx, 200, batches);
        }
    }

    private Map<String, Object> row(AdInsight r) {
        String cid = account().accountId();
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("resourceName", "customers/" + cid + "/campaigns/" + r.campaignId());
        campaign.put("id", r.campaignId());
        campaign.put("name", r.campaignName());
        String adGroupId = "8" + r.campaignId();
        Map<String, Object> ad = new LinkedHashMap<>();
        ad.put("resourceName", "customers/" + cid + "/ads/" + r.adId());
        ad.put("id", r.adId());
        ad.put("name", r.adName());
        Map<String, Object> metrics = new LinkedHashMap<>();
        long micros = r.spend().movePointRight(6).longValueExact();
        if (micros != 0) {
            metrics.put("costMicros", Long.toString(micros));
        }
        if (r.impressions() != 0) {
            metrics.put("impressions", Long.toString(r.impressions()));
        }
        if (r.clicks() != 0) {
            metrics.put("clicks", Long.toString(r.clicks()));
        }
        if (r.conversions().signum() != 0) {
            metrics.put("conversions", r.conversions());
        }
        if (r.conversionValue().signum() != 0) {
            metrics.put("conversionsValue", r.conversionValue());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("campaign", campaign);
        m.put("adGroup", Map.of("resourceName", "customers/" + cid + "/adGroups/" + adGroupId, "id", adGroupId));
        m.put("adGroupAd", Map.of("resourceName", "customers/" + cid + "/adGroupAds/" + adGroupId + "~" + r.adId(),
                "ad", ad));
        m.put("segments", Map.of("date", r.date().toString()));
        m.put("metrics", metrics);
        return m;
    }

    private static void error(Context ctx, int http, String status, String category, String code, String message,
            String retryDelay) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("errorCode", Map.of(category, code));
        e.put("message", message);
        if (retryDelay != null) {
            e.put("details", Map.of("quotaErrorDetails", Map.of("rateScope", "ACCOUNT", "rateName",
                    "Number of requests", "retryDelay", retryDelay)));
        }
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("@type", "type.googleapis.com/google.ads.googleads.v21.errors.GoogleAdsFailure");
        failure.put("errors", List.of(e));
        failure.put("requestId", ctx.res().getHeader("request-id"));
        json(ctx, http, Map.of("error", Map.of("code", http, "message", message, "status", status,
                "details", List.of(failure))));
    }

}
