package ai.omnify.ingest.meta;

import ai.omnify.ingest.platform.Credentials;
import ai.omnify.ingest.platform.DateWindows;
import ai.omnify.ingest.platform.PlatformClientsConfig;
import ai.omnify.ingest.platform.PlatformHttp;
import ai.omnify.ingest.platform.ReadStats;
import ai.omnify.ingest.platform.Resilience;
import ai.omnify.ingest.platform.Sleeper;
import ai.omnify.ingest.platform.UsageGate;
import ai.omnify.ingest.sync.PlatformException;
import ai.omnify.ingest.sync.EntityReader;
import ai.omnify.ingest.sync.PlatformReader;
import ai.omnify.ingest.sync.SyncOutput;
import ai.omnify.ingest.sync.SyncRequest;
import ai.omnify.ingest.sync.SyncSummary;
import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdEntity;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meta Marketing API: ad-level daily Insights ({@code level=ad}, {@code time_increment=1}, an explicit
 * {@code action_attribution_windows}, no breakdowns) with cursor paging. A long range goes through an async report run
 * ({@code POST /act_<id>/insights}, polled with growing intervals until {@code Job Completed} at 100 %); when the run
 * fails or does not finish within the timeout, the range is read synchronously in smaller windows instead. The
 * account's usage headers are read on every response and calls pause at the slow-down threshold until the usage
 * window resets.
 *
 * <p>Resume cursor: JSON {@code {"from","run","after"}}: windows before {@code from} are done; within the window
 * starting at {@code from}, pages up to {@code after} are done (of async run {@code run}, when set).
 */
public final class MetaClient implements PlatformReader, EntityReader {
    private static final Logger log = LoggerFactory.getLogger(MetaClient.class);
    static final String INSIGHT_FIELDS = "account_id,account_currency,campaign_id,campaign_name,adset_id,adset_name,"
            + "ad_id,ad_name,date_start,date_stop,spend,impressions,clicks,reach,frequency,actions,action_values";
    private static final DateTimeFormatter META_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private final PlatformClientsConfig.Meta config;
    private final PlatformHttp http;
    private final Resilience resilience;
    private final Sleeper sleeper;
    private final Clock clock;
    private final int slowdownPercent;
    private final Duration pauseWhenFull;
    private final MetaInsightParser parser;
    private final Map<String, UsageGate> gates = new ConcurrentHashMap<>();

    public MetaClient(PlatformClientsConfig.Meta config, PlatformHttp http, Resilience resilience, Sleeper sleeper,
            Clock clock, int slowdownPercent, Duration pauseWhenFull) {
        this.config = config;
        this.http = http;
        this.resilience = resilience;
        this.sleeper = sleeper;
        this.clock = clock;
        this.slowdownPercent = slowdownPercent;
        this.pauseWhenFull = pauseWhenFull;
        this.parser = new MetaInsightParser(config.purchaseActionType(), config.attributionWindows());
    }

    /** Reads one call's context: the connection, its token, its usage gate and counters. */
    private final class Call {
        final SyncRequest request;
        final String token;
        final String key;
        final UsageGate gate;
        final ReadStats stats = new ReadStats();

        Call(SyncRequest request) throws PlatformException {
            this.request = request;
            this.token = Credentials.required(request, "access_token");
            this.key = Credentials.connectionKey(request);
            this.gate = gates.computeIfAbsent(request.account(), a -> new UsageGate(slowdownPercent));
        }

        JsonNode get(String path, Map<String, String> params, String what) throws PlatformException {
            return send(what, () -> HttpRequest.newBuilder(uri(path, params)).GET());
        }

        JsonNode post(String path, Map<String, String> params, String what) throws PlatformException {
            return send(what, () -> HttpRequest.newBuilder(uri(path, Map.of()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(PlatformHttp.query(params))));
        }

        private JsonNode send(String what, java.util.function.Supplier<HttpRequest.Builder> request)
                throws PlatformException {
            return resilience.call(key, what, () -> {
                gate.await(sleeper);
                HttpRequest.Builder b = request.get().header("Authorization", "Bearer " + token);
                return MetaResponses.check(http.send(b, stats), what, stats, gate, pauseWhenFull);
            });
        }

        private URI uri(String path, Map<String, String> params) {
            String q = PlatformHttp.query(params);
            return URI.create(PlatformHttp.trim(config.baseUrl()) + "/" + config.apiVersion() + "/" + path
                    + (q.isEmpty() ? "" : "?" + q));
        }
    }

