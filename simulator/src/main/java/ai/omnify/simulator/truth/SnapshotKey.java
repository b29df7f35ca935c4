package ai.omnify.simulator.truth;

import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import java.time.LocalDate;
import java.util.Comparator;

/** Identity of a snapshot within one organization: (platform, ad, date[, hour]). */
public record SnapshotKey(Platform platform, String adId, LocalDate date, Integer hour) implements Comparable<SnapshotKey> {
    private static final Comparator<SnapshotKey> ORDER = Comparator.comparing(SnapshotKey::platform)
            .thenComparing(SnapshotKey::adId)
            .thenComparing(SnapshotKey::date)
            .thenComparing(SnapshotKey::hour, Comparator.nullsFirst(Comparator.naturalOrder()));

    public static SnapshotKey of(AdInsight i) {
        return new SnapshotKey(i.platform(), i.adId(), i.date(), i.hour());
    }

    @Override
    public int compareTo(SnapshotKey o) {
        return ORDER.compare(this, o);
    }
}
