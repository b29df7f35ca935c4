package ai.omnify.ingest.webhook;

import ai.omnify.ingest.sink.RecordSink;
import ai.omnify.ingest.sink.SinkUnavailableException;
import ai.omnify.model.Topic;
import ai.omnify.model.Topics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends one record and waits for Kafka's acknowledgement, within the webhook's time budget. */
final class WebhookSend {
    private WebhookSend() {}

    static <V> void durably(RecordSink sink, Topics topics, Topic<V> topic, V value, Duration timeout) {
        CompletableFuture<Exception> done = new CompletableFuture<>();
        sink.send(topics, topic, value, done::complete);
        Exception failure;
        try {
            failure = done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SinkUnavailableException("Kafka did not acknowledge the webhook within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkUnavailableException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw new SinkUnavailableException("Kafka did not take the webhook: " + e.getCause(), e);
        }
        if (failure != null) {
            throw new SinkUnavailableException("Kafka did not take the webhook: " + failure.getMessage(), failure);
        }
    }
}
