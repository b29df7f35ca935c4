package ai.omnify.simulator.cli;

import ai.omnify.model.Platform;
import ai.omnify.simulator.stream.FeedLine;
import ai.omnify.simulator.stream.FeedSlice;
import ai.omnify.simulator.stream.FeedStream;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import ai.omnify.simulator.truth.GroundTruth;
import ai.omnify.simulator.truth.GroundTruthWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** {@code generate}: the history as NDJSON files per platform, and its ground truth, without sending anything. */
final class GenerateCommand {
    static final Set<String> VALUED = Set.of("--out", "--days", "--seed", "--now", "--org-id", "--hourly-days");

    private GenerateCommand() {}

    static int run(Args a, PrintStream out, Clock clock) throws UsageException, IOException {
        Path dir = Path.of(a.required("--out", null, "say where to write, e.g. --out /tmp/omnify-sim"));
        int days = a.integer("--days", 90, 1, SimulationConfig.MAX_DAYS);
        long seed = a.longValue("--seed", 42);
        int hourly = a.integer("--hourly-days", 2, 0, SimulationConfig.MAX_DAYS);
        String now = a.string("--now", null);
        Instant at;
        try {
            at = now == null ? clock.instant() : Instant.parse(now);
        } catch (DateTimeParseException e) {
            throw new UsageException("generate", "--now " + now + " is not an instant: use ISO-8601 such as "
                    + "2026-11-25T12:00:00Z");
        }
        SimulationConfig config = SimulationConfig.of(seed, days, at, a.string("--org-id", null)).withHourlyDays(hourly);
        if (a.has("--incidents")) {
            config = config.withStandardIncidents();
        }
        long start = System.nanoTime();
        FeedStream stream = SyntheticBrand.create(config).stream();
        GroundTruth truth = new GroundTruth();
        Path feed = dir.resolve("feed");
        Files.createDirectories(feed);
        Map<Platform, BufferedWriter> writers = new EnumMap<>(Platform.class);
        try {
            for (Platform p : Platform.values()) {
                writers.put(p, Files.newBufferedWriter(feed.resolve(p.wire() + ".ndjson"), StandardCharsets.UTF_8));
            }
            while (stream.hasMoreHistory()) {
                FeedSlice slice = stream.nextHistoryDay();
                truth.accept(slice);
                for (Platform p : Platform.values()) {
                    BufferedWriter w = writers.get(p);
                    for (FeedLine line : slice.lines(p)) {
                        w.write(line.json());
                        w.write('\n');
                    }
                }
            }
        } finally {
            for (BufferedWriter w : writers.values()) {
                w.close();
            }
        }
        GroundTruthWriter.write(dir.resolve("truth"), stream, truth);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("generated %d history days (seed %d, now %s) in %.1f s%n", days, seed, config.now(), seconds);
        for (Platform p : Platform.values()) {
            out.printf("  %s: %,d lines%n", feed.resolve(p.wire() + ".ndjson"), truth.lineCounts().getOrDefault(p, 0L));
        }
        out.printf("  %s: %,d snapshots, %,d orders, %,d bad rows (see README.txt)%n", dir.resolve("truth"),
                truth.snapshots().size(), truth.orders().size(), truth.badLines().size());
        return 0;
    }
}
