package ai.omnify.simulator.fakes.meta;

import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.simulator.brand.Ad;
import ai.omnify.simulator.brand.AdAccount;
import ai.omnify.simulator.brand.Campaign;
import ai.omnify.simulator.fakes.FakePlatform;
import ai.omnify.simulator.fakes.FakeTruth;
import ai.omnify.simulator.fakes.Faults;
import ai.omnify.simulator.fakes.WindowQuota;
import ai.omnify.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake Graph API (Marketing API) for the brand's Meta ad account, under {@code /meta/<version>/...}: the account
 * node, {@code /insights} (sync GET with cursor paging; async POST creating a report run, polled at
 * {@code /<run id>}, its rows at {@code /<run id>/insights}), {@code /campaigns}, {@code /adsets}, {@code /ads}.
 * Numbers as strings; usage headers ({@code X-Business-Use-Case-Usage}, {@code X-Ad-Account-Usage}) on every answer;
 * over the allowance error 80000 with HTTP 400; token errors 190.
 */
public final class FakeMeta extends FakePlatform {
    public static final String TOKEN = "meta-test-token";
    private static final DateTimeFormatter META_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private record Run(String id, LocalDate since, LocalDate until, boolean fail, boolean stuck, int[] polls) {}

    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final AtomicLong runIds = new AtomicLong(6023920149050L);
    private volatile int pollsToComplete = 2;
    private volatile String token = TOKEN;

    public FakeMeta(FakeTruth truth, Clock clock) {
        super(truth, clock);
    }

    @Override
    public String name() {
        return "meta";
    }

    /** How many status polls an async run takes to complete. */
    public void pollsToComplete(int n) {
        pollsToComplete = n;
    }

    public void token(String t) {
        token = t;
    }

    private AdAccount account() {
        return truth.account(Platform.META);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/meta/{version}/{node}", ctx -> handle(ctx, () -> node(ctx)));
        routes.get("/meta/{version}/{node}/{edge}", ctx -> handle(ctx, () -> edge(ctx)));
        routes.post("/meta/{version}/{node}/insights", ctx -> handle(ctx, () -> createRun(ctx)));
    }

    private interface Answer {
        void run() throws Exception;
    }

    /** Auth, allowance, faults, usage headers; then the answer. */
    private void handle(Context ctx, Answer answer) throws Exception {
        stats.request();
        WindowQuota.Use use = quota.take();
        usageHeaders(ctx, use);
        Faults.Fault f = faults.onRequest();
        delay(f);
        String given = token(ctx);
        if (given == null) {
            stats.authFailed();
            error(ctx, 400, 104, 0, "An access token is required to request this resource.", false);
            return;
        }
        if (f != null && f.mode() == Faults.Mode.EXPIRED_TOKEN) {
            stats.authFailed();
            error(ctx, 400, 190, 463, "Error validating access token: Session has expired on Thursday, 26-Nov-26 "
                    + "01:00:00 PST.", false);
            return;
        }
        if (!given.equals(token)) {
            stats.authFailed();
            error(ctx, 400, 190, 0, "Invalid OAuth access token - Cannot parse access token", false);
            return;
        }
        if (!use.allowed()) {
            stats.quotaRefused();
            error(ctx, 400, 80000, 2446079, "There have been too many calls from this ad-account. Wait a bit and try "
                    + "again.", true);
            return;
        }
        if (f != null && f.mode() == Faults.Mode.THROTTLE) {
            stats.faultRefused();
            error(ctx, 400, 17, 2446079, "User request limit reached", true);
            return;
        }
        if (f != null && f.mode() == Faults.Mode.ERROR_5XX) {
            error(ctx, 500, 2, 0, "An unexpected error has occurred. Please retry your request later.", true);
            return;
        }
        if (f != null && f.mode() == Faults.Mode.MALFORMED) {
            ctx.attribute("malformed", true);
        }
        answer.run();
    }

