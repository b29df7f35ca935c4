package ai.omnify.ingest.webhook;

import ai.omnify.server.db.TenantDb;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

/** {@code webhook_events}: a claim is one statement ({@code omnify_claim_webhook}), a release a transaction scoped to the organization. */
public final class JdbcWebhookLedger implements WebhookLedger {
    private final TenantDb tx;

    public JdbcWebhookLedger(TenantDb tx) {
        this.tx = tx;
    }

    @Override
    public boolean claim(UUID orgId, String platform, List<String> keys, String topic, UUID connectionId) {
        if (keys.isEmpty()) {
            return true;
        }
        // one statement: the function sets the organization for row-level security itself
        return tx.withoutOrg(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT omnify_claim_webhook(?, ?, ?, ?, ?)")) {
                ps.setObject(1, orgId);
                ps.setString(2, platform);
                ps.setArray(3, c.createArrayOf("text", keys.toArray()));
                ps.setString(4, topic);
                ps.setObject(5, connectionId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    @Override
    public void release(UUID orgId, String platform, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        tx.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM webhook_events WHERE organization_id = ?"
                    + " AND platform = ? AND event_key = ANY (?::text[])")) {
                ps.setObject(1, orgId);
                ps.setString(2, platform);
                ps.setArray(3, c.createArrayOf("text", keys.toArray()));
                return ps.executeUpdate();
            }
        });
    }
}
