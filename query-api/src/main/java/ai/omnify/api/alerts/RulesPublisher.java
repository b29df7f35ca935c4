package ai.omnify.api.alerts;

/** Where a rules change goes so that the running detection job applies it: {@code omnify.alert-rules}. */
public interface RulesPublisher extends AutoCloseable {

    /** Publishes the organization's rules; throws when the broker did not take them. */
    void publish(String orgId, String rulesJson) throws Exception;

    @Override
    default void close() {}
}
