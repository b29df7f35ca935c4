package ai.omnify.api.alerts.delivery;

import ai.omnify.server.db.TenantDb;
import ai.omnify.server.http.ApiException;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** An organization's alert subscriptions ({@code alert_subscriptions}) and the record of deliveries. */
public final class SubscriptionService {
    static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    private final TenantDb db;

    public SubscriptionService(TenantDb db) {
        this.db = db;
    }

    public List<Subscription> list(UUID orgId) {
        return db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, organization_id, type, url, format, secret, "
                    + "email, min_severity, enabled FROM alert_subscriptions WHERE organization_id = ? "
                    + "ORDER BY created_at, id")) {
                ps.setObject(1, orgId);
                List<Subscription> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    /** Validates and stores a subscription; webhooks get a new secret (returned once). */
    public Subscription create(UUID orgId, Map<String, Object> body) {
        String type = text(body, "type");
        String minSeverity = body.get("minSeverity") == null ? "info" : text(body, "minSeverity");
        if (!SEVERITIES.contains(minSeverity)) {
            throw ApiException.invalidParameter("minSeverity must be info, warning or critical");
        }
        String url = null;
        String format = "json";
        String secret = null;
        String email = null;
        if (Subscription.WEBHOOK.equals(type)) {
            url = text(body, "url");
            URI u;
            try {
                u = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidParameter("url is not a URL: " + e.getMessage());
            }
            if (url == null || u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))) {
                throw ApiException.invalidParameter("url must be an http(s) URL with a host, e.g. https://hooks.example.com/omnify");
            }
            format = body.get("format") == null ? "json" : text(body, "format");
            if (!Set.of("json", "slack").contains(format)) {
                throw ApiException.invalidParameter("format must be json or slack");
            }
            secret = WebhookSigner.newSecret();
        } else if (Subscription.EMAIL.equals(type)) {
            email = text(body, "email");
            if (email == null || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw ApiException.invalidParameter("email must be an address like ops@example.com");
            }
        } else {
            throw ApiException.invalidParameter("type must be webhook or email");
        }
        String u = url;
        String f = format;
        String s = secret;
        String e = email;
        return db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_subscriptions (organization_id, type, "
                    + "url, format, secret, email, min_severity) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                ps.setObject(1, orgId);
                ps.setString(2, type);
                ps.setString(3, u);
                ps.setString(4, f);
                ps.setString(5, s);
                ps.setString(6, e);
                ps.setString(7, minSeverity);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Subscription(rs.getString(1), orgId.toString(), type, u, f, s, e, minSeverity, true);
                }
            }
        });
    }

    /** False when the organization has no such subscription. */
    public boolean delete(UUID orgId, UUID id) {
        return db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM alert_subscriptions WHERE organization_id = ? AND id = ?")) {
                ps.setObject(1, orgId);
                ps.setObject(2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** How long a claim whose delivery never finished blocks a new attempt (longer than every retry of a send). */
    static final int CLAIM_TAKEOVER_MINUTES = 15;

    /**
     * Claims one delivery of an alert revision to a subscription: true when this call may send it; false when it was
     * sent (or is being sent) already, e.g. the same revision read again after a restore.
     */
    public boolean claim(String orgId, String subscriptionId, String alertId, int revision, String kind) {
        UUID org = UUID.fromString(orgId);
        return db.inOrg(org, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_delivery_claims (organization_id, "
                    + "subscription_id, alert_id, revision, kind) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (subscription_id, alert_id, revision, kind) DO UPDATE SET claimed_at = now() "
                    + "WHERE alert_delivery_claims.finished_at IS NULL "
                    + "AND alert_delivery_claims.claimed_at < now() - make_interval(mins => ?)")) {
                ps.setObject(1, org);
                ps.setObject(2, UUID.fromString(subscriptionId));
                ps.setObject(3, UUID.fromString(alertId));
                ps.setInt(4, revision);
                ps.setString(5, kind);
                ps.setInt(6, CLAIM_TAKEOVER_MINUTES);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Records how a delivery ended (and finishes its claim). */
    public void record(String orgId, String subscriptionId, String alertId, Integer revision, String kind,
            DeliveryResult r) {
        UUID org = UUID.fromString(orgId);
        db.inOrg(org, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_deliveries (organization_id, "
                    + "subscription_id, alert_id, revision, kind, status, attempts, response_status, last_error) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, org);
                ps.setObject(2, UUID.fromString(subscriptionId));
                ps.setObject(3, alertId == null ? null : UUID.fromString(alertId));
                ps.setObject(4, revision);
                ps.setString(5, kind);
                ps.setString(6, r.delivered() ? "delivered" : "failed");
                ps.setInt(7, r.attempts());
                ps.setObject(8, r.responseStatus());
                ps.setString(9, r.error() == null ? null : r.error().substring(0, Math.min(500, r.error().length())));
                ps.executeUpdate();
            }
            if (alertId != null && revision != null) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE alert_delivery_claims SET finished_at = now() "
                        + "WHERE subscription_id = ? AND alert_id = ? AND revision = ? AND kind = ?")) {
                    ps.setObject(1, UUID.fromString(subscriptionId));
                    ps.setObject(2, UUID.fromString(alertId));
                    ps.setInt(3, revision);
                    ps.setString(4, kind);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static String text(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null) {
            throw ApiException.invalidParameter(field + " is required");
        }
        if (!(v instanceof String s)) {
            throw ApiException.invalidParameter(field + " must be a string");
        }
        return s;
    }

    static Subscription row(ResultSet rs) throws SQLException {
        return new Subscription(rs.getString("id"), rs.getString("organization_id"), rs.getString("type"),
                rs.getString("url"), rs.getString("format"), rs.getString("secret"), rs.getString("email"),
                rs.getString("min_severity"), rs.getBoolean("enabled"));
    }
}
