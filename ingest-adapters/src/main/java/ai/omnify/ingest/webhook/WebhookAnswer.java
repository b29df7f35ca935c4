package ai.omnify.ingest.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a webhook endpoint answers with 200.
 *
 * @param status {@code accepted}, {@code duplicate}, {@code rejected} (signed, but unusable: in the dead-letter topic)
 *     or {@code ignored} (a topic Omnify does not use)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookAnswer(String status, String topic, String reason) {}
