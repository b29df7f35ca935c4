package ai.omnify.api.alerts;

import ai.omnify.config.Env;
import ai.omnify.model.Topics;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration of the alerts feature of the query API: KAFKA_BOOTSTRAP_SERVERS (default 127.0.0.1:9092),
 * OMNIFY_TOPIC_SUFFIX, ALERTS_STREAM_REPLAY (default 15m: how much of omnify.alerts the live stream reads back at
 * start, so a reconnecting client can resume), ALERTS_SUBSCRIBER_QUEUE (default 256: events a subscriber may be
 * behind before it is closed), ALERTS_STREAM_BUFFER (default 500: recent events kept per organization for resume).
 */
public record AlertsConfig(String kafkaBootstrap, Topics topics, Duration replay, int subscriberQueue,
        int bufferPerOrg) {

    public static AlertsConfig fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        return new AlertsConfig(
                env.string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                Topics.fromEnv(vars),
                env.duration("ALERTS_STREAM_REPLAY", Duration.ofMinutes(15)),
                env.integer("ALERTS_SUBSCRIBER_QUEUE", 256, 1, 1_000_000),
                env.integer("ALERTS_STREAM_BUFFER", 500, 0, 1_000_000));
    }
}
