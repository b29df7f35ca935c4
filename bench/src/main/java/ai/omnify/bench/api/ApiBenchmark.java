package ai.omnify.bench.api;

import ai.omnify.api.QueryApiServer;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.bench.Log;
import ai.omnify.bench.report.Figure;
import ai.omnify.bench.report.Report;
import ai.omnify.infra.OrgAdmin;
import ai.omnify.model.Ids;
import ai.omnify.model.Platform;
import ai.omnify.testing.TestDatabase;
import io.javalin.Javalin;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query API under wrk: {@code GET /api/v1/metrics/daily} (API key, 90 days x 20 channels = 1,800 rows in one
 * page) and {@code GET /api/v1/brain} (API key, the newest state of a brain over the same 20 channels), each with the
 * response cache on (the default 500 ms) and off, each beside a bare Javalin
 * endpoint answering the same bytes from memory, in the same run, with the same wrk settings. Servers bind port 0. wrk and the servers share the
 * machine's cores, as the figures say.
 */
public final class ApiBenchmark {
    /** Settings of the run. */
    public record Options(int channels, int days, int seconds, int connections, int threads) {}

    /** What wrk measured. */
    record WrkResult(double requestsPerSecond, double p50Ms, double p99Ms, long requests, long errors) {}

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("([0-9]+) requests in");
    private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect ([0-9]+), read ([0-9]+), "
            + "write ([0-9]+), timeout ([0-9]+)");

    private static final String METRICS = "api /metrics/daily";
    private static final String BRAIN = "api /brain";

    private final Options options;
    private final Report report;

    public ApiBenchmark(Options options, Report report) {
        this.options = options;
        this.report = report;
    }

    public void run() throws Exception {
        requireWrk();
        try (TestDatabase db = TestDatabase.create()) {
            UUID org;
            String key;
            try (Connection c = db.ownerConnection()) {
                org = OrgAdmin.createOrganization(c, "Bench Brand", "EUR", "UTC");
                key = OrgAdmin.createApiKey(c, org, "bench", List.of("read"));
            }
            LocalDate to = LocalDate.now(java.time.ZoneOffset.UTC);
            LocalDate from = to.minusDays(options.days() - 1L);
            seed(db, org, from);
            BrainSeed.insert(db, org, options.channels(), to);
            String path = "/api/v1/metrics/daily?from=" + from + "&to=" + to + "&limit=5000";
            Map<String, String> env = new HashMap<>(db.env(db.appConfig()));
            env.put("QUERY_API_PORT", "0");
            env.put("QUERY_API_HOST", "127.0.0.1");
            List<Object[]> runs = new ArrayList<>();
            byte[] body;
            byte[] brainBody;
            // the cached API and the bare endpoint up side by side, measured in turns, so that a change in the
            // machine's load falls on both
            Map<String, String> cached = new HashMap<>(env);
            cached.put("QUERY_API_CACHE_TTL", "500ms");
            try (QueryApiServer server = QueryApiServer.start(QueryApiConfig.fromEnv(cached), cached)) {
                String url = "http://127.0.0.1:" + server.port() + path;
                body = fetch(url, key);
                Log.info("api: %s answers %d bytes (%d rows)", path, body.length, options.channels() * options.days());
                String brainUrl = "http://127.0.0.1:" + server.port() + "/api/v1/brain";
                brainBody = fetch(brainUrl, key);
                Log.info("api: /api/v1/brain answers %d bytes", brainBody.length);
                byte[] same = body;
                byte[] sameBrain = brainBody;
                Javalin bare = Javalin.create(cfg -> {
                    cfg.startup.showJavalinBanner = false;
                    cfg.routes.get("/bare", ctx -> ctx.contentType("application/json").result(same));
                    cfg.routes.get("/bare-brain", ctx -> ctx.contentType("application/json").result(sameBrain));
                });
                bare.start("127.0.0.1", 0);
                try {
                    for (int round = 1; round <= 2; round++) {
                        runs.add(new Object[] {"bare Javalin, same bytes from memory (turn " + round + ")",
                                wrk("http://127.0.0.1:" + bare.port() + "/bare", null), true, METRICS});
                        runs.add(new Object[] {"query API, cache 500 ms (turn " + round + ")", wrk(url, key), false,
                                METRICS});
                        runs.add(new Object[] {"bare Javalin, same bytes from memory (turn " + round + ")",
                                wrk("http://127.0.0.1:" + bare.port() + "/bare-brain", null), true, BRAIN});
                        runs.add(new Object[] {"query API, cache 500 ms (turn " + round + ")", wrk(brainUrl, key), false,
                                BRAIN});
                    }
                } finally {
                    bare.stop();
                }
            }
            Map<String, String> uncached = new HashMap<>(env);
            uncached.put("QUERY_API_CACHE_TTL", "0s");
            try (QueryApiServer server = QueryApiServer.start(QueryApiConfig.fromEnv(uncached), uncached)) {
                runs.add(new Object[] {"query API, cache off", wrk("http://127.0.0.1:" + server.port() + path, key),
                        false, METRICS});
                runs.add(new Object[] {"query API, cache off", wrk("http://127.0.0.1:" + server.port()
                        + "/api/v1/brain", key), false, BRAIN});
            }
            for (Object[] run : runs) {
                WrkResult r = (WrkResult) run[1];
                double bareMean = runs.stream().filter(x -> (boolean) x[2] && x[3].equals(run[3]))
                        .mapToDouble(x -> ((WrkResult) x[1]).requestsPerSecond()).average().orElse(Double.NaN);
                String share = (boolean) run[2] ? "ceiling"
                        : String.format(java.util.Locale.ROOT, "%.0f %% of the bare endpoint's mean %.0f req/s "
                                + "(aim: at least 50 %%)", 100 * r.requestsPerSecond() / bareMean, bareMean);
                report.add(Figure.of((String) run[3], String.format(java.util.Locale.ROOT,
                        "%s: %.0f req/s, p50 %.1f ms, p99 %.1f ms (%d requests, %d errors)", run[0],
                        r.requestsPerSecond(), r.p50Ms(), r.p99Ms(), r.requests(), r.errors()), share)
                        .with("requestsPerSecond", r.requestsPerSecond()).with("p99Ms", r.p99Ms())
                        .with("p50Ms", r.p50Ms()).with("bytes", run[3].equals(BRAIN) ? brainBody.length : body.length));
            }
            report.note("api: wrk -t" + options.threads() + " -c" + options.connections() + " -d" + options.seconds()
                    + "s --latency after a 5 s warm-up; " + options.channels() + " channels x " + options.days()
                    + " days in one page (" + body.length + " bytes); /api/v1/brain: a state over the same channels ("
                    + brainBody.length + " bytes); wrk, the server and PostgreSQL "
                    + "share the cores");
        }
    }

    private void seed(TestDatabase db, UUID org, LocalDate from) throws SQLException {
        try (Connection c = db.ownerConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ch = c.prepareStatement("INSERT INTO channels (id, organization_id, name, platform, "
                    + "external_id) VALUES (?, ?, ?, 'meta', ?)");
                 PreparedStatement d = c.prepareStatement("INSERT INTO daily_metrics (organization_id, channel_id, date, "
                    + "spend, impressions, clicks, conversions, conversion_value, attributed_revenue, attributed_orders, "
                    + "roas, cpa, ctr, cpc, cpm, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'EUR')")) {
                for (int i = 0; i < options.channels(); i++) {
                    UUID id = Ids.channelId(org.toString(), Platform.META, "cmp-" + i);
                    ch.setObject(1, id);
                    ch.setObject(2, org);
                    ch.setString(3, "Campaign " + i);
                    ch.setString(4, "cmp-" + i);
                    ch.addBatch();
                    for (int k = 0; k < options.days(); k++) {
                        BigDecimal spend = new BigDecimal(100 + i * 7 + k).add(new BigDecimal("0.1234"));
                        d.setObject(1, org);
                        d.setObject(2, id);
                        d.setObject(3, from.plusDays(k));
                        d.setBigDecimal(4, spend);
                        d.setLong(5, 10_000 + k);
                        d.setLong(6, 300 + i);
                        d.setBigDecimal(7, new BigDecimal("12.5"));
                        d.setBigDecimal(8, spend.multiply(BigDecimal.valueOf(3)));
                        d.setBigDecimal(9, spend.multiply(BigDecimal.valueOf(2)));
                        d.setInt(10, 4);
                        d.setBigDecimal(11, new BigDecimal("3.0000"));
                        d.setBigDecimal(12, new BigDecimal("8.0099"));
                        d.setBigDecimal(13, new BigDecimal("0.030000"));
                        d.setBigDecimal(14, new BigDecimal("0.3337"));
                        d.setBigDecimal(15, new BigDecimal("10.0123"));
                        d.addBatch();
                    }
                }
                ch.executeBatch();
                d.executeBatch();
            }
            c.commit();
        }
    }

    private static byte[] fetch(String url, String key) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.body();
    }

    private WrkResult wrk(String url, String key) throws IOException, InterruptedException {
        runWrk(url, key, 5); // warm-up: JIT, pools, caches
        String out = runWrk(url, key, options.seconds());
        Log.info("api: wrk %s%n%s", url, out);
        return parse(out);
    }

    private String runWrk(String url, String key, int seconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + options.threads(), "-c" + options.connections(),
                "-d" + seconds + "s", "--latency"));
        if (key != null) {
            cmd.add("-H");
            cmd.add("Authorization: Bearer " + key);
        }
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("wrk failed: " + out);
        }
        return out;
    }

    static WrkResult parse(String out) {
        Matcher rps = RPS.matcher(out);
        Matcher requests = REQUESTS.matcher(out);
        if (!rps.find() || !requests.find()) {
            throw new IllegalStateException("cannot read wrk's output:\n" + out);
        }
        long errors = 0;
        Matcher non2xx = NON2XX.matcher(out);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        return new WrkResult(Double.parseDouble(rps.group(1)), percentile(out, "50%"), percentile(out, "99%"),
                Long.parseLong(requests.group(1)), errors);
    }

    /** A latency percentile of wrk's --latency table, in milliseconds. */
    static double percentile(String out, String which) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(which) + "\\s+([0-9.]+)(us|ms|s)\\b").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + which + " latency in wrk's output:\n" + out);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    private static void requireWrk() throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is missing: 'apt-get install -y wrk' (bench/run api installs it)", e);
        }
    }
}
