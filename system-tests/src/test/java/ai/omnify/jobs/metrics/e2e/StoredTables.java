package ai.omnify.jobs.metrics.e2e;

import ai.omnify.testing.TestDatabase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/** The metrics tables as stored, keyed like {@link GroundTruth}, with values at the same scales. */
final class StoredTables {
    final Map<String, GroundTruth.Row> channelDays = new TreeMap<>();
    final Map<String, GroundTruth.Row> channelHours = new TreeMap<>();
    final Map<String, GroundTruth.Row> creativeDays = new TreeMap<>();
    final Map<String, GroundTruth.OrgRow> orgDays = new TreeMap<>();

    static StoredTables read(TestDatabase db, String orgId) {
        StoredTables t = new StoredTables();
        java.util.UUID org = java.util.UUID.fromString(orgId);
        for (Map<String, Object> r : db.query("SELECT * FROM daily_metrics WHERE organization_id = ?", org)) {
            t.channelDays.put(r.get("channel_id") + "|" + r.get("date"), row(r));
        }
        for (Map<String, Object> r : db.query("SELECT * FROM hourly_metrics WHERE organization_id = ?", org)) {
            t.channelHours.put(r.get("channel_id") + "|" + r.get("date") + "|" + r.get("hour"), row(r));
        }
        for (Map<String, Object> r : db.query("SELECT * FROM creative_daily_metrics WHERE organization_id = ?", org)) {
            t.creativeDays.put(r.get("creative_id") + "|" + r.get("date"), row(r));
        }
        for (Map<String, Object> r : db.query("SELECT * FROM org_daily_metrics WHERE organization_id = ?", org)) {
            t.orgDays.put(String.valueOf(r.get("date")), new GroundTruth.OrgRow(money(r.get("spend")),
                    money(r.get("store_revenue")), ((Number) r.get("orders")).longValue()));
        }
        return t;
    }

    private static GroundTruth.Row row(Map<String, Object> r) {
        return new GroundTruth.Row(money(r.get("spend")), ((Number) r.get("impressions")).longValue(),
                ((Number) r.get("clicks")).longValue(), ((BigDecimal) r.get("conversions")).setScale(6, RoundingMode.UNNECESSARY),
                money(r.get("conversion_value")), money(r.get("attributed_revenue")),
                ((Number) r.get("attributed_orders")).longValue());
    }

    static BigDecimal money(Object v) {
        return ((BigDecimal) v).setScale(4, RoundingMode.UNNECESSARY);
    }
}
