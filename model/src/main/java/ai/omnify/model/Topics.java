package ai.omnify.model;

/**
 * The Kafka topics of the contract (../shared/DESIGN.md). Programs take a {@link TopicNames} so that tests can run
 * on their own copies of the topics; production uses {@link TopicNames#DEFAULT}.
 */
public final class Topics {
    public static final String AD_INSIGHTS = "omnify.ad-insights";
    public static final String ORDERS = "omnify.orders";
    public static final String DEAD_LETTER = "omnify.dead-letter";
    public static final String CHANNEL_METRICS = "omnify.channel-metrics";
    public static final String ALERTS = "omnify.alerts";
    public static final String BRAIN = "omnify.brain";
    /** Per-organization alert rules (issue 4): value {@code AlertRules}, keyed by organization; latest wins. */
    public static final String ALERT_RULES = "omnify.alert-rules";
    /** Campaigns' ads as the platform describes them (status, copy, launch date): value {@code AdEntity}, keyed by
     * {@code AdEntity#key()}; latest {@code updatedAt} wins. */
    public static final String AD_ENTITIES = "omnify.ad-entities";

    private Topics() {}
}
