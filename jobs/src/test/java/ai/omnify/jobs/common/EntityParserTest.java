package ai.omnify.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code omnify.ad-entities} records: good ones through, bad ones a dead letter with the reason, never an exception. */
class EntityParserTest {
    private static final Instant NOW = Instant.parse("2026-11-26T05:00:00Z");
    private static final String ORG = "3b1f6a2e-5d7c-4e8a-9f00-0123456789ab";

    @Test
    void aValidEntityIsRead() {
        EntityEnvelope e = RecordParser.entity("{\"orgId\":\"" + ORG + "\",\"platform\":\"meta\",\"campaignId\":\"c1\","
                + "\"adId\":\"a1\",\"adName\":\"Ad\",\"status\":\"paused\",\"headline\":\"H\",\"body\":\"B\","
                + "\"launchDate\":\"2026-10-03\",\"updatedAt\":\"2026-11-26T04:59:00Z\"}", NOW);
        assertThat(e.isOk()).isTrue();
        assertThat(e.entity().status()).isEqualTo("paused");
        assertThat(e.entity().launchDate()).hasToString("2026-10-03");
    }

    @Test
    void notJsonIsADeadLetter() {
        EntityEnvelope e = RecordParser.entity("{not json", NOW);
        assertThat(e.isOk()).isFalse();
        assertThat(e.deadLetter().source()).isEqualTo(RecordParser.ENTITIES_SOURCE);
        assertThat(e.deadLetter().payload()).isEqualTo("{not json");
    }

    @Test
    void anUnknownStatusAndAMissingAdAreNamed() {
        EntityEnvelope e = RecordParser.entity("{\"orgId\":\"" + ORG + "\",\"platform\":\"meta\",\"campaignId\":\"c1\","
                + "\"status\":\"running\",\"updatedAt\":\"2026-11-26T04:59:00Z\"}", NOW);
        assertThat(e.isOk()).isFalse();
        assertThat(e.deadLetter().reason()).contains("adId is missing")
                .contains("status 'running' is not one of active, paused, archived");
        assertThat(e.deadLetter().orgId()).isEqualTo(ORG);
    }
}
