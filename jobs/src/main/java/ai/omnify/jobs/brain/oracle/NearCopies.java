package ai.omnify.jobs.brain.oracle;

import ai.omnify.jobs.brain.AdCopy;
import ai.omnify.jobs.brain.BrainHistory;
import ai.omnify.jobs.brain.Num;
import ai.omnify.jobs.brain.ai.CreativeSimilarity;
import ai.omnify.model.brain.Oracle;
import ai.omnify.model.metrics.MetricsUpdate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * "This new ad is a near-copy of a fatigued one": for each live creative of the organization launched in the last
 * {@link #NEW_DAYS} days, the most similar creative launched before it that is fatigued or fatiguing (within 7
 * days); a near-copy when the similarity of their copy ({@link AdCopy#text()}: headline and body, else the name)
 * reaches {@link CreativeSimilarity#NEAR_COPY}. The
 * similarity is the cosine of their embeddings when both have one from the same model, else of character trigrams
 * — a function of the inputs either way, so a replay gives the same brain.
 */
public final class NearCopies {
    public static final int NEW_DAYS = 30;
    static final int FATIGUE_DAYS = 7;

    /**
     * @param method {@code embeddings} or {@code text}
     * @param fatiguedDays days until the fatigued creative crosses its threshold (0: already past it)
     */
    public record NearCopy(String creativeId, String channelId, String name, LocalDate launched, String fatiguedId,
            String fatiguedName, int fatiguedDays, double similarity, String method) {}

    private NearCopies() {}

    public static List<NearCopy> find(BrainHistory h, List<Oracle.Fatigue> fatigue) {
        List<NearCopy> out = new ArrayList<>();
        if (h.origin() == null) {
            return out;
        }
        List<Oracle.Fatigue> tired = fatigue.stream()
                .filter(f -> f.daysToFatigue() != null && f.daysToFatigue() <= FATIGUE_DAYS).toList();
        if (tired.isEmpty()) {
            return out;
        }
        TreeSet<String> ids = new TreeSet<>(h.creatives().keySet());
        ids.addAll(h.ads().keySet());
        for (String id : ids) {
            AdCopy ad = h.ads().get(id);
            LocalDate launched = launched(h, id);
            if (launched == null || launched.isBefore(h.origin().minusDays(NEW_DAYS - 1))
                    || (ad != null && !ad.isLive())) {
                continue;
            }
            NearCopy best = null;
            for (Oracle.Fatigue f : tired) {
                LocalDate fLaunched = launched(h, f.creativeId());
                if (f.creativeId().equals(id) || fLaunched == null || !launched.isAfter(fLaunched)) {
                    continue;
                }
                AdCopy other = h.ads().get(f.creativeId());
                boolean embedded = ad != null && other != null && ad.embedding() != null && other.embedding() != null
                        && ad.embeddingModel() != null && ad.embeddingModel().equals(other.embeddingModel());
                double sim = embedded ? CreativeSimilarity.cosine(ad.embedding(), other.embedding())
                        : CreativeSimilarity.trigramCosine(text(h, id), text(h, f.creativeId()));
                if (sim >= CreativeSimilarity.NEAR_COPY && (best == null || sim > best.similarity())) {
                    best = new NearCopy(id, channelId(h, id), name(h, id), launched, f.creativeId(),
                            name(h, f.creativeId()), f.daysToFatigue(), sim, embedded ? "embeddings" : "text");
                }
            }
            if (best != null) {
                out.add(best);
            }
        }
        out.sort(Comparator.comparingDouble(NearCopy::similarity).reversed().thenComparing(NearCopy::creativeId));
        return out;
    }

    /** The ad's launch day, else the creative's first day with data. */
    static LocalDate launched(BrainHistory h, String creativeId) {
        AdCopy ad = h.ads().get(creativeId);
        if (ad != null && ad.launchDate() != null) {
            return ad.launchDate();
        }
        TreeMap<LocalDate, MetricsUpdate> rows = h.creatives().get(creativeId);
        return rows == null || rows.isEmpty() ? null : rows.firstKey();
    }

    /** The ad's copy (else its name); the metrics name when the ad is not known. */
    static String text(BrainHistory h, String creativeId) {
        AdCopy ad = h.ads().get(creativeId);
        if (ad != null && !ad.text().isEmpty()) {
            return ad.text();
        }
        String n = metricsName(h, creativeId);
        return n == null ? "" : n;
    }

    static String name(BrainHistory h, String creativeId) {
        String n = metricsName(h, creativeId);
        AdCopy ad = h.ads().get(creativeId);
        if (n == null && ad != null) {
            n = ad.adName() != null ? ad.adName() : ad.creativeName();
        }
        return n == null ? creativeId : n;
    }

    private static String metricsName(BrainHistory h, String creativeId) {
        TreeMap<LocalDate, MetricsUpdate> rows = h.creatives().get(creativeId);
        return rows == null || rows.isEmpty() ? null : rows.lastEntry().getValue().name();
    }

    private static String channelId(BrainHistory h, String creativeId) {
        TreeMap<LocalDate, MetricsUpdate> rows = h.creatives().get(creativeId);
        if (rows == null || rows.isEmpty()) {
            AdCopy ad = h.ads().get(creativeId);
            return ad == null ? null : ad.channelId();
        }
        return rows.lastEntry().getValue().channelId();
    }

    /** How a near-copy reads in a risk or an action. */
    public static String describe(NearCopy n) {
        String state = n.fatiguedDays() == 0 ? "is already past its fatigue threshold"
                : "will cross its fatigue threshold in about " + n.fatiguedDays() + " days";
        return "new ad '" + n.name() + "' (launched " + n.launched() + ") is a near-copy of '" + n.fatiguedName()
                + "', which " + state + " (copy similarity " + Num.ratio(n.similarity()).setScale(2,
                java.math.RoundingMode.HALF_EVEN) + " by " + (n.method().equals("embeddings") ? "embeddings"
                : "text") + ")";
    }
}
