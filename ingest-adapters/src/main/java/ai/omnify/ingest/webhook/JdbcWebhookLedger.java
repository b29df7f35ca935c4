package ai.omnify.ingest.webhook;

import ai.omnify.ingest.db.TenantTx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

/** {@code webhook_events}, in transactions scoped to the organization. */
public final class JdbcWebhookLedger implements WebhookLedger {
    private final TenantTx tx;

    public JdbcWebhookLedger(TenantTx tx) {
        this.tx = tx;
    }

    @Override
    public boolean seen(UUID orgId, String platform, List<String> keys) {
        if (keys.isEmpty()) {
            return false;
        }
        return tx.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM webhook_events WHERE organization_id = ?"
                    + " AND platform = ? AND event_key = ANY (?) LIMIT 1")) {
                ps.setObject(1, orgId);
                ps.setString(2, platform);
                ps.setArray(3, c.createArrayOf("text", keys.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public void record(UUID orgId, String platform, List<String> keys, String topic, UUID connectionId) {
        if (keys.isEmpty()) {
            return;
        }
        tx.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_events (organization_id, platform,"
                    + " event_key, topic, connection_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (String key : keys) {
                    ps.setObject(1, orgId);
                    ps.setString(2, platform);
                    ps.setString(3, key);
                    ps.setString(4, topic);
                    ps.setObject(5, connectionId);
                    ps.addBatch();
                }
                return ps.executeBatch().length;
            }
        });
    }
}
