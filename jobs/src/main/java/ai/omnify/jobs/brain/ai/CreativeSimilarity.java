package ai.omnify.jobs.brain.ai;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How alike two creatives' copy is, to say "this new ad is a near-copy of a fatigued one": cosine similarity of
 * embeddings when an embedding service is configured, else (or when it fails) of local character-trigram counts.
 */
public final class CreativeSimilarity {
    /** Above this a new creative counts as a near-copy. */
    public static final double NEAR_COPY = 0.85;

    /** A pair of texts and how alike they are (0..1). */
    public record Match(String a, String b, double similarity, String method) {}

    private final Embedder embedder;

    /** @param embedder null for the local measure only */
    public CreativeSimilarity(Embedder embedder) {
        this.embedder = embedder;
    }

    /** Each candidate's best match among the references. */
    public CompletableFuture<List<Match>> bestMatches(List<String> candidates, List<String> references) {
        if (candidates.isEmpty() || references.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (embedder == null) {
            return CompletableFuture.completedFuture(local(candidates, references));
        }
        List<String> all = new ArrayList<>(candidates);
        all.addAll(references);
        return embedder.embed(all).thenApply(vectors -> {
            List<Match> out = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                Match best = null;
                for (int j = 0; j < references.size(); j++) {
                    double s = cosine(vectors.get(i), vectors.get(candidates.size() + j));
                    if (best == null || s > best.similarity()) {
                        best = new Match(candidates.get(i), references.get(j), s, "embeddings");
                    }
                }
                out.add(best);
            }
            return out;
        }).exceptionally(e -> local(candidates, references));
    }

    static List<Match> local(List<String> candidates, List<String> references) {
        List<Match> out = new ArrayList<>();
        for (String c : candidates) {
            Match best = null;
            for (String r : references) {
                double s = trigramCosine(c, r);
                if (best == null || s > best.similarity()) {
                    best = new Match(c, r, s, "trigrams");
                }
            }
            out.add(best);
        }
        return out;
    }

    /** Cosine similarity of character-trigram counts (case and surrounding space ignored). */
    public static double trigramCosine(String a, String b) {
        Map<String, Integer> x = trigrams(a);
        Map<String, Integer> y = trigrams(b);
        double dot = 0;
        for (var e : x.entrySet()) {
            dot += e.getValue() * (double) y.getOrDefault(e.getKey(), 0);
        }
        double nx = Math.sqrt(x.values().stream().mapToDouble(v -> (double) v * v).sum());
        double ny = Math.sqrt(y.values().stream().mapToDouble(v -> (double) v * v).sum());
        return nx == 0 || ny == 0 ? 0 : dot / (nx * ny);
    }

    private static Map<String, Integer> trigrams(String s) {
        String t = " " + s.toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ") + " ";
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i + 3 <= t.length(); i++) {
            m.merge(t.substring(i, i + 3), 1, Integer::sum);
        }
        return m;
    }

    /** Cosine similarity of two vectors (0 when either is zero; extra dimensions of the longer one ignored). */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
