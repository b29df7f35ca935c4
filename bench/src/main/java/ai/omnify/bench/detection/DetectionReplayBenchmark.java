package ai.omnify.bench.detection;

import ai.omnify.bench.Log;
import ai.omnify.bench.report.Figure;
import ai.omnify.bench.report.Report;
import ai.omnify.jobs.detection.DetectionSettings;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.fx.FxTable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code bench/run detection-replay}: {@link DetectionReplay} over many seeds. Prints one line per seed, then per kind
 * over all seeds incidents, found, alerts, right, precision, recall and median delay, then every false alert and every
 * missed incident with what the detector read, so the detectors can be tuned on many brands in seconds.
 */
public final class DetectionReplayBenchmark {
    public record Options(List<Long> seeds, int days, Instant now, DetectionReplay.Data data) {}

    private final Options o;
    private final Report report;

    public DetectionReplayBenchmark(Options options, Report report) {
        this.o = options;
        this.report = report;
    }

    /** {@code 1-20}, {@code 7,42} or both ({@code 1-5,42}). */
    public static List<Long> parseSeeds(String text) {
        LinkedHashSet<Long> out = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-', 1);
            try {
                if (dash > 0) {
                    long from = Long.parseLong(p.substring(0, dash).trim());
                    long to = Long.parseLong(p.substring(dash + 1).trim());
                    if (to < from) {
                        throw new IllegalArgumentException("seed range '" + p + "' runs backwards: write it low-high");
                    }
                    for (long s = from; s <= to; s++) {
                        out.add(s);
                    }
                } else {
                    out.add(Long.parseLong(p));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + p + "' is not a seed or a seed range (e.g. 1-20 or 7,42)");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no seeds in '" + text + "' (e.g. 1-20 or 7,42)");
        }
        return List.copyOf(out);
    }

    public void run() {
        long t0 = System.nanoTime();
        FxTable fx = SeedRates.table();
        DetectionSettings settings = DetectionSettings.defaults();
        Log.info("detection-replay: seeds %s, %d days, now %s, data %s; day windows only: %s not replayed (it needs "
                + "hour windows), its incidents left out of the score", o.seeds(), o.days(), o.now(),
                o.data().name().toLowerCase(Locale.ROOT), DetectionReplay.NOT_REPLAYED);
        List<DetectionReplay.Result> results = new ArrayList<>();
        for (long seed : o.seeds()) {
            long s0 = System.nanoTime();
            DetectionReplay.Result r = DetectionReplay.run(seed, o.days(), o.now(), o.data(), fx, settings);
            results.add(r);
            int incidents = 0;
            int found = 0;
            int alerts = 0;
            int right = 0;
            for (DetectionScore.KindScore k : r.scores().values()) {
                incidents += k.incidents();
                found += k.found();
                alerts += k.alerts();
                right += k.rightAlerts();
            }
            Log.info("detection-replay: seed %3d: incidents found %d of %d; alerts %d (false %d); %d channel and %d "
                    + "creative keys (%.1f s)", seed, found, incidents, alerts, alerts - right,
                    r.windows().channels().size(), r.windows().creatives().size(), (System.nanoTime() - s0) / 1e9);
        }
        double wall = (System.nanoTime() - t0) / 1e9;

        // per kind over all seeds
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, List<Double>> delays = new TreeMap<>();
        for (DetectionReplay.Result r : results) {
            for (DetectionScore.KindScore k : r.scores().values()) {
                int[] c = counts.computeIfAbsent(k.kind(), x -> new int[4]);
                c[0] += k.incidents();
                c[1] += k.found();
                c[2] += k.alerts();
                c[3] += k.rightAlerts();
                delays.computeIfAbsent(k.kind(), x -> new ArrayList<>()).addAll(k.delayHours());
            }
        }
        int[] all = new int[4];
        List<Double> allDelays = new ArrayList<>();
        Log.info("detection-replay: %-16s %9s %6s %6s %6s %9s %6s %12s", "kind", "incidents", "found", "alerts",
                "right", "precision", "recall", "median delay");
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            for (int i = 0; i < 4; i++) {
                all[i] += c[i];
            }
            allDelays.addAll(delays.get(e.getKey()));
            double precision = c[2] == 0 ? Double.NaN : (double) c[3] / c[2];
            double recall = c[0] == 0 ? Double.NaN : (double) c[1] / c[0];
            double delay = DetectionScore.median(delays.get(e.getKey()));
            Log.info("detection-replay: %-16s %9d %6d %6d %6d %9s %6s %10s h", e.getKey(), c[0], c[1], c[2], c[3],
                    f(precision), f(recall), f(delay));
            report.add(Figure.of("detection-replay", e.getKey() + ": precision " + f(precision) + ", recall "
                            + f(recall), String.format(Locale.ROOT, "%d incidents, %d alerts over %d seeds; median delay "
                            + "%s h", c[0], c[2], o.seeds().size(), f(delay)))
                    .with("kind", e.getKey()).with("incidents", c[0]).with("found", c[1]).with("alerts", c[2])
                    .with("rightAlerts", c[3]).with("precision", precision).with("recall", recall)
                    .with("medianDelayHours", delay).with("seeds", o.seeds().size()));
        }
        double precision = all[2] == 0 ? Double.NaN : (double) all[3] / all[2];
        double recall = all[0] == 0 ? Double.NaN : (double) all[1] / all[0];
        double delay = DetectionScore.median(allDelays);
        Log.info("detection-replay: %-16s %9d %6d %6d %6d %9s %6s %10s h", "all kinds", all[0], all[1], all[2], all[3],
                f(precision), f(recall), f(delay));
        report.add(Figure.of("detection-replay", "all kinds: precision " + f(precision) + ", recall " + f(recall)
                        + ", median delay " + f(delay) + " h", String.format(Locale.ROOT,
                        "%d incidents, %d alerts; %d seeds x %d days in %.1f s (offline, day windows, %s data)", all[0],
                        all[2], o.seeds().size(), o.days(), wall, o.data().name().toLowerCase(Locale.ROOT)))
                .with("precision", precision).with("recall", recall).with("medianDelayHours", delay)
                .with("incidents", all[0]).with("found", all[1]).with("alerts", all[2]).with("rightAlerts", all[3])
                .with("seeds", o.seeds()).with("days", o.days()).with("now", o.now().toString())
                .with("data", o.data().name().toLowerCase(Locale.ROOT))
                .with("wallSeconds", wall));
        report.note("detection-replay: " + String.join(", ", DetectionReplay.NOT_REPLAYED) + " not replayed (needs "
                + "hour windows); its incidents are left out. Windows judged on " + (o.data() == DetectionReplay.Data.FINAL
                ? "the final (restated) data." : "their first version reported 8 h after their end, as the job does."));

