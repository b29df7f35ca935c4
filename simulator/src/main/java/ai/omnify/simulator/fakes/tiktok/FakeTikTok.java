package ai.omnify.simulator.fakes.tiktok;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fake TikTok API for Business v1.3 for the brand's advertiser, under {@code /tiktok/open_api/v1.3}:
 * {@code /advertiser/info/} and {@code /report/integrated/get/} ({@code AUCTION_AD} by {@code ad_id} and
 * {@code stat_time_day}, at most 30 days, paged by {@code page}/{@code page_size}). {@code Access-Token} holds the raw
 * token (a {@code Bearer } prefix gets 40105). Errors come with HTTP 200 and a code: 40100 too many requests, 40105
 * token revoked, 40002 bad parameters.
 */
public final class FakeTikTok extends FakePlatform {
    public static final String TOKEN = "tiktok-fake-access-token";
    public static final String VALUE_METRIC = "total_complete_payment_rate";
    public static final String CONVERSION_METRIC = "complete_payment";

    public FakeTikTok(FakeTruth truth, Clock clock) {
        super(truth, clock);
    }

    @Override
    public String name() {
        return "tiktok";
    }

    private AdAccount account() {
        return truth.account(Platform.TIKTOK);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/tiktok/open_api/{version}/advertiser/info/", ctx -> handle(ctx, true));
        routes.get("/tiktok/open_api/{version}/report/integrated/get/", ctx -> handle(ctx, false));
    }

    private void handle(Context ctx, boolean info) {
        stats.request();
        WindowQuota.Use use = quota.take();
        Faults.Fault f = faults.onRequest();
        delay(f);
        String token = ctx.header("Access-Token");
        if (token == null || token.isBlank()) {
            stats.authFailed();
            answer(ctx, 40104, "Access token is null.", null);
            return;
        }
        if (token.startsWith("Bearer ") || !token.equals(TOKEN) || f != null && f.mode() == Faults.Mode.EXPIRED_TOKEN) {
            stats.authFailed();
            answer(ctx, 40105, "The access token is incorrect or has been revoked.", null);
            return;
        }
        if (!use.allowed()) {
            stats.quotaRefused();
            answer(ctx, 40100, "Too many requests. Please retry in some time.", null);
            return;
        }
        if (f != null && f.mode() == Faults.Mode.THROTTLE) {
            stats.faultRefused();
            answer(ctx, 40100, "Too many requests. Please retry in some time.", null);
            return;
        }
        if (f != null && f.mode() == Faults.Mode.ERROR_5XX) {
            ctx.status(500).contentType("text/html").result("<html><body>502 Bad Gateway</body></html>");
            return;
        }
        Map<String, Object> data = info ? info(ctx) : report(ctx);
        if (data == null) {
            return;
        }
        Map<String, Object> body = envelope(0, "OK", data);
        if (f != null && f.mode() == Faults.Mode.MALFORMED) {
            malformed(ctx, body);
        } else {
            json(ctx, 200, body);
        }
    }

    private static Map<String, Object> envelope(int code, String message, Object data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("message", message);
        m.put("request_id", UUID.randomUUID().toString().replace("-", ""));
        m.put("data", data == null ? Map.of() : data);
        return m;
    }

    private static void answer(Context ctx, int code, String message, Object data) {
        json(ctx, 200, envelope(code, message, data));
    }

    private Map<String, Object> info(Context ctx) {
        JsonNode ids = readJson(ctx.queryParam("advertiser_ids"));
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            answer(ctx, 40002, "advertiser_ids: must be a JSON array of advertiser ids", null);
            return null;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (JsonNode id : ids) {
            if (id.asText().equals(account().accountId())) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("advertiser_id", account().accountId());
                a.put("name", account().name());
                a.put("currency", account().currency());
                a.put("timezone", "Etc/GMT");
                a.put("display_timezone", account().zone().getId());
                list.add(a);
            }
        }
        if (list.isEmpty()) {
            answer(ctx, 40001, "No permission to operate advertiser " + ids, null);
            return null;
        }
        return Map.of("list", list);
    }

    private Map<String, Object> report(Context ctx) {
        if (!account().accountId().equals(ctx.queryParam("advertiser_id"))) {
            answer(ctx, 40001, "No permission to operate advertiser " + ctx.queryParam("advertiser_id"), null);
            return null;
        }
        JsonNode dims = readJson(ctx.queryParam("dimensions"));
        if (!"AUCTION_AD".equals(ctx.queryParam("data_level")) || dims == null || !dims.toString().contains("ad_id")
                || !dims.toString().contains("stat_time_day")) {
            answer(ctx, 40002, "This fake serves data_level=AUCTION_AD with dimensions [\"ad_id\",\"stat_time_day\"]",
                    null);
            return null;
        }
        LocalDate start;
        LocalDate end;
        try {
            start = LocalDate.parse(ctx.queryParam("start_date"));
            end = LocalDate.parse(ctx.queryParam("end_date"));
        } catch (RuntimeException e) {
            answer(ctx, 40002, "start_date and end_date must be YYYY-MM-DD", null);
            return null;
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > 30) {
            answer(ctx, 40002, "The time span between start_date and end_date cannot exceed 30 days.", null);
            return null;
        }
        int page = parse(ctx.queryParam("page"), 1);
        int size = parse(ctx.queryParam("page_size"), 10);
        if (size < 1 || size > 1000 || page < 1) {
            answer(ctx, 40002, "page_size must be within 1..1000 and page at least 1", null);
            return null;
        }
        List<AdInsight> rows = truth.insights(Platform.TIKTOK, start, end);
        int from = Math.min(rows.size(), (page - 1) * size);
        int to = Math.min(rows.size(), from + size);
        List<Map<String, Object>> list = new ArrayList<>();
        for (AdInsight r : rows.subList(from, to)) {
            list.add(row(r));
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("page", page);
        pageInfo.put("page_size", size);
        pageInfo.put("total_number", rows.size());
        pageInfo.put("total_page", (rows.size() + size - 1) / size);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("list", list);
        data.put("page_info", pageInfo);
        return data;
    }

    private static int parse(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, Object> row(AdInsight r) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("campaign_id", r.campaignId());
        metrics.put("campaign_name", r.campaignName());
        metrics.put("ad_name", r.adName());
        metrics.put("currency", r.currency());
        metrics.put("spend", r.spend().toPlainString());
        metrics.put("impressions", Long.toString(r.impressions()));
        metrics.put("clicks", Long.toString(r.clicks()));
        metrics.put("reach", r.reach() == null ? "-" : Long.toString(r.reach()));
        metrics.put(CONVERSION_METRIC, r.conversions().toPlainString());
        metrics.put(VALUE_METRIC, r.conversionValue().toPlainString());
        metrics.put("ctr", r.impressions() == 0 ? "0.00" : BigDecimal.valueOf(r.clicks() * 100.0 / r.impressions())
                .setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
        return Map.of("dimensions", Map.of("ad_id", r.adId(), "stat_time_day", r.date() + " 00:00:00"),
                "metrics", metrics);
    }
}
