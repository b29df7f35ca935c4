package ai.omnify.jobs.brain;

import ai.omnify.model.DeadLetter;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.metrics.MetricsUpdate;

/**
 * A record of {@code omnify.channel-metrics}, {@code omnify.alerts} or {@code omnify.ad-entities} after parsing — a
 * day row, an alert, an ad's copy — or the end of an organization's history reload, or why the record is unusable.
 *
 * @param loaded set on the marker that ends a history reload (its day rows came before it as metrics inputs)
 */
public record BrainInput(String orgId, MetricsUpdate metrics, Alert alert, AdCopy ad, HistoryLoaded loaded,
        DeadLetter deadLetter) {

    /** The end of a history reload: how many day rows it brought, and why it failed (null when it did not). */
    public record HistoryLoaded(int rows, String problem) {}

    public static BrainInput of(MetricsUpdate m) {
        return new BrainInput(m.orgId(), m, null, null, null, null);
    }

    public static BrainInput of(Alert a) {
        return new BrainInput(a.orgId(), null, a, null, null, null);
    }

    public static BrainInput of(String orgId, AdCopy ad) {
        return new BrainInput(orgId, null, null, ad, null, null);
    }

    public static BrainInput loaded(String orgId, int rows, String problem) {
        return new BrainInput(orgId, null, null, null, new HistoryLoaded(rows, problem), null);
    }

    public static BrainInput rejected(DeadLetter d) {
        return new BrainInput(null, null, null, null, null, d);
    }

    public boolean isOk() {
        return deadLetter == null;
    }
}
