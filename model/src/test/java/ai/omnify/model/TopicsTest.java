package ai.omnify.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.alert.AlertRules;
import ai.omnify.model.order.OrderEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void theContractNamesAreTheWireNames() {
        assertThat(Topics.DEFAULT.all()).containsExactly("omnify.ad-insights", "omnify.orders", "omnify.dead-letter",
                "omnify.channel-metrics", "omnify.alerts", "omnify.brain", "omnify.alert-rules", "omnify.ad-entities");
        assertThat(Topics.ALL).extracting(Topic::name).containsExactlyElementsOf(Topics.DEFAULT.all());
    }

    @Test
    void aSuffixFollowsEveryNameAfterADot() {
        Topics t = Topics.withSuffix("t1234");
        assertThat(t.orders()).isEqualTo("omnify.orders.t1234");
        assertThat(t.all()).allSatisfy(n -> assertThat(n).endsWith(".t1234"));
        assertThat(Topics.withSuffix(".t1234")).isEqualTo(t);
        assertThat(t.suffix()).isEqualTo("t1234");
    }

    @Test
    void theSuffixComesFromTheEnvironment() {
        assertThat(Topics.fromEnv(Map.of())).isEqualTo(Topics.DEFAULT);
        assertThat(Topics.fromEnv(Map.of("OMNIFY_TOPIC_SUFFIX", "  "))).isEqualTo(Topics.DEFAULT);
        assertThat(Topics.fromEnv(Map.of("OMNIFY_TOPIC_SUFFIX", " bench ")).alerts()).isEqualTo("omnify.alerts.bench");
        assertThat(Topics.withSuffix(null)).isEqualTo(Topics.DEFAULT);
    }

    @Test
    void eachTopicKeysAndWritesItsValuesAsTheContractSays() {
        OrderEvent order = new OrderEvent("org1", "1001", "e1", Instant.parse("2026-11-24T10:00:00Z"), null,
                new BigDecimal("19.90"), "EUR", null, null, null, null, null, null, null);
        assertThat(Topics.ORDERS.key(order)).isEqualTo("org1:1001");
        String json = Topics.ORDERS.write(order);
        assertThat(Topics.ORDERS.read(json).value()).isEqualTo(order);
        assertThat(Topics.ORDERS.read("{not json").isOk()).isFalse();

        assertThat(Topics.ALERT_RULES.key(AlertRules.defaults("org1"))).isEqualTo("org1");
        DeadLetter letter = DeadLetter.of("x", "ingest:meta", "bad", Instant.EPOCH);
        assertThat(Topics.DEAD_LETTER.key(letter)).isEqualTo("ingest:meta");
    }
}
