package ai.omnify.api.alerts;

import ai.omnify.model.alert.AlertRules;

/** Where a rules change goes so that the running detection job applies it: {@code omnify.alert-rules}. */
public interface RulesPublisher extends AutoCloseable {

    /** Publishes the organization's rules; throws when the broker did not take them. */
    void publish(AlertRules rules) throws Exception;

    @Override
    default void close() {}
}
