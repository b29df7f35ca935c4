package ai.omnify.ingest.google;

import ai.omnify.ingest.platform.Credentials;
import ai.omnify.ingest.platform.DateWindows;
import ai.omnify.ingest.platform.PlatformClientsConfig;
import ai.omnify.ingest.platform.PlatformHttp;
import ai.omnify.ingest.platform.ReadStats;
import ai.omnify.ingest.platform.RequestPacer;
import ai.omnify.ingest.platform.Resilience;
import ai.omnify.ingest.platform.RetryableException;
import ai.omnify.ingest.platform.Sleeper;
import ai.omnify.ingest.sync.PlatformException;
import ai.omnify.ingest.sync.PlatformReader;
import ai.omnify.ingest.sync.SyncOutput;
import ai.omnify.ingest.sync.SyncRequest;
import ai.omnify.ingest.sync.SyncSummary;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Google Ads API (REST): {@code googleAds:searchStream} with GAQL for ad-level daily metrics, one query per date
 * window (the answer is a JSON array of batches, no paging), after reading the customer's currency and time zone.
 * OAuth: the refresh token is exchanged for an access token, cached until a minute before it expires; a 401 drops it
 * and the retry gets a new one; {@code invalid_grant} is permanent. Headers: {@code login-customer-id} when the
 * connection goes through a manager account, {@code developer-token} only when one is configured. Requests are spaced
 * per customer; RESOURCE_EXHAUSTED waits its {@code retryDelay} and halves the pace.
 *
 * <p>Resume cursor: JSON {@code {"from"}}: the first day of the next window to read.
 */
public final class GoogleAdsClient implements PlatformReader {
    private record Token(String value, Instant expiresAt) {}

    private final PlatformClientsConfig.Google config;
    private final PlatformHttp http;
    private final Resilience resilience;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, RequestPacer> pacers = new ConcurrentHashMap<>();

    public GoogleAdsClient(PlatformClientsConfig.Google config, PlatformHttp http, Resilience resilience,
            Sleeper sleeper, Clock clock) {
        this.config = config;
        this.http = http;
        this.resilience = resilience;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    private final class Call {
        final SyncRequest request;
        final String key;
        final String customerId;
        final String refreshToken;
        final String clientId;
        final String clientSecret;
        final String developerToken;
        final String loginCustomerId;
        final RequestPacer pacer;
        final ReadStats stats = new ReadStats();
        int unauthorizedInARow;

        Call(SyncRequest r) throws PlatformException {
            request = r;
            key = Credentials.connectionKey(r);
            customerId = r.account().replace("-", "");
            refreshToken = Credentials.required(r, "refresh_token");
            clientId = Credentials.optional(r, "client_id", config.clientId());
            clientSecret = Credentials.optional(r, "client_secret", config.clientSecret());
            developerToken = Credentials.optional(r, "developer_token", config.developerToken());
            String login = Credentials.optional(r, "login_customer_id", null);
            loginCustomerId = login == null ? null : login.replace("-", "");
            pacer = pacers.computeIfAbsent(customerId, c -> new RequestPacer(config.maxRequestsPerSecond(), 0.05));
        }

        String tokenKey() {
            return key + ":" + Integer.toHexString(refreshToken.hashCode());
        }

        /** A valid access token, from the cache or a refresh-token exchange. */
        String accessToken() throws PlatformException, RetryableException, InterruptedException {
            Token t = tokens.get(tokenKey());
            if (t != null && t.expiresAt().isAfter(clock.instant().plusSeconds(60))) {
                return t.value();
            }
            String form = PlatformHttp.query(map("grant_type", "refresh_token", "client_id", clientId,
                    "client_secret", clientSecret, "refresh_token", refreshToken));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(config.oauthTokenUrl()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)), stats);
            if (r.statusCode() == 429 || r.statusCode() >= 500) {
                throw new RetryableException("Google OAuth token exchange: HTTP " + r.statusCode(),
                        PlatformHttp.retryAfter(r), r.statusCode() == 429, null);
            }
            JsonNode body = PlatformHttp.parse(r.body(), "Google OAuth token exchange");
            if (r.statusCode() != 200 || !body.hasNonNull("access_token")) {
                String error = body.path("error").asText("HTTP " + r.statusCode());
                throw new PlatformException.Permanent("Google OAuth token exchange refused: " + error + " ("
                        + body.path("error_description").asText("") + "): connect the Google Ads account again", null);
            }
            Token fresh = new Token(body.get("access_token").asText(),
                    clock.instant().plusSeconds(body.path("expires_in").asLong(3599)));
            tokens.put(tokenKey(), fresh);
            return fresh.value();
        }