    @Override
    public SyncSummary read(SyncRequest request, SyncOutput output) throws PlatformException {
        if (request.from() == null || request.to() == null) {
            throw new IllegalArgumentException("a Meta read needs from and to dates");
        }
        Call call = new Call(request);
        MetaAccount account = account(call);
        Cursor resume = Cursor.parse(request.resumeCursor());
        long days = request.to().toEpochDay() - request.from().toEpochDay() + 1;
        boolean async = days >= config.asyncMinDays();
        List<DateWindows.Window> windows = async
                ? List.of(new DateWindows.Window(request.from(), request.to()))
                : DateWindows.split(request.from(), request.to(), config.chunkDays());
        Progress progress = new Progress(call, output, account, windows.size());
        for (int i = 0; i < windows.size(); i++) {
            DateWindows.Window w = windows.get(i);
            if (resume != null && w.to().isBefore(resume.from())) {
                continue;
            }
            Cursor start = resume != null && !resume.from().isAfter(w.to()) ? resume : null;
            resume = null;
            DateWindows.Window from = start != null && start.from().isAfter(w.from())
                    ? new DateWindows.Window(start.from(), w.to()) : w;
            DateWindows.Window next = i + 1 < windows.size() ? windows.get(i + 1) : null;
            if (async) {
                readAsync(progress, from, start, next);
            } else {
                readSync(progress, from, start == null ? null : start.after(), next);
            }
        }
        return call.stats.summary();
    }

    /** Campaigns, ad sets and ads (creative name, status, copy, launch date) of the connection's ad account. */
    public MetaEntities entities(SyncRequest request) throws PlatformException {
        Call call = new Call(request);
        String act = request.account();
        List<MetaEntities.Campaign> campaigns = new ArrayList<>();
        for (JsonNode c : list(call, act + "/campaigns", "id,name,objective,status,effective_status,start_time")) {
            campaigns.add(new MetaEntities.Campaign(c.path("id").asText(), c.path("name").asText(),
                    c.path("objective").asText(null), c.path("status").asText(null),
                    c.path("effective_status").asText(null), time(c.path("start_time").asText(null))));
        }
        List<MetaEntities.AdSet> adSets = new ArrayList<>();
        for (JsonNode s : list(call, act + "/adsets", "id,name,campaign_id,status,effective_status")) {
            adSets.add(new MetaEntities.AdSet(s.path("id").asText(), s.path("name").asText(),
                    s.path("campaign_id").asText(null), s.path("status").asText(null),
                    s.path("effective_status").asText(null)));
        }
        List<MetaEntities.Ad> ads = new ArrayList<>();
        for (JsonNode a : list(call, act + "/ads",
                "id,name,campaign_id,adset_id,status,effective_status,created_time,creative{id,name,title,body}")) {
            JsonNode cr = a.path("creative");
            ads.add(new MetaEntities.Ad(a.path("id").asText(), a.path("name").asText(), a.path("campaign_id").asText(null),
                    a.path("adset_id").asText(null), a.path("status").asText(null),
                    a.path("effective_status").asText(null), time(a.path("created_time").asText(null)),
                    cr.path("id").asText(null), cr.path("name").asText(null), cr.path("title").asText(null),
                    cr.path("body").asText(null)));
        }
        return new MetaEntities(campaigns, adSets, ads);
    }

    /**
     * The account's ads as {@link AdEntity} records: status from {@code effective_status} ({@link MetaStatuses}),
     * launch date = {@code created_time} in the account's time zone, copy from the creative's title and body.
     */
    @Override
    public List<AdEntity> adEntities(SyncRequest request) throws PlatformException {
        MetaAccount account = account(new Call(request));
        MetaEntities e = entities(request);
        return toAdEntities(e, request.orgId().toString(), request.account(), zone(account.timeZone()), clock.instant());
    }

