package ai.omnify.model;

import java.util.List;
import java.util.Objects;

/** The concrete topic names one deployment uses. */
public record TopicNames(
        String adInsights, String orders, String deadLetter, String channelMetrics, String alerts, String brain,
        String alertRules, String adEntities)
        implements java.io.Serializable {

    public static final TopicNames DEFAULT = new TopicNames(
            Topics.AD_INSIGHTS, Topics.ORDERS, Topics.DEAD_LETTER, Topics.CHANNEL_METRICS, Topics.ALERTS, Topics.BRAIN,
            Topics.ALERT_RULES, Topics.AD_ENTITIES);

    public TopicNames {
        Objects.requireNonNull(adInsights, "adInsights");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(deadLetter, "deadLetter");
        Objects.requireNonNull(channelMetrics, "channelMetrics");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(brain, "brain");
        Objects.requireNonNull(alertRules, "alertRules");
        Objects.requireNonNull(adEntities, "adEntities");
    }

    /** The six topics of the streaming core; the alert-rules and ad-entities topics get their default names. */
    public TopicNames(String adInsights, String orders, String deadLetter, String channelMetrics, String alerts,
            String brain) {
        this(adInsights, orders, deadLetter, channelMetrics, alerts, brain, Topics.ALERT_RULES, Topics.AD_ENTITIES);
    }

    /** The default names with a suffix, e.g. {@code omnify.orders.t1234}: isolates a test run on a shared broker. */
    public static TopicNames withSuffix(String suffix) {
        if (suffix == null || suffix.isEmpty()) {
            return DEFAULT;
        }
        String s = suffix.startsWith(".") ? suffix : "." + suffix;
        return new TopicNames(Topics.AD_INSIGHTS + s, Topics.ORDERS + s, Topics.DEAD_LETTER + s,
                Topics.CHANNEL_METRICS + s, Topics.ALERTS + s, Topics.BRAIN + s, Topics.ALERT_RULES + s,
                Topics.AD_ENTITIES + s);
    }

    public List<String> all() {
        return List.of(adInsights, orders, deadLetter, channelMetrics, alerts, brain, alertRules, adEntities);
    }
}
