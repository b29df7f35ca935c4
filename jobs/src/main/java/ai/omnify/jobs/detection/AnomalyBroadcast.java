package ai.omnify.jobs.detection;

/** What the anomaly detectors get by broadcast: an organization's rules or its {@link OrderClock} (one of them). */
public record AnomalyBroadcast(RulesUpdate rules, OrderClock clock) {

    public static AnomalyBroadcast of(RulesUpdate rules) {
        return new AnomalyBroadcast(rules, null);
    }

    public static AnomalyBroadcast of(OrderClock clock) {
        return new AnomalyBroadcast(null, clock);
    }
}
