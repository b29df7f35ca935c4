package ai.omnify.jobs.metrics;

import ai.omnify.model.metrics.MetricsUpdate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * An organization-day's row from its items: every channel's day totals (spend, platform results, attributed revenue)
 * and every store order of the day, attributed or not — so blended MER = all store revenue / all ad spend.
 */
public final class OrgDayRollup implements DayRollup {
    private static final long serialVersionUID = 1L;
    static final String ORG_ROW = "org";

    @Override
    public Set<String> touchedRows(Contribution item) {
        return Set.of(ORG_ROW);
    }

    @Override
    public Map<String, MetricsUpdate> rows(Collection<Contribution> items) {
        DayTotals t = new DayTotals();
        Contribution any = null;
        for (Contribution c : items) {
            any = any == null ? c : any;
            if (Contribution.CHANNEL.equals(c.kind())) {
                t.addChannel(c);
            } else if (Contribution.ORDER.equals(c.kind())) {
                t.addStore(c);
            }
        }
        if (any == null) {
            return Map.of();
        }
        return Map.of(ORG_ROW, t.toUpdate(any.orgId(), MetricsUpdate.ORG, MetricsUpdate.DAY, null, null, null, null,
                null, any.date(), null, null));
    }
}