    static List<AdEntity> toAdEntities(MetaEntities e, String orgId, String accountId, ZoneId zone, Instant readAt) {
        Map<String, MetaEntities.Campaign> campaigns = new LinkedHashMap<>();
        e.campaigns().forEach(c -> campaigns.put(c.id(), c));
        List<AdEntity> out = new ArrayList<>();
        for (MetaEntities.Ad ad : e.ads()) {
            MetaEntities.Campaign c = ad.campaignId() == null ? null : campaigns.get(ad.campaignId());
            out.add(new AdEntity(orgId, Platform.META, accountId, ad.campaignId(), c == null ? null : c.name(),
                    c == null ? null : MetaStatuses.omnify(c.effectiveStatus(), c.status()), ad.adSetId(), ad.id(),
                    ad.name(), MetaStatuses.omnify(ad.effectiveStatus(), ad.status()),
                    ad.effectiveStatus() != null ? ad.effectiveStatus() : ad.status(), ad.creativeName(), ad.title(),
                    ad.body(), ad.launchDate() == null ? null : ad.launchDate().atZoneSameInstant(zone).toLocalDate(),
                    readAt, "poll"));
        }
        return out;
    }

    private static ZoneId zone(String id) {
        try {
            return id == null || id.isBlank() ? ZoneOffset.UTC : ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            log.warn("Meta account time zone '{}' is unknown; launch dates are read in UTC", id);
            return ZoneOffset.UTC;
        }
    }

    private List<JsonNode> list(Call call, String path, String fields) throws PlatformException {
        List<JsonNode> out = new ArrayList<>();
        String after = null;
        do {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("fields", fields);
            p.put("limit", Integer.toString(config.pageSize()));
            p.put("after", after);
            JsonNode page = call.get(path, p, "Meta " + path);
            page.path("data").forEach(out::add);
            after = page.path("paging").has("next") ? page.path("paging").path("cursors").path("after").asText(null) : null;
        } while (after != null);
        return out;
    }

    private MetaAccount account(Call call) throws PlatformException {
        JsonNode a = call.get(call.request.account(), Map.of("fields", "account_id,name,currency,timezone_name"),
                "Meta ad account " + call.request.account());
        return new MetaAccount(a.path("account_id").asText(call.request.account()), a.path("name").asText(null),
                a.path("currency").asText(null), a.path("timezone_name").asText(null));
    }

    private Map<String, String> insightParams(DateWindows.Window w) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("level", "ad");
        p.put("time_increment", "1");
        p.put("time_range", "{\"since\":\"" + w.from() + "\",\"until\":\"" + w.to() + "\"}");
        p.put("fields", INSIGHT_FIELDS);
        p.put("action_attribution_windows", toJsonArray(config.attributionWindows()));
        p.put("limit", Integer.toString(config.pageSize()));
        return p;
    }

    private void readSync(Progress progress, DateWindows.Window w, String after, DateWindows.Window next)
            throws PlatformException {
        String path = progress.call.request.account() + "/insights";
        int pagesBefore = progress.call.stats.pages();
        try {
            readPages(progress, path, insightParams(w), w, null, after, next);
        } catch (PlatformException.Transient e) {
            boolean tooLarge = e.getCause() instanceof MetaResponses.RangeTooLarge;
            if (!tooLarge || w.days() < 2 || progress.call.stats.pages() != pagesBefore) {
                throw e; // nothing of this window was handed over only when no page of it is done
            }
            long half = w.days() / 2;
            DateWindows.Window first = new DateWindows.Window(w.from(), w.from().plusDays(half - 1));
            DateWindows.Window second = new DateWindows.Window(first.to().plusDays(1), w.to());
            log.info("Meta asks for less data than {}..{}; reading it as {}..{} and {}..{}", w.from(), w.to(),
                    first.from(), first.to(), second.from(), second.to());
            readSync(progress, first, null, second);
            readSync(progress, second, null, next);
        }
    }

    /** Pages through insights at {@code path} from {@code after}; reports a cursor after each page. */
    private void readPages(Progress progress, String path, Map<String, String> params, DateWindows.Window w,
            String run, String after, DateWindows.Window next) throws PlatformException {
        do {
            Map<String, String> p = new LinkedHashMap<>(params);
            p.put("after", after);
            JsonNode page = progress.call.get(path, p, "Meta insights " + w.from() + ".." + w.to());
            Instant reportedAt = clock.instant();
            int n = 0;
            for (JsonNode row : page.path("data")) {
                progress.output.insight(parser.parse(row, progress.call.request.orgId().toString(),
                        progress.call.request.account(), progress.account, reportedAt));
                n++;
            }
            progress.call.stats.rows(n);
            boolean more = page.path("paging").has("next");
            after = more ? page.path("paging").path("cursors").path("after").asText(null) : null;
            String cursor = after != null ? new Cursor(w.from(), run, after).toJson()
                    : next != null ? new Cursor(next.from(), null, null).toJson() : null;
            progress.pageDone(cursor);
        } while (after != null);
    }