    private void usageHeaders(Context ctx, WindowQuota.Use use) {
        int pct = (int) Math.min(100, Math.round(use.percent()));
        String numeric = account().accountId().substring("act_".length());
        Map<String, Object> buc = new LinkedHashMap<>();
        buc.put("type", "ads_insights");
        buc.put("call_count", pct);
        buc.put("total_cputime", pct / 2);
        buc.put("total_time", pct / 2);
        buc.put("estimated_time_to_regain_access", use.allowed() ? 0 : use.resetInMillis() / 60_000);
        buc.put("ads_api_access_tier", "standard_access");
        ctx.header("X-Business-Use-Case-Usage", Json.write(Map.of(numeric, List.of(buc))));
        ctx.header("X-Ad-Account-Usage", "{\"acc_id_util_pct\":" + pct + ",\"reset_time_duration\":"
                + (use.resetInMillis() + 999) / 1000 + ",\"ads_api_access_tier\":\"standard_access\"}");
    }

    private static String token(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.startsWith("Bearer ")) {
            return auth.substring(7).trim();
        }
        String q = ctx.queryParam("access_token");
        if (q == null && "POST".equals(ctx.method().name())) {
            q = ctx.formParam("access_token");
        }
        return q;
    }

    private static void error(Context ctx, int status, int code, int subcode, String message, boolean transientError) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message);
        e.put("type", "OAuthException");
        e.put("code", code);
        if (subcode != 0) {
            e.put("error_subcode", subcode);
        }
        e.put("is_transient", transientError);
        e.put("fbtrace_id", "AFake" + Long.toHexString(System.nanoTime()));
        json(ctx, status, Map.of("error", e));
    }

    private void node(Context ctx) {
        String node = ctx.pathParam("node");
        if (node.equals(account().accountId())) {
            AdAccount a = account();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.accountId());
            m.put("account_id", a.accountId().substring(4));
            m.put("name", a.name());
            m.put("currency", a.currency());
            m.put("timezone_name", a.zone().getId());
            json(ctx, 200, m);
            return;
        }
        Run run = runs.get(node);
        if (run == null) {
            unknown(ctx, node);
            return;
        }
        int polls = ++run.polls()[0];
        int pct = run.stuck() ? Math.min(90, polls * 10) : Math.min(100, polls * 100 / Math.max(1, pollsToComplete));
        String status = run.fail() && polls >= pollsToComplete ? "Job Failed"
                : pct >= 100 ? "Job Completed" : polls == 1 ? "Job Started" : "Job Running";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", run.id());
        m.put("account_id", account().accountId().substring(4));
        m.put("async_status", status);
        m.put("async_percent_completion", status.equals("Job Failed") ? pct : pct);
        m.put("date_start", run.since().toString());
        m.put("date_stop", run.until().toString());
        m.put("is_running", !status.equals("Job Completed") && !status.equals("Job Failed"));
        if (status.equals("Job Failed")) {
            m.put("error_code", -2);
            m.put("error_subcode", 2490547);
            m.put("error_message", "Report Failed");
        }
        json(ctx, 200, m);
    }

    private void unknown(Context ctx, String node) {
        error(ctx, 400, 100, 33, "Unsupported get request. Object with ID '" + node + "' does not exist, cannot be "
                + "loaded due to missing permissions, or does not support this operation.", false);
    }

    private void edge(Context ctx) {
        String node = ctx.pathParam("node");
        String edge = ctx.pathParam("edge");
        Run run = runs.get(node);
        if (run != null && edge.equals("insights")) {
            if (run.fail() || run.stuck() || run.polls()[0] < pollsToComplete) {
                error(ctx, 400, 100, 0, "The report run " + node + " is not completed.", false);
                return;
            }
            page(ctx, truth.insights(Platform.META, run.since(), run.until()));
            return;
        }
        if (!node.equals(account().accountId())) {
            unknown(ctx, node);
            return;
        }
        switch (edge) {
            case "insights" -> syncInsights(ctx);
            case "campaigns" -> list(ctx, campaigns());
            case "adsets" -> list(ctx, adSets());
            case "ads" -> list(ctx, ads());
            default -> error(ctx, 400, 100, 0, "Tried accessing nonexisting field (" + edge + ")", false);
        }
    }

    /** Validates the insights parameters; the window, or null after answering an error. */
    private LocalDate[] window(Context ctx, Map<String, List<String>> params) {
        String level = first(params, "level");
        String increment = first(params, "time_increment");
        String range = first(params, "time_range");
        if (!"ad".equals(level) || !"1".equals(increment) || range == null) {
            error(ctx, 400, 100, 0, "This fake serves ad-level daily insights: level=ad, time_increment=1 and a "
                    + "time_range are required", false);
            return null;
        }
        if (first(params, "breakdowns") != null) {
            error(ctx, 400, 100, 0, "(#100) breakdowns are not served by this fake", false);
            return null;
        }
        JsonNode r = readJson(range);
        if (r == null || !r.has("since") || !r.has("until")) {
            error(ctx, 400, 100, 0, "(#100) time_range must be {\"since\":\"YYYY-MM-DD\",\"until\":\"YYYY-MM-DD\"}",
                    false);
            return null;
        }
        return new LocalDate[] {LocalDate.parse(r.get("since").asText()), LocalDate.parse(r.get("until").asText())};
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private void syncInsights(Context ctx) {
        LocalDate[] w = window(ctx, ctx.queryParamMap());
        if (w == null) {
            return;
        }
        if (ctx.queryParam("after") == null && w[1].isAfter(w[0]) && faults.take(Faults.Mode.TOO_MUCH_DATA)) {
            error(ctx, 400, 100, 1504018, "Your request timed out. Please reduce the amount of data you're asking "
                    + "for, then retry your request.", false);
            return;
        }
        page(ctx, truth.insights(Platform.META, w[0], w[1]));
    }

    private void createRun(Context ctx) {
        if (!ctx.pathParam("node").equals(account().accountId())) {
            unknown(ctx, ctx.pathParam("node"));
            return;
        }
        Map<String, List<String>> params = new LinkedHashMap<>(ctx.queryParamMap());
        params.putAll(ctx.formParamMap());
        LocalDate[] w = window(ctx, params);
        if (w == null) {
            return;
        }
        String id = Long.toString(runIds.incrementAndGet());
        runs.put(id, new Run(id, w[0], w[1], faults.take(Faults.Mode.ASYNC_FAIL), faults.take(Faults.Mode.ASYNC_STUCK),
                new int[1]));
        json(ctx, 200, Map.of("report_run_id", id));
    }

    private void page(Context ctx, List<AdInsight> rows) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (AdInsight r : rows) {
            data.add(row(r));
        }
        list(ctx, data);
    }

    /** A page of {@code items} from the {@code after} cursor, {@code limit} long (default 25). */
    private void list(Context ctx, List<Map<String, Object>> items) {
        int limit = parseInt(ctx.queryParam("limit"), 25);
        String after = ctx.queryParam("after");
        int offset = 0;
        if (after != null) {
            String decoded = decodeCursor(after);
            if (decoded == null || !decoded.startsWith("o:")) {
                error(ctx, 400, 100, 0, "(#100) Invalid cursor: after", false);
                return;
            }
            offset = Integer.parseInt(decoded.substring(2));
        }
        int end = Math.min(items.size(), offset + limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", offset >= items.size() ? List.of() : items.subList(offset, end));
        Map<String, Object> paging = new LinkedHashMap<>();
        Map<String, Object> cursors = new LinkedHashMap<>();
        cursors.put("before", encodeCursor("o:" + offset));
        cursors.put("after", encodeCursor("o:" + end));
        paging.put("cursors", cursors);
        if (end < items.size()) {
            String q = ctx.queryString() == null ? "" : ctx.queryString().replaceAll("(^|&)after=[^&]*", "");
            paging.put("next", ctx.scheme() + "://" + ctx.host() + ctx.path() + "?" + q
                    + (q.isEmpty() ? "" : "&") + "after=" + encodeCursor("o:" + end));
        }
        body.put("paging", paging);
        if (Boolean.TRUE.equals(ctx.attribute("malformed"))) {
            malformed(ctx, body);
        } else {
            json(ctx, 200, body);
        }
    }

    private static int parseInt(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** One insights row as the Graph API writes it: every number a string. */
    static Map<String, Object> row(AdInsight r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account_id", r.accountId().substring(4));
        m.put("account_currency", r.currency());
        m.put("campaign_id", r.campaignId());
        m.put("campaign_name", r.campaignName());
        m.put("adset_id", adSetId(r.campaignId()));
        m.put("adset_name", r.campaignName() + " | Ad set");
        m.put("ad_id", r.adId());
        m.put("ad_name", r.adName());
        m.put("date_start", r.date().toString());
        m.put("date_stop", r.date().toString());
        m.put("spend", plain(r.spend()));
        m.put("impressions", Long.toString(r.impressions()));
        m.put("clicks", Long.toString(r.clicks()));
        if (r.reach() != null) {
            m.put("reach", Long.toString(r.reach()));
        }
        if (r.reach() != null && r.reach() > 0) {
            m.put("frequency", BigDecimal.valueOf(r.impressions()).divide(BigDecimal.valueOf(r.reach()), 6,
                    java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString());
        }
        if (r.conversions().signum() > 0 || r.conversionValue().signum() > 0) {
            m.put("actions", actions(r.conversions(), r.adId().hashCode()));
            m.put("action_values", actions(r.conversionValue(), r.adId().hashCode()));
        }
        return m;
    }

    /** The same purchase number under several action types (a client must pick one), split by attribution window. */
    private static List<Map<String, Object>> actions(BigDecimal total, int salt) {
        BigDecimal view = total.signum() > 0 && Math.floorMod(salt, 3) == 0
                ? total.divide(BigDecimal.valueOf(5), total.scale(), java.math.RoundingMode.DOWN) : BigDecimal.ZERO;
        List<Map<String, Object>> out = new ArrayList<>();
        for (String type : List.of("link_click_purchase_hint", "purchase", "omni_purchase",
                "offsite_conversion.fb_pixel_purchase")) {
            if (type.startsWith("link_click")) {
                continue;
            }
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("action_type", type);
            a.put("value", plain(total));
            a.put("7d_click", plain(total.subtract(view)));
            a.put("1d_view", plain(view));
            out.add(a);
        }
        return out;
    }

    static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    static String adSetId(String campaignId) {
        return "2386" + campaignId.substring(4);
    }

    private String metaTime(LocalDate d) {
        return ZonedDateTime.of(d, LocalTime.of(9, 0), account().zone()).format(META_TIME);
    }

    private List<Map<String, Object>> campaigns() {
        List<Map<String, Object>> out = new ArrayList<>();
        LocalDate today = truth.today(Platform.META);
        for (Campaign c : truth.brand().catalog().campaignsOf(account())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.campaignId());
            m.put("name", c.name());
            m.put("objective", c.objective());
            m.put("status", c.status(today));
            m.put("effective_status", c.status(today));
            m.put("daily_budget", c.dailyBudget().movePointRight(2).toBigInteger().toString());
            m.put("start_time", metaTime(c.startDate()));
            out.add(m);
        }
        return out;
    }

    private List<Map<String, Object>> adSets() {
        List<Map<String, Object>> out = new ArrayList<>();
        LocalDate today = truth.today(Platform.META);
        for (Campaign c : truth.brand().catalog().campaignsOf(account())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", adSetId(c.campaignId()));
            m.put("name", c.name() + " | Ad set");
            m.put("campaign_id", c.campaignId());
            m.put("status", c.status(today));
            m.put("effective_status", c.status(today));
            out.add(m);
        }
        return out;
    }

    private List<Map<String, Object>> ads() {
        List<Map<String, Object>> out = new ArrayList<>();
        LocalDate today = truth.today(Platform.META);
        for (Campaign c : truth.brand().catalog().campaignsOf(account())) {
            for (Ad a : truth.brand().catalog().adsOf(c)) {
                if (a.launchDate().isAfter(today)) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", a.adId());
                m.put("name", a.name());
                m.put("campaign_id", c.campaignId());
                m.put("adset_id", adSetId(c.campaignId()));
                String status = c.isPausedOn(today) ? "PAUSED" : a.status(today);
                m.put("status", a.status(today));
                m.put("effective_status", c.isPausedOn(today) ? "CAMPAIGN_PAUSED" : status);
                m.put("created_time", metaTime(a.launchDate()));
                Map<String, Object> creative = new LinkedHashMap<>();
                creative.put("id", "2387" + a.adId().substring(4));
                creative.put("name", a.name() + " - creative");
                creative.put("title", a.name().split(" \\| ")[0]);
                creative.put("body", "Fieldhouse Outfitters: " + a.name().split(" \\| ")[0] + " (" + a.format() + ")");
                m.put("creative", creative);
                out.add(m);
            }
        }
        return out;
    }
}
