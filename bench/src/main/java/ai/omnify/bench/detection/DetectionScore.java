package ai.omnify.bench.detection;

import ai.omnify.model.alert.Alert;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Scores alerts against injected incidents (pure). An incident is found when an alert of its kind on its target has
 * {@code since} (the label of its first anomalous window) from the day before the incident's first day (creative
 * fatigue's sequence starts on the reference window before the decline) to the day after its last (windows are
 * labelled by the account's date read as UTC: docs/decisions/detection-windows.md). An alert is right when it finds an
 * incident; every other alert is a false positive of its kind. Delay: from the incident's start (the account's local
 * midnight) to the end of the window the alert first opened on, in the account's local time, i.e. data time.
 */
public final class DetectionScore {
    /** One injected incident (consecutive days of one kind on one target merged). */
    public record Truth(String kind, String target, Instant start, Instant end, ZoneId zone) {
        LocalDate firstDay() {
            return LocalDate.ofInstant(start, zone);
        }

        LocalDate lastDay() {
            return LocalDate.ofInstant(end.minusMillis(1), zone);
        }
    }

    /** Precision, recall and delays of one kind. */
    public record KindScore(String kind, int incidents, int found, int alerts, int rightAlerts, List<Double> delayHours) {
        public double precision() {
            return alerts == 0 ? Double.NaN : (double) rightAlerts / alerts;
        }

        public double recall() {
            return incidents == 0 ? Double.NaN : (double) found / incidents;
        }
    }

    private DetectionScore() {}

    /** Merges incidents of one kind and target that follow each other directly (fatigue is one incident of days). */
    public static List<Truth> merge(List<Truth> days) {
        List<Truth> sorted = new ArrayList<>(days);
        sorted.sort((a, b) -> a.start().compareTo(b.start()));
        List<Truth> out = new ArrayList<>();
        for (Truth t : sorted) {
            int last = -1;
            for (int i = 0; i < out.size(); i++) {
                Truth o = out.get(i);
                if (o.kind().equals(t.kind()) && o.target().equals(t.target()) && !o.end().isBefore(t.start())) {
                    last = i;
                }
            }
            if (last >= 0) {
                Truth o = out.get(last);
                out.set(last, new Truth(o.kind(), o.target(), o.start(), t.end(), o.zone()));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /** The alerts' first records (revision 1, or the lowest seen per id), scored per kind. */
    public static Map<String, KindScore> score(List<Truth> incidents, List<Alert> firstRecords) {
        return score(incidents, firstRecords, List.of());
    }

    /**
     * As {@link #score(List, List)}, and an alert that matches one of {@code alsoTrue} (what the simulator does on its
     * own and knows it does: a creative's natural fatigue) is right too; those are not counted in recall.
     */
    public static Map<String, KindScore> score(List<Truth> incidents, List<Alert> firstRecords, List<Truth> alsoTrue) {
        TreeSet<String> kinds = new TreeSet<>();
        incidents.forEach(i -> kinds.add(i.kind()));
        firstRecords.forEach(a -> kinds.add(a.kind()));
        Map<String, KindScore> out = new LinkedHashMap<>();
        for (String kind : kinds) {
            List<Truth> ts = incidents.stream().filter(i -> i.kind().equals(kind)).toList();
            List<Alert> as = firstRecords.stream().filter(a -> a.kind().equals(kind)).toList();
            int right = 0;
            for (Alert a : as) {
                if (ts.stream().anyMatch(t -> matches(t, a))
                        || alsoTrue.stream().anyMatch(t -> t.kind().equals(kind) && matches(t, a))) {
                    right++;
                }
            }
            int found = 0;
            List<Double> delays = new ArrayList<>();
            for (Truth t : ts) {
                Alert first = as.stream().filter(a -> matches(t, a))
                        .min((x, y) -> x.windowEnd().compareTo(y.windowEnd())).orElse(null);
                if (first != null) {
                    found++;
                    // the window's end is a UTC-read label of the account's local date/hour: back to local time
                    Instant end = first.windowEnd().atZone(ZoneOffset.UTC).toLocalDateTime().atZone(t.zone()).toInstant();
                    delays.add(Duration.between(t.start(), end).toMinutes() / 60.0);
                }
            }
            out.put(kind, new KindScore(kind, ts.size(), found, as.size(), right, delays));
        }
        return out;
    }

    /** Whether {@code a} is on {@code t}'s target and starts within it (kind not compared). */
    public static boolean matches(Truth t, Alert a) {
        String target = a.creativeId() != null ? a.creativeId() : a.channelId();
        if (!t.target().equals(target) || a.since() == null) {
            return false;
        }
        LocalDate since = LocalDate.ofInstant(a.since(), ZoneOffset.UTC);
        return !since.isBefore(t.firstDay().minusDays(1)) && !since.isAfter(t.lastDay().plusDays(1));
    }

    public static double median(List<Double> xs) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(xs);
        s.sort(Double::compare);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
