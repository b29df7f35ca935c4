package ai.omnify.ingest.sink;

import ai.omnify.model.Topic;
import ai.omnify.model.Topics;

/**
 * Where accepted rows and dead letters go: Kafka in production, memory in tests. Sends are asynchronous; the
 * callback says, exactly once per record, whether the record is durably taken.
 */
public interface RecordSink extends AutoCloseable {

    /**
     * Sends one record. Never throws: a failure, even an immediate one, is reported to the callback (possibly before
     * this method returns).
     */
    void send(String topic, String key, String value, Callback callback);

    /** Sends {@code value} to this deployment's {@code topic}, keyed and written by the topic's codec. */
    default <V> void send(Topics topics, Topic<V> topic, V value, Callback callback) {
        send(topics.name(topic), topic.key(value), topic.write(value), callback);
    }

    /** Whether the destination answers now (for {@code /health}). */
    default boolean isReachable() {
        return true;
    }

    @Override
    default void close() {}

    /** Completion of one send. */
    @FunctionalInterface
    interface Callback {
        /** @param failure null when the record was acknowledged; otherwise why it was not */
        void onComplete(Exception failure);
    }
}
