package ai.omnify.model;

import ai.omnify.model.alert.Alert;
import ai.omnify.model.alert.AlertRules;
import ai.omnify.model.brain.BrainState;
import ai.omnify.model.insight.AdEntity;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.metrics.MetricsUpdate;
import ai.omnify.model.order.OrderEvent;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Kafka topics of the contract (DESIGN.md), each with its key and value codec, and the names one deployment gives
 * them. The constants are the topics; an instance is a deployment's names: the contract names, or with
 * {@code OMNIFY_TOPIC_SUFFIX} (tests on a shared broker) each followed by {@code .suffix}, e.g.
 * {@code omnify.orders.t1234}. Programs take a {@code Topics} so that tests can run on their own copies of the topics;
 * production uses {@link #DEFAULT}.
 *
 * @param suffix what follows each contract name after a dot; empty for the contract names themselves
 */
public record Topics(String suffix) implements Serializable {
    /** The environment variable naming the suffix. */
    public static final String SUFFIX_VARIABLE = "OMNIFY_TOPIC_SUFFIX";

    /** Ad-platform snapshots, keyed {@code org:platform:adId:date[:hour]}; the latest {@code reportedAt} wins. */
    public static final Topic<AdInsight> AD_INSIGHTS =
            new Topic<>("omnify.ad-insights", "org:platform:adId:date[:hour]", AdInsight.class, AdInsight::key);
    /** Store orders, keyed {@code org:orderId}; versions of one order share the key. */
    public static final Topic<OrderEvent> ORDERS =
            new Topic<>("omnify.orders", "org:orderId", OrderEvent.class, OrderEvent::key);
    /** Records nobody could use, with the reason, keyed by their source. */
    public static final Topic<DeadLetter> DEAD_LETTER =
            new Topic<>("omnify.dead-letter", "source", DeadLetter.class, DeadLetter::source);
    /** The metrics job's changelog of channel, creative and organization rows, keyed {@code org:level:id:date[:hour]}. */
    public static final Topic<MetricsUpdate> CHANNEL_METRICS =
            new Topic<>("omnify.channel-metrics", "org:level:id:date[:hour]", MetricsUpdate.class, MetricsUpdate::key);
    /** Alerts, keyed {@code org:alertKey}. */
    public static final Topic<Alert> ALERTS = new Topic<>("omnify.alerts", "org:alertKey", Alert.class, Alert::key);
    /** Brain states, keyed by organization. */
    public static final Topic<BrainState> BRAIN =
            new Topic<>("omnify.brain", "org", BrainState.class, BrainState::key);
    /** Per-organization alert rules, keyed by organization; the latest wins. */
    public static final Topic<AlertRules> ALERT_RULES =
            new Topic<>("omnify.alert-rules", "org", AlertRules.class, AlertRules::orgId);
    /** Campaigns' ads as the platform describes them (status, copy, launch date), keyed {@code org:platform:adId};
     * the latest {@code updatedAt} wins. */
    public static final Topic<AdEntity> AD_ENTITIES =
            new Topic<>("omnify.ad-entities", "org:platform:adId", AdEntity.class, AdEntity::key);

    /** Every topic of the contract. */
    public static final List<Topic<?>> ALL =
            List.of(AD_INSIGHTS, ORDERS, DEAD_LETTER, CHANNEL_METRICS, ALERTS, BRAIN, ALERT_RULES, AD_ENTITIES);

    /** The contract names, without a suffix. */
    public static final Topics DEFAULT = new Topics("");

    public Topics {
        Objects.requireNonNull(suffix, "suffix");
        suffix = suffix.startsWith(".") ? suffix.substring(1) : suffix;
    }

    /** The names with a suffix ({@code t1234} or {@code .t1234}); none for null or empty. */
    public static Topics withSuffix(String suffix) {
        return suffix == null || suffix.isBlank() ? DEFAULT : new Topics(suffix.trim());
    }

    /** The names {@code OMNIFY_TOPIC_SUFFIX} asks for; {@code main} passes {@code System.getenv()}. */
    public static Topics fromEnv(Map<String, String> env) {
        return withSuffix(env.get(SUFFIX_VARIABLE));
    }

    /** This deployment's name of {@code topic}. */
    public String name(Topic<?> topic) {
        return suffix.isEmpty() ? topic.name() : topic.name() + "." + suffix;
    }

    public String adInsights() {
        return name(AD_INSIGHTS);
    }

    public String orders() {
        return name(ORDERS);
    }

    public String deadLetter() {
        return name(DEAD_LETTER);
    }

    public String channelMetrics() {
        return name(CHANNEL_METRICS);
    }

    public String alerts() {
        return name(ALERTS);
    }

    public String brain() {
        return name(BRAIN);
    }

    public String alertRules() {
        return name(ALERT_RULES);
    }

    public String adEntities() {
        return name(AD_ENTITIES);
    }

    /** Every topic's name in this deployment, in the order of {@link #ALL}. */
    public List<String> all() {
        return ALL.stream().map(this::name).toList();
    }
}
