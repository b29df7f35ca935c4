package ai.omnify.bench.detection;

import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.simulator.stream.FeedLine;
import ai.omnify.simulator.stream.FeedSlice;
import ai.omnify.simulator.stream.FeedStream;
import ai.omnify.simulator.stream.SyntheticBrand;
import ai.omnify.simulator.truth.GroundTruth;
import ai.omnify.simulator.truth.SnapshotKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A brand's history as sent: the {@link GroundTruth} (final snapshot per key, final order versions) and every valid
 * version of every snapshot (a day's intraday polls and later restatements) with the history day (slice, from 1) that
 * sent it, so a window can be rebuilt as it was when the DetectionJob judged it.
 *
 * @param sliceOf per version (by identity), the history day that sent it
 */
public record ReplayHistory(GroundTruth truth, Map<SnapshotKey, List<AdInsight>> versions,
        Map<AdInsight, Integer> sliceOf) {

    public static ReplayHistory of(SyntheticBrand brand) {
        GroundTruth truth = new GroundTruth();
        Map<SnapshotKey, List<AdInsight>> versions = new TreeMap<>();
        Map<AdInsight, Integer> sliceOf = new IdentityHashMap<>();
        FeedStream stream = brand.stream();
        int n = 0;
        while (stream.hasMoreHistory()) {
            FeedSlice slice = stream.nextHistoryDay();
            n++;
            truth.accept(slice);
            for (Platform p : Platform.values()) {
                for (FeedLine line : slice.lines(p)) {
                    if (!line.isBad() && line.insight() != null) {
                        versions.computeIfAbsent(SnapshotKey.of(line.insight()), k -> new ArrayList<>())
                                .add(line.insight());
                        sliceOf.put(line.insight(), n);
                    }
                }
            }
        }
        return new ReplayHistory(truth, Collections.unmodifiableMap(versions), Collections.unmodifiableMap(sliceOf));
    }
}
