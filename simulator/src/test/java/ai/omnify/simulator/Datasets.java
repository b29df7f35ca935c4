package ai.omnify.simulator;

import ai.omnify.model.Platform;
import ai.omnify.simulator.stream.FeedLine;
import ai.omnify.simulator.stream.FeedSlice;
import ai.omnify.simulator.stream.FeedStream;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import ai.omnify.simulator.truth.GroundTruth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Generated histories shared by the tests of one JVM (generating 90 days takes a few seconds). */
public final class Datasets {
    public static final Instant NOW = Instant.parse("2026-11-25T22:09:42.123Z");
    public static final String ORG = "3b1f6a2e-5d7c-4e8a-9f00-0123456789ab";

    /** A generated history: the stream (positioned after the history), every line in send order, the truth. */
    public record History(SyntheticBrand brand, FeedStream stream, Map<Platform, List<FeedLine>> lines,
            GroundTruth truth) {

        public List<FeedLine> all() {
            List<FeedLine> all = new ArrayList<>();
            lines.values().forEach(all::addAll);
            return all;
        }
    }

    private static History ninety;

    private Datasets() {}

    /** 90 days, seed 42, with an organization id. Do not tick its stream (shared). */
    public static synchronized History ninetyDays() {
        if (ninety == null) {
            ninety = generate(SimulationConfig.of(42, 90, NOW, ORG));
        }
        return ninety;
    }

    public static History generate(SimulationConfig config) {
        SyntheticBrand brand = SyntheticBrand.create(config);
        FeedStream stream = brand.stream();
        GroundTruth truth = new GroundTruth();
        Map<Platform, List<FeedLine>> lines = new EnumMap<>(Platform.class);
        for (Platform p : Platform.values()) {
            lines.put(p, new ArrayList<>());
        }
        while (stream.hasMoreHistory()) {
            FeedSlice slice = stream.nextHistoryDay();
            truth.accept(slice);
            slice.lines().forEach((p, l) -> lines.get(p).addAll(l));
        }
        return new History(brand, stream, lines, truth);
    }
}
