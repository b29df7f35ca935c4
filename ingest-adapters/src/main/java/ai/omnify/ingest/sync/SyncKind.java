package ai.omnify.ingest.sync;

import java.util.Locale;

/** Why a sync reads: the regular poll, the nightly lookback resync, or a backfill (first one or on demand). */
public enum SyncKind {
    POLL, NIGHTLY, BACKFILL;

    /** The value of {@code sync_runs.kind}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SyncKind fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
