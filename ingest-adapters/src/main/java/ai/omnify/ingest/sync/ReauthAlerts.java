package ai.omnify.ingest.sync;

import ai.omnify.ingest.connections.ConnectionDetails;
import ai.omnify.ingest.sink.RecordSink;
import ai.omnify.model.Json;
import ai.omnify.model.Topics;
import ai.omnify.model.alert.Alert;
import ai.omnify.server.db.TenantDb;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the organization that a connection needs to be re-authorized: a row in {@code alerts} and an
 * {@link Alert} of kind {@value #KIND} on {@code omnify.alerts} (keyed {@code org:alertKey}).
 */
public class ReauthAlerts {
    public static final String KIND = "connection_needs_reauth";
    private static final Logger LOG = LoggerFactory.getLogger(ReauthAlerts.class);
    private final TenantDb tx;
    private final RecordSink sink;
    private final Topics topics;

    public ReauthAlerts(TenantDb tx, RecordSink sink, Topics topics) {
        this.tx = tx;
        this.sink = sink;
        this.topics = topics;
    }

    public Alert raise(ConnectionDetails c, String reason, Instant now) {
        String key = KIND + ":connection:" + c.id();
        String explanation = "The " + c.platform().wire() + " connection " + c.account() + " needs to be re-authorized ("
                + reason + "). Syncing it has stopped; connect it again with POST /api/v1/connections.";
        Alert alert = new Alert(UUID.randomUUID().toString(), c.orgId().toString(), key, KIND, "critical", "open",
                null, null, null, null, null, null, null, null, now, now, explanation, 1);
        tx.inOrg(c.orgId(), conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO alerts (id, organization_id, alert_key, kind,"
                    + " severity, status, explanation, payload, detected_at) VALUES (?, ?, ?, ?, 'critical', 'open', ?,"
                    + " ?::jsonb, ?)")) {
                ps.setObject(1, UUID.fromString(alert.id()));
                ps.setObject(2, c.orgId());
                ps.setString(3, key);
                ps.setString(4, KIND);
                ps.setString(5, explanation);
                ps.setString(6, Json.write(Map.of("connectionId", c.id().toString(), "platform", c.platform().wire(),
                        "account", c.account())));
                ps.setTimestamp(7, Timestamp.from(now));
                return ps.executeUpdate();
            }
        });
        CompletableFuture<Exception> sent = new CompletableFuture<>();
        sink.send(topics, Topics.ALERTS, alert, sent::complete);
        try {
            Exception e = sent.get(30, TimeUnit.SECONDS);
            if (e != null) {
                LOG.warn("the re-authorization alert of connection {} is stored but Kafka did not take it: {}", c.id(), e.getMessage());
            }
        } catch (Exception e) {
            LOG.warn("the re-authorization alert of connection {} is stored but was not acknowledged by Kafka: {}", c.id(), e.toString());
        }
        return alert;
    }
}