        /** Runs one GAQL query through searchStream; the rows of every batch. */
        List<JsonNode> search(String gaql, String what) throws PlatformException {
            return resilience.call(key, what, () -> {
                pacer.acquire(sleeper);
                String token = accessToken();
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(PlatformHttp.trim(config.baseUrl()) + "/"
                                + config.apiVersion() + "/customers/" + customerId + "/googleAds:searchStream"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(PlatformHttp.JSON.createObjectNode()
                                .put("query", gaql).toString()));
                if (loginCustomerId != null) {
                    b.header("login-customer-id", loginCustomerId);
                }
                if (developerToken != null && !developerToken.isBlank()) {
                    b.header("developer-token", developerToken);
                }
                List<JsonNode> rows = GoogleResponses.rows(http.send(b, stats), what, stats, pacer, () -> {
                    tokens.remove(tokenKey());
                    return ++unauthorizedInARow;
                });
                unauthorizedInARow = 0;
                return rows;
            });
        }
    }

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static String adQuery(LocalDate from, LocalDate to) {
        return "SELECT campaign.id, campaign.name, ad_group.id, ad_group_ad.ad.id, ad_group_ad.ad.name, segments.date, "
                + "metrics.cost_micros, metrics.impressions, metrics.clicks, metrics.conversions, "
                + "metrics.conversions_value FROM ad_group_ad WHERE segments.date BETWEEN '" + from + "' AND '" + to
                + "' ORDER BY segments.date";
    }

    @Override
    public SyncSummary read(SyncRequest request, SyncOutput output) throws PlatformException {
        if (request.from() == null || request.to() == null) {
            throw new IllegalArgumentException("a Google Ads read needs from and to dates");
        }
        Call call = new Call(request);
        List<JsonNode> customer = call.search("SELECT customer.id, customer.currency_code, customer.time_zone, "
                + "customer.descriptive_name FROM customer", "Google Ads customer " + call.customerId);
        if (customer.isEmpty()) {
            throw new PlatformException.Permanent("Google Ads customer " + call.customerId + " not visible to this "
                    + "connection", null);
        }
        String currency = customer.get(0).path("customer").path("currencyCode").asText(null);
        String zone = customer.get(0).path("customer").path("timeZone").asText(null);
        LocalDate resume = resumeFrom(request.resumeCursor());
        List<DateWindows.Window> windows = DateWindows.split(request.from(), request.to(), config.chunkDays());
        String orgId = request.orgId().toString();
        int done = 0;
        for (int i = 0; i < windows.size(); i++) {
            DateWindows.Window w = windows.get(i);
            if (resume != null && w.to().isBefore(resume)) {
                done++;
                continue;
            }
            LocalDate from = resume != null && resume.isAfter(w.from()) ? resume : w.from();
            List<JsonNode> rows = call.search(adQuery(from, w.to()), "Google Ads ad metrics " + from + ".." + w.to());
            Instant reportedAt = clock.instant();
            for (JsonNode row : rows) {
                output.insight(GoogleRowParser.parse(row, orgId, request.account(), currency, zone, reportedAt));
            }
            call.stats.rows(rows.size());
            call.stats.page();
            done++;
            String next = i + 1 < windows.size() ? "{\"from\":\"" + windows.get(i + 1).from() + "\"}" : null;
            output.pageDone(next, done, windows.size());
        }
        return call.stats.summary();
    }

    private static LocalDate resumeFrom(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(PlatformHttp.JSON.readTree(cursor).path("from").asText());
        } catch (Exception e) {
            throw new IllegalArgumentException("not a Google Ads resume cursor: " + cursor, e);
        }
    }

    /** How many access-token exchanges are cached (for tests). */
    int cachedTokens() {
        return tokens.size();
    }

    static Duration parseDuration(String s) {
        return GoogleResponses.parseDuration(s);
    }
}
