package ai.omnify.api.alerts;

import ai.omnify.model.Json;
import ai.omnify.model.Parsed;
import ai.omnify.model.alert.AlertRules;
import ai.omnify.server.db.TenantDb;
import ai.omnify.server.http.ApiException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An organization's alert rules: read from {@code alert_rules} (the defaults when none are stored), replaced as a
 * whole by a PUT. A change is stored and published to {@code omnify.alert-rules} in one step: when the broker does
 * not take it, the transaction rolls back and the caller gets a 503 (stored and running rules never disagree).
 */
public final class AlertRulesService {
    private static final Logger LOG = LoggerFactory.getLogger(AlertRulesService.class);
    private final TenantDb db;
    private final RulesPublisher publisher;

    public AlertRulesService(TenantDb db, RulesPublisher publisher) {
        this.db = db;
        this.publisher = publisher;
    }

    public AlertRules get(UUID orgId) {
        return db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT rules::text FROM alert_rules WHERE organization_id = ?")) {
                ps.setObject(1, orgId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return AlertRules.defaults(orgId.toString());
                    }
                    return Json.read(rs.getString(1), AlertRules.class).value();
                }
            }
        });
    }

    /** Validates, stores and publishes {@code body}; the stored rules. */
    public AlertRules put(UUID orgId, String body, String by, Instant now) {
        Parsed<AlertRules> parsed = Json.read(body, AlertRules.class);
        if (!parsed.isOk()) {
            throw ApiException.invalidParameter("the body is not alert rules: " + parsed.error());
        }
        AlertRules given = parsed.value();
        if (given.orgId() != null && !given.orgId().equalsIgnoreCase(orgId.toString())) {
            throw ApiException.forbidden("the rules name organization " + given.orgId() + ", not yours");
        }
        AlertRules rules = given.withOrg(orgId.toString(), now);
        List<String> problems = rules.problems();
        if (!problems.isEmpty()) {
            throw ApiException.invalidParameter(String.join("; ", problems));
        }
        String json = Json.write(rules);
        return db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_rules (organization_id, rules, "
                    + "updated_at, updated_by) VALUES (?, ?::jsonb, now(), ?) ON CONFLICT (organization_id) DO UPDATE "
                    + "SET rules = EXCLUDED.rules, updated_at = now(), updated_by = EXCLUDED.updated_by")) {
                ps.setObject(1, orgId);
                ps.setString(2, json);
                ps.setString(3, by);
                ps.executeUpdate();
            }
            try {
                publisher.publish(rules);
            } catch (Exception e) {
                LOG.warn("cannot publish alert rules of {}: {}", orgId, e.toString());
                throw new ApiException(503, "unavailable",
                        "the rules could not be handed to the detection job (Kafka did not answer); nothing was "
                                + "changed, try again");
            }
            return rules;
        });
    }
}
