package ai.omnify.ingest.meta;

import java.util.Locale;
import java.util.Set;

/**
 * Meta's {@code effective_status} in Omnify's words. {@code active}: it delivers or is about to (in review, being
 * processed); {@code paused}: it does not deliver but can again (paused itself or through its campaign or ad set,
 * disapproved, waiting for billing, with issues); {@code archived}: archived or deleted. A word Meta adds later reads
 * as {@code paused} (not delivering is the safe reading); the original word travels as {@code platformStatus}.
 */
public final class MetaStatuses {
    private static final Set<String> ACTIVE = Set.of("ACTIVE", "PENDING_REVIEW", "PREAPPROVED", "IN_PROCESS");
    private static final Set<String> ARCHIVED = Set.of("ARCHIVED", "DELETED");

    private MetaStatuses() {}

    /** @param effectiveStatus Meta's word, or null: then {@code status} is read instead */
    public static String omnify(String effectiveStatus, String status) {
        String word = effectiveStatus != null && !effectiveStatus.isBlank() ? effectiveStatus : status;
        if (word == null || word.isBlank()) {
            return "paused";
        }
        String w = word.trim().toUpperCase(Locale.ROOT);
        if (ACTIVE.contains(w)) {
            return "active";
        }
        return ARCHIVED.contains(w) ? "archived" : "paused";
    }
}
