package ai.omnify.ingest.tiktok;

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
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TikTok API for Business v1.3: {@code /report/integrated/get/} ({@code BASIC}, {@code AUCTION_AD}, dimensions
 * {@code ad_id} and {@code stat_time_day}) in windows of at most 30 days, paged by {@code page} up to
 * {@code page_info.total_page}, after {@code /advertiser/info/} for currency and time zone. The token goes raw in
 * {@code Access-Token} (no Bearer). Errors come with HTTP 200 and a non-zero {@code code}: 40100 (too many requests)
 * pauses, halves the pace and retries; 40102/40104/40105 (token expired, missing, revoked) are permanent.
 *
 * <p>Resume cursor: JSON {@code {"from","page"}}: the window starting at {@code from}, from page {@code page}.
 */
public final class TikTokClient implements PlatformReader {
    static final Set<Integer> TOKEN_CODES = Set.of(40102, 40104, 40105, 40106, 40107);
    static final Set<Integer> PERMISSION_CODES = Set.of(40001, 40003, 40006);

    private final PlatformClientsConfig.TikTok config;
    private final PlatformHttp http;
    private final Resilience resilience;
    private final Sleeper sleeper;
    private final Clock clock;
    private final TikTokRowParser parser;
    private final Map<String, RequestPacer> pacers = new ConcurrentHashMap<>();

    public TikTokClient(PlatformClientsConfig.TikTok config, PlatformHttp http, Resilience resilience, Sleeper sleeper,
            Clock clock) {
        this.config = config;
        this.http = http;
        this.resilience = resilience;
        this.sleeper = sleeper;
        this.clock = clock;
        this.parser = new TikTokRowParser(config.conversionMetric(), config.valueMetric());
    }

    private final class Call {
        final SyncRequest request;
        final String token;
        final String key;
        final RequestPacer pacer;
        final ReadStats stats = new ReadStats();

        Call(SyncRequest r) throws PlatformException {
            request = r;
            token = Credentials.required(r, "access_token");
            key = Credentials.connectionKey(r);
            pacer = pacers.computeIfAbsent(r.account(), a -> new RequestPacer(config.maxRequestsPerSecond(), 0.1));
        }

        JsonNode get(String path, Map<String, String> params, String what) throws PlatformException {
            URI uri = URI.create(PlatformHttp.trim(config.baseUrl()) + "/open_api/" + config.apiVersion() + path + "?"
                    + PlatformHttp.query(params));
            return resilience.call(key, what, () -> {
                pacer.acquire(sleeper);
                return check(http.send(HttpRequest.newBuilder(uri).header("Access-Token", token).GET(), stats), what);
            });
        }

        private JsonNode check(HttpResponse<String> r, String what) throws RetryableException, PlatformException {
            if (r.statusCode() == 429) {
                stats.throttled();
                pacer.throttled(config.throttlePause());
                throw RetryableException.throttled(what + ": HTTP 429", PlatformHttp.retryAfter(r));
            }
            if (r.statusCode() >= 500) {
                throw RetryableException.of(what + ": HTTP " + r.statusCode());
            }
            JsonNode body = PlatformHttp.parse(r.body(), what);
            int code = body.path("code").asInt(-1);
            String desc = what + ": code " + code + " (" + body.path("message").asText("") + ", request_id "
                    + body.path("request_id").asText("-") + ")";
            if (code == 0) {
                return body.path("data");
            }
            if (code == 40100) {
                stats.throttled();
                pacer.throttled(config.throttlePause());
                throw RetryableException.throttled(desc, config.throttlePause());
            }
            if (TOKEN_CODES.contains(code) || PERMISSION_CODES.contains(code)) {
                throw new PlatformException.Permanent(desc + ": authorize the TikTok connection again", null);
            }
            if (code >= 50000 || r.statusCode() != 200) {
                throw RetryableException.of(desc);
            }
            throw new PlatformException.Transient(desc, null);
        }
    }

    @Override
    public SyncSummary read(SyncRequest request, SyncOutput output) throws PlatformException {
        if (request.from() == null || request.to() == null) {
            throw new IllegalArgumentException("a TikTok read needs from and to dates");
        }
        Call call = new Call(request);
        String advertiser = request.account();
        JsonNode info = call.get("/advertiser/info/", Map.of("advertiser_ids", "[\"" + advertiser + "\"]",
                "fields", "[\"advertiser_id\",\"name\",\"currency\",\"timezone\",\"display_timezone\"]"),
                "TikTok advertiser " + advertiser).path("list").path(0);
        String currency = info.path("currency").asText(null);
        String zone = info.hasNonNull("display_timezone") ? info.get("display_timezone").asText()
                : info.path("timezone").asText(null);
        Map<String, String> resume = cursor(request.resumeCursor());
        LocalDate resumeFrom = resume == null ? null : LocalDate.parse(resume.get("from"));
        String orgId = request.orgId().toString();
        for (DateWindows.Window w : DateWindows.split(request.from(), request.to(), config.chunkDays())) {
            if (resumeFrom != null && w.to().isBefore(resumeFrom)) {
                continue;
            }
            DateWindows.Window window = resumeFrom != null && resumeFrom.isAfter(w.from())
                    ? new DateWindows.Window(resumeFrom, w.to()) : w;
            int page = resumeFrom != null && !resumeFrom.isAfter(w.to()) ? Integer.parseInt(resume.get("page")) : 1;
            resumeFrom = null;
            int totalPages;
            do {
                JsonNode data = call.get("/report/integrated/get/", params(advertiser, window, page),
                        "TikTok report " + window.from() + ".." + window.to() + " page " + page);
                Instant reportedAt = clock.instant();
                int n = 0;
                for (JsonNode row : data.path("list")) {
                    output.insight(parser.parse(row, orgId, advertiser, currency, zone, reportedAt));
                    n++;
                }
                call.stats.rows(n);
                totalPages = data.path("page_info").path("total_page").asInt(page);
                page++;
                boolean lastOfWindow = page > totalPages;
                boolean last = lastOfWindow && !window.to().isBefore(request.to());
                String next = last ? null : lastOfWindow
                        ? "{\"from\":\"" + window.to().plusDays(1) + "\",\"page\":\"1\"}"
                        : "{\"from\":\"" + window.from() + "\",\"page\":\"" + page + "\"}";
                output.pageDone(next, call.stats.page(), null);
            } while (page <= totalPages);
        }
        return call.stats.summary();
    }

    private Map<String, String> params(String advertiser, DateWindows.Window w, int page) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("advertiser_id", advertiser);
        p.put("report_type", "BASIC");
        p.put("service_type", "AUCTION");
        p.put("data_level", "AUCTION_AD");
        p.put("dimensions", "[\"ad_id\",\"stat_time_day\"]");
        p.put("metrics", "[\"campaign_id\",\"campaign_name\",\"ad_name\",\"currency\",\"spend\",\"impressions\","
                + "\"clicks\",\"reach\",\"" + config.conversionMetric() + "\",\"" + config.valueMetric() + "\"]");
        p.put("start_date", w.from().toString());
        p.put("end_date", w.to().toString());
        p.put("page", Integer.toString(page));
        p.put("page_size", Integer.toString(config.pageSize()));
        return p;
    }

    private static Map<String, String> cursor(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            JsonNode n = PlatformHttp.JSON.readTree(s);
            return Map.of("from", n.path("from").asText(), "page", n.path("page").asText("1"));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a TikTok resume cursor: " + s, e);
        }
    }
}