        for (DetectionReplay.Result r : results) {
            for (Alert a : r.opened()) {
                if (!right(r, a)) {
                    String target = a.creativeId() != null ? a.creativeId() : a.channelId();
                    Log.info("detection-replay: FALSE  seed %d %-16s %s since %s: %s observed %s, expected %s (%s). %s",
                            r.seed(), a.kind(), name(r, target), day(a.since()), a.metric(), a.observed(),
                            a.expected(), a.severity(), a.explanation());
                }
            }
        }
        for (DetectionReplay.Result r : results) {
            for (DetectionScore.Truth t : r.truth()) {
                boolean found = r.opened().stream().anyMatch(a -> a.kind().equals(t.kind())
                        && DetectionScore.matches(t, a));
                if (!found) {
                    Log.info("detection-replay: MISSED seed %d %-16s %s since %s to %s: %s", r.seed(), t.kind(),
                            name(r, t.target()), t.firstDay(), t.lastDay(), why(r, t));
                }
            }
        }
        Log.info("detection-replay: %d seeds in %.1f s wall", o.seeds().size(), wall);
    }

    private static boolean right(DetectionReplay.Result r, Alert a) {
        return r.truth().stream().anyMatch(t -> t.kind().equals(a.kind()) && DetectionScore.matches(t, a))
                || r.natural().stream().anyMatch(t -> t.kind().equals(a.kind()) && DetectionScore.matches(t, a));
    }

    private static String name(DetectionReplay.Result r, String target) {
        DetectionReplay.TargetName n = r.names().get(target);
        return n == null ? target : n.toString();
    }

    /** What the detector read on the incident's days (the scoring's span: a day either side). */
    static String why(DetectionReplay.Result r, DetectionScore.Truth t) {
        LocalDate from = t.firstDay().minusDays(1);
        LocalDate to = t.lastDay().plusDays(1);
        StringBuilder sb = new StringBuilder();
        if (t.kind().equals(AlertKind.CREATIVE_FATIGUE.wire())) {
            List<ReplayJudge.MatchReading> ms = r.judge().fatigueReadings().getOrDefault(t.target(), List.of());
            for (ReplayJudge.MatchReading m : ms) {
                LocalDate since = day(m.match().since());
                if (!since.isBefore(from) && !since.isAfter(to)) {
                    sb.append(String.format(Locale.ROOT, "run from %s to %s: %s; ", since, day(m.match().windowStart()),
                            m.reading() == null ? "too little reference (fewer than 5 windows in the 14 days before)"
                                    : reading(m.reading())));
                }
            }
            if (sb.isEmpty()) {
                sb.append("no run of worse windows (frequency up each day, CTR below the run's first) starting in the ")
                        .append("span; ");
            }
            sb.append("days (ctr %, frequency):");
            for (MetricWindow w : DetectionReplay.windowsOf(r.windows(), t.target())) {
                LocalDate d = day(w.start());
                if (!d.isBefore(from.minusDays(1)) && !d.isAfter(to)) {
                    sb.append(String.format(Locale.ROOT, " %s %.2f/%s", d.toString().substring(5), w.ctr() * 100,
                            w.frequency() == null ? "-" : w.frequency().toPlainString()));
                }
            }
            return sb.toString();
        }
        Map<Instant, Map<AlertKind, Reading>> days = r.judge().channelReadings().getOrDefault(t.target(), Map.of());
        AlertKind kind = AlertKind.parse(t.kind()).orElse(null);
        for (Map.Entry<Instant, Map<AlertKind, Reading>> e : days.entrySet()) {
            LocalDate d = day(e.getKey());
            if (d.isBefore(from) || d.isAfter(to)) {
                continue;
            }
            Reading x = kind == null ? null : e.getValue().get(kind);
            sb.append(d).append(": ").append(x == null ? "no reading (warm-up, too little volume or not enabled)"
                    : reading(x)).append("; ");
        }
        return sb.isEmpty() ? "no window of the target in the span" : sb.toString();
    }

    private static String reading(Reading x) {
        return String.format(Locale.ROOT, "%s %s %s vs %s expected (%+.0f%%)", x.anomalous() ? "ANOMALOUS" : "normal",
                x.metric(), num(x.observed()), num(x.expected()), x.deviation() * 100);
    }

    private static String num(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.4g", x) : String.valueOf(x);
    }

    private static LocalDate day(Instant i) {
        return LocalDate.ofInstant(i, ZoneOffset.UTC);
    }

    private static String f(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.2f", x);
    }
}
