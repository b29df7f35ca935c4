package ai.omnify.jobs.detection;

import ai.omnify.model.DeadLetter;
import ai.omnify.model.Json;
import ai.omnify.model.Parsed;
import ai.omnify.model.Topics;
import ai.omnify.model.alert.AlertRules;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The organizations' alert rules in broadcast state: organization id → rules JSON (strings, so the state needs no
 * generic types). Each operator instance keeps the parsed form of the JSON it last saw per organization.
 */
public final class RulesState implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String SOURCE = "job:detection:alert-rules";
    public static final MapStateDescriptor<String, String> DESCRIPTOR =
            new MapStateDescriptor<>("alert-rules", Types.STRING, Types.STRING);

    private transient Map<String, String> seenJson;
    private transient Map<String, AlertRules> parsed;

    /** The organization's rules now, or the defaults when it has none. */
    public AlertRules rulesOf(String orgId, ReadOnlyBroadcastState<String, String> state) throws Exception {
        if (seenJson == null) {
            seenJson = new HashMap<>();
            parsed = new HashMap<>();
        }
        String json = state.get(orgId);
        if (json == null) {
            return AlertRules.defaults(orgId);
        }
        if (!json.equals(seenJson.get(orgId))) {
            seenJson.put(orgId, json);
            parsed.put(orgId, Topics.ALERT_RULES.read(json).value());
        }
        return parsed.get(orgId);
    }

    /** A rules record from the topic: valid rules, or the reason they cannot be applied. */
    public static Parsed<RulesUpdate> parse(String value) {
        Parsed<AlertRules> p = Topics.ALERT_RULES.read(value);
        if (!p.isOk()) {
            return Parsed.failed(p.error());
        }
        AlertRules r = p.value();
        if (r.orgId() == null) {
            return Parsed.failed("orgId is missing");
        }
        List<String> problems = r.problems();
        if (!problems.isEmpty()) {
            return Parsed.failed(String.join("; ", problems));
        }
        return Parsed.ok(new RulesUpdate(r.orgId(), Json.write(r)));
    }

    public static DeadLetter deadLetter(String value, String reason) {
        return DeadLetter.of(value, SOURCE, reason, Instant.now());
    }
}
