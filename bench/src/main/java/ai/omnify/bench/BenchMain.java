package ai.omnify.bench;

import ai.omnify.bench.api.ApiBenchmark;
import ai.omnify.bench.freshness.FreshnessBenchmark;
import ai.omnify.bench.platforms.PlatformBackfillBenchmark;
import ai.omnify.bench.report.Hardware;
import ai.omnify.bench.report.Report;
import ai.omnify.bench.throughput.ThroughputBenchmark;
import ai.omnify.bench.webhooks.WebhookBenchmark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks, run by {@code bench/run}: {@code throughput} and {@code freshness} (both when none is named); the
 * others only when named: {@code webhooks}, {@code platforms}, {@code api} (the query API under wrk), and the brain's
 * {@code forecast}, {@code budget} (pure computation on the simulator's brand) and {@code brain-freshness}, and
 * {@code detection} (alert quality on the simulator's injected incidents), {@code detection-replay} (the same
 * offline over many seeds, no Kafka or Flink) and {@code alert-latency} (metrics row on
 * Kafka to the alert on 1,000 SSE subscribers). Prints
 * the hardware and a results table, and appends the run to the results file as one JSON line. Options are described
 * by {@code bench/run --help}.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        List<String> which = new ArrayList<>();
        Map<String, String> opt = new LinkedHashMap<>();
        opt.put("campaigns", "250");
        opt.put("ads", "10");
        opt.put("days", "90");
        opt.put("polls", "4");
        opt.put("hour-days", "3");
        opt.put("parallelism", "1,2");
        opt.put("raw-runs", "3");
        opt.put("job-warmups", "1");
        opt.put("profile", "true");
        opt.put("job-timeout", "900");
        opt.put("rate", "2000");
        opt.put("batch", "100");
        opt.put("warmup", "20");
        opt.put("duration", "60");
        opt.put("poll-ms", "20");
        opt.put("probe-timeout", "10");
        opt.put("cache-ttls", "default,0");
        opt.put("webhook-rate", "200"); // webhook intake
        opt.put("webhook-duration", "60");
        opt.put("webhook-visibility", "true");
        opt.put("platform-days", "90");
        opt.put("meta-calls", "20");
        opt.put("meta-window-ms", "2000");
        opt.put("ad-rps", "4");
        opt.put("shopify-bucket", "2000");
        opt.put("shopify-restore", "1000");
        opt.put("client-env", "");
        opt.put("api-seconds", "20");
        opt.put("api-connections", "16");
        opt.put("detection-days", "90"); // detection quality
        opt.put("detection-partitions", "2");
        opt.put("detection-seed", "7");
        opt.put("replay-seeds", "1-20"); // detection quality, offline replay
        opt.put("replay-now", "2026-11-20T12:00:00Z");
        opt.put("replay-data", "judged");
        opt.put("alert-subscribers", "1000"); // alert latency over SSE
        opt.put("alert-orgs", "4");
        opt.put("alert-probes", "200");
        opt.put("alert-warmups", "10");
        opt.put("alert-interval-ms", "1500");
        opt.put("alert-history-days", "35");
        opt.put("results", "bench/results/results.ndjson");
        opt.put("kafka-lib", ".omnify/kafka/lib");
        opt.put("work-dir", "bench/target/work");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (List.of("throughput", "freshness", "webhooks", "platforms", "api", "forecast", "budget",
                    "brain-freshness", "detection", "detection-replay", "alert-latency").contains(a)) {
                which.add(a);
            } else if (a.equals("--no-profile")) {
                opt.put("profile", "false");
            } else if (a.equals("--quick")) {
                opt.put("campaigns", "100");
                opt.put("days", "30");
                opt.put("raw-runs", "1");
                opt.put("job-warmups", "1");
                opt.put("warmup", "5");
                opt.put("duration", "15");
                opt.put("webhook-duration", "20");
            } else if (a.startsWith("--") && opt.containsKey(a.substring(2)) && i + 1 < args.length) {
                opt.put(a.substring(2), args[++i]);
            } else if (a.startsWith("--") && a.contains("=") && opt.containsKey(a.substring(2, a.indexOf('=')))) {
                opt.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else {
                System.err.println("bench: unknown argument '" + a + "' (see bench/run --help)");
                System.exit(2);
            }
        }
        if (which.isEmpty()) {
            which = List.of("throughput", "freshness");
        }

        Hardware hw = Hardware.probe();
        Report report = new Report(hw);
        Log.info("hardware: %s; load %s", hw.oneLine(), Hardware.loadText());
        report.detail("options", opt);
        report.detail("benchmarks", which);
        int failures = 0;
        for (String b : which) {
            try {
                if (b.equals("platforms")) {
                    new PlatformBackfillBenchmark(new PlatformBackfillBenchmark.Options(integer(opt, "platform-days"),
                            integer(opt, "meta-calls"), integer(opt, "meta-window-ms"), integer(opt, "ad-rps"),
                            integer(opt, "shopify-bucket"), integer(opt, "shopify-restore"),
                            keyValues(opt.get("client-env"))), report).run();
                } else if (b.equals("api")) {
                    new ApiBenchmark(new ApiBenchmark.Options(20, 90, integer(opt, "api-seconds"),
                            integer(opt, "api-connections"), 2), report).run();
                } else if (b.equals("forecast")) {
                    new ai.omnify.bench.brain.ForecastBenchmark(new ai.omnify.bench.brain.ForecastBenchmark.Options(
                            20261125L, integer(opt, "days")), report).run();
                } else if (b.equals("brain-freshness")) {
                    new ai.omnify.bench.brain.BrainFreshnessBenchmark(new ai.omnify.bench.brain.BrainFreshnessBenchmark
                            .Options(60, Duration.ofMillis(1500), Duration.ofSeconds(20)), report).run();
                } else if (b.equals("detection")) { // detection quality
                    new ai.omnify.bench.detection.DetectionQualityBenchmark(
                            new ai.omnify.bench.detection.DetectionQualityBenchmark.Options(
                                    (long) integer(opt, "detection-seed"),
                                    integer(opt, "detection-days"), java.time.Instant.parse("2026-11-20T12:00:00Z"),
                                    integer(opt, "detection-partitions")),
                            report).run();
                } else if (b.equals("detection-replay")) { // detection quality, offline replay
                    new ai.omnify.bench.detection.DetectionReplayBenchmark(
                            new ai.omnify.bench.detection.DetectionReplayBenchmark.Options(
                                    ai.omnify.bench.detection.DetectionReplayBenchmark.parseSeeds(opt.get("replay-seeds")),
                                    integer(opt, "detection-days"), instant(opt, "replay-now"),
                                    ai.omnify.bench.detection.DetectionReplay.Data.parse(opt.get("replay-data"))),
                            report).run();
                } else if (b.equals("alert-latency")) { // alert latency over SSE
                    new ai.omnify.bench.alerts.AlertLatencyBenchmark(new ai.omnify.bench.alerts.AlertLatencyBenchmark
                            .Options(integer(opt, "alert-subscribers"), integer(opt, "alert-orgs"),
                                    integer(opt, "alert-probes"), integer(opt, "alert-warmups"),
                                    Duration.ofMillis(integer(opt, "alert-interval-ms")),
                                    integer(opt, "alert-history-days"), Duration.ofSeconds(30)), report).run();
                } else if (b.equals("budget")) {
                    new ai.omnify.bench.brain.BudgetBenchmark(new ai.omnify.bench.brain.BudgetBenchmark.Options(
                            20261125L, integer(opt, "days")), report).run();
                } else if (b.equals("throughput")) {
                    new ThroughputBenchmark(new ThroughputBenchmark.Options(
                            integer(opt, "campaigns"), integer(opt, "ads"), integer(opt, "days"), integer(opt, "polls"),
                            integer(opt, "hour-days"),
                            Arrays.stream(opt.get("parallelism").split(",")).map(String::trim).map(Integer::parseInt).toList(),
                            integer(opt, "raw-runs"), integer(opt, "job-warmups"), Boolean.parseBoolean(opt.get("profile")),
                            Path.of(opt.get("kafka-lib")), Path.of(opt.get("work-dir")),
                            Duration.ofSeconds(integer(opt, "job-timeout"))), report).run();
                } else if (b.equals("webhooks")) {
                    new WebhookBenchmark(new WebhookBenchmark.Options(integer(opt, "webhook-rate"),
                            Duration.ofSeconds(integer(opt, "warmup")), Duration.ofSeconds(integer(opt, "webhook-duration")),
                            Duration.ofMillis(integer(opt, "poll-ms")), Duration.ofSeconds(integer(opt, "probe-timeout")),
                            Path.of(opt.get("work-dir")), Boolean.parseBoolean(opt.get("webhook-visibility"))), report).run();
                } else {
                    new FreshnessBenchmark(new FreshnessBenchmark.Options(integer(opt, "rate"), integer(opt, "batch"),
                            Duration.ofSeconds(integer(opt, "warmup")), Duration.ofSeconds(integer(opt, "duration")),
                            Duration.ofMillis(integer(opt, "poll-ms")), Duration.ofSeconds(integer(opt, "probe-timeout")),
                            Arrays.stream(opt.get("cache-ttls").split(",")).map(String::trim).toList(),
                            Path.of(opt.get("work-dir"))), report).run();
                }
            } catch (Exception e) {
                failures++;
                System.err.println("bench: " + b + " failed: " + e);
                e.printStackTrace();
                report.note(b + " FAILED: " + e);
            }
        }
        report.print(System.out);
        Path results = Path.of(opt.get("results"));
        report.append(results);
        System.out.println("appended to " + results);
        System.out.flush();
        // Flink, Kafka and HTTP clients leave non-daemon threads behind
        System.exit(failures == 0 ? 0 : 1);
    }

    /** {@code A=1,B=2} to a map (empty string: none). */
    private static Map<String, String> keyValues(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : s.split(",")) {
            if (kv.contains("=")) {
                m.put(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
            } else if (!kv.isBlank()) {
                System.err.println("bench: --client-env wants NAME=VALUE pairs separated by commas, not '" + kv + "'");
                System.exit(2);
            }
        }
        return m;
    }

    private static java.time.Instant instant(Map<String, String> opt, String key) {
        try {
            return java.time.Instant.parse(opt.get(key).trim());
        } catch (java.time.format.DateTimeParseException e) {
            System.err.println("bench: --" + key + " must be an instant like 2026-11-20T12:00:00Z, not '" + opt.get(key)
                    + "'");
            System.exit(2);
            return null;
        }
    }

    private static int integer(Map<String, String> opt, String key) {
        try {
            return Integer.parseInt(opt.get(key).trim());
        } catch (NumberFormatException e) {
            System.err.println("bench: --" + key + " must be a whole number, not '" + opt.get(key) + "'");
            System.exit(2);
            return 0;
        }
    }
}
