package ai.omnify.simulator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Json;
import ai.omnify.model.Parsed;
import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.insight.InsightRules;
import ai.omnify.simulator.Datasets;
import ai.omnify.simulator.truth.SnapshotKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The truth equals the latest-by-reportedAt valid snapshot of the emitted lines, computed here from the JSON alone. */
class SnapshotTruthTest {
    private final Datasets.History history = Datasets.ninetyDays();

    @Test
    void truthIsTheLatestValidSnapshotOfTheEmittedStream() {
        Map<SnapshotKey, AdInsight> latest = new HashMap<>();
        for (Platform p : List.of(Platform.META, Platform.GOOGLE, Platform.TIKTOK)) {
            for (FeedLine line : history.lines().get(p)) {
                AdInsight in = parseValid(line.json(), p);
                if (in != null) {
                    latest.merge(SnapshotKey.of(in), in, (old, neu) ->
                            neu.reportedAt().isBefore(old.reportedAt()) ? old : neu);
                }
            }
        }
        assertThat(latest).hasSize(history.truth().snapshots().size());
        assertThat(latest).containsExactlyInAnyOrderEntriesOf(history.truth().snapshots());
    }

    @Test
    void recentDaysAreRestatedWithLateConversionsAndTodayGrows() {
        Map<SnapshotKey, Set<String>> versions = new HashMap<>();
        Map<SnapshotKey, AdInsight> first = new HashMap<>();
        for (FeedLine line : history.lines().get(Platform.META)) {
            if (line.insight() != null && line.insight().hour() == null) {
                AdInsight in = line.insight();
                versions.computeIfAbsent(SnapshotKey.of(in), k -> new HashSet<>()).add(in.reportedAt().toString());
                first.putIfAbsent(SnapshotKey.of(in), in);
            }
        }
        // a full past day is reported by its own polls and restated by the polls of the next three days
        assertThat(versions.values().stream().mapToInt(Set::size).max().orElse(0)).isGreaterThanOrEqualTo(7);
        long restatedWithMoreConversions = history.truth().snapshots().entrySet().stream()
                .filter(e -> e.getKey().platform() == Platform.META && e.getKey().hour() == null)
                .filter(e -> first.containsKey(e.getKey()))
                .filter(e -> e.getValue().conversions().compareTo(first.get(e.getKey()).conversions()) > 0)
                .count();
        assertThat(restatedWithMoreConversions).isGreaterThan(1000);
        long grewDuringTheDay = history.truth().snapshots().entrySet().stream()
                .filter(e -> first.containsKey(e.getKey()))
                .filter(e -> e.getValue().spend().compareTo(first.get(e.getKey()).spend()) > 0)
                .count();
        assertThat(grewDuringTheDay).isGreaterThan(1000);
    }

    @Test
    void theStreamHasDuplicatesAndOlderSnapshotsSentAfterNewerOnes() {
        Map<SnapshotKey, AdInsight> seen = new HashMap<>();
        int olderAfterNewer = 0;
        int identical = 0;
        for (FeedLine line : history.lines().get(Platform.GOOGLE)) {
            if (line.insight() == null) {
                continue;
            }
            AdInsight in = line.insight();
            AdInsight before = seen.get(SnapshotKey.of(in));
            if (before != null && in.reportedAt().isBefore(before.reportedAt())) {
                olderAfterNewer++;
            }
            if (before != null && before.equals(in)) {
                identical++;
            }
            if (before == null || !in.reportedAt().isBefore(before.reportedAt())) {
                seen.put(SnapshotKey.of(in), in);
            }
        }
        assertThat(olderAfterNewer).isGreaterThan(50);
        assertThat(identical).isGreaterThan(100);
    }

    @Test
    void hourRowsOfADaySumToItsDayRowReportedAtTheSameInstant() {
        List<AdInsight> lastPoll = history.truth().snapshots().values().stream()
                .filter(s -> s.reportedAt().equals(Datasets.NOW)).toList();
        Map<String, AdInsight> days = new HashMap<>();
        Map<String, long[]> hourSums = new HashMap<>();
        for (AdInsight s : lastPoll) {
            String k = s.platform() + s.adId() + s.date();
            if (s.hour() == null) {
                days.put(k, s);
            } else {
                long[] sum = hourSums.computeIfAbsent(k, x -> new long[3]);
                sum[0] += s.spend().movePointRight(4).longValueExact();
                sum[1] += s.impressions();
                sum[2] += s.clicks();
            }
        }
        assertThat(hourSums).isNotEmpty();
        hourSums.forEach((k, sum) -> {
            AdInsight day = days.get(k);
            assertThat(day).as(k).isNotNull();
            assertThat(sum[0]).as(k).isEqualTo(day.spend().movePointRight(4).longValueExact());
            assertThat(sum[1]).isEqualTo(day.impressions());
            assertThat(sum[2]).isEqualTo(day.clicks());
        });
    }

    @Test
    void valuesAreShapedLikeThePlatformsReportThem() {
        assertThat(history.truth().snapshots().values()).allSatisfy(s -> {
            assertThat(s.clicks()).isLessThanOrEqualTo(s.impressions());
            if (s.reach() != null) {
                assertThat(s.reach()).isLessThanOrEqualTo(s.impressions());
            }
            assertThat(s.spend().scale()).isEqualTo(s.platform() == Platform.GOOGLE ? 4 : 2);
            assertThat(s.conversionValue().scale()).isEqualTo(2);
            if (s.platform() != Platform.GOOGLE) {
                assertThat(s.conversions().stripTrailingZeros().scale()).isLessThanOrEqualTo(0);
            }
        });
        assertThat(history.truth().snapshots().values())
                .anySatisfy(s -> assertThat(s.conversions().stripTrailingZeros().scale()).isPositive());
        assertThat(history.truth().snapshots().values()).filteredOn(s -> s.hour() != null).isNotEmpty();
    }

    /** Parses and validates a line as the ingest service would; null when it is rejected. */
    static AdInsight parseValid(String json, Platform platform) {
        Parsed<AdInsight> parsed = Json.read(json, AdInsight.class);
        if (!parsed.isOk()) {
            return null;
        }
        AdInsight in = InsightRules.withDefaults(parsed.value().withPlatform(platform), Datasets.NOW, "ingest");
        return InsightRules.validate(in, Datasets.NOW).isEmpty() ? in : null;
    }
}