    private void readAsync(Progress progress, DateWindows.Window w, Cursor resume, DateWindows.Window next)
            throws PlatformException {
        if (resume != null && resume.run() != null && resume.after() != null) {
            try {
                readPages(progress, resume.run() + "/insights", Map.of("limit", Integer.toString(config.pageSize())), w,
                        resume.run(), resume.after(), next);
                return;
            } catch (PlatformException.Transient e) {
                log.info("async report run of {} can no longer be resumed ({}); running the range again", w, e.getMessage());
            }
        }
        String run = startAndAwait(progress.call, w);
        if (run == null) {
            for (DateWindows.Window small : DateWindows.split(w.from(), w.to(), config.chunkDays())) {
                DateWindows.Window after = small.to().equals(w.to()) ? next
                        : new DateWindows.Window(small.to().plusDays(1), w.to());
                readSync(progress, small, null, after);
            }
            return;
        }
        readPages(progress, run + "/insights", Map.of("limit", Integer.toString(config.pageSize())), w, run, null, next);
    }

    /** Starts an async report run and polls it; the run id when completed, null when it failed or timed out. */
    private String startAndAwait(Call call, DateWindows.Window w) throws PlatformException {
        JsonNode created = call.post(call.request.account() + "/insights", insightParams(w),
                "Meta async report " + w.from() + ".." + w.to());
        String run = created.path("report_run_id").asText(null);
        if (run == null) {
            log.warn("Meta gave no report_run_id for {}; reading it synchronously in smaller windows", w);
            return null;
        }
        long deadline = System.nanoTime() + config.asyncTimeout().toNanos();
        Duration wait = config.asyncPollInitial();
        while (true) {
            JsonNode status = call.get(run, Map.of("fields", "id,async_status,async_percent_completion,error_code,error_message"),
                    "Meta report run status");
            String s = status.path("async_status").asText("");
            int pct = status.path("async_percent_completion").asInt(0);
            if ("Job Completed".equals(s) && pct == 100) {
                return run;
            }
            if ("Job Failed".equals(s) || "Job Skipped".equals(s)) {
                log.warn("Meta report run for {} ended '{}' (error {} {}); reading it synchronously in smaller windows",
                        w, s, status.path("error_code").asText("-"), status.path("error_message").asText(""));
                return null;
            }
            if (System.nanoTime() + wait.toNanos() - deadline > 0) {
                log.warn("Meta report run for {} not done after {} ({} %); reading it synchronously in smaller windows",
                        w, config.asyncTimeout(), pct);
                return null;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException.Transient("interrupted while waiting for a Meta report run", e);
            }
            wait = wait.multipliedBy(2).compareTo(config.asyncPollMax()) > 0 ? config.asyncPollMax() : wait.multipliedBy(2);
        }
    }

    private static final class Progress {
        final Call call;
        final SyncOutput output;
        final MetaAccount account;

        Progress(Call call, SyncOutput output, MetaAccount account, int windows) {
            this.call = call;
            this.output = output;
            this.account = account;
        }

        void pageDone(String cursor) {
            output.pageDone(cursor, call.stats.page(), null);
        }
    }

    /** Where a read stands: windows before {@code from} done; pages of the window at {@code from} up to {@code after}. */
    record Cursor(LocalDate from, String run, String after) {
        String toJson() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("from", from.toString());
            m.put("run", run);
            m.put("after", after);
            m.values().removeIf(java.util.Objects::isNull);
            try {
                return PlatformHttp.JSON.writeValueAsString(m);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static Cursor parse(String s) {
            if (s == null || s.isBlank()) {
                return null;
            }
            try {
                JsonNode n = PlatformHttp.JSON.readTree(s);
                return new Cursor(LocalDate.parse(n.path("from").asText()), n.path("run").asText(null),
                        n.path("after").asText(null));
            } catch (Exception e) {
                throw new IllegalArgumentException("not a Meta resume cursor: " + s, e);
            }
        }
    }

    static String toJsonArray(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(values.get(i)).append('"');
        }
        return sb.append(']').toString();
    }

    static OffsetDateTime time(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s, META_TIME);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(s);
        }
    }
}
