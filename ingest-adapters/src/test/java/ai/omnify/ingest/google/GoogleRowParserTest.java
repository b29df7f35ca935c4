package ai.omnify.ingest.google;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.ingest.platform.PlatformHttp;
import ai.omnify.model.insight.AdInsight;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class GoogleRowParserTest {
    @Property
    void costMicrosConvertExactly(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long micros) {
        BigDecimal amount = GoogleRowParser.micros(new TextNode(Long.toString(micros)));
        assertThat(amount).isEqualTo(BigDecimal.valueOf(micros, 6));
        assertThat(amount.movePointRight(6).longValueExact()).isEqualTo(micros);
    }

    @Test
    void aRowWithZeroMetricsLeftOutReadsAsZeros() throws Exception {
        String json = """
                {"campaign":{"id":"123","name":"Search | Brand"},"adGroupAd":{"ad":{"id":"456","name":"RSA 1"}},
                 "segments":{"date":"2026-11-20"},"metrics":{"costMicros":"81230000","conversions":2.5,
                 "conversionsValue":123.45}}""";
        AdInsight i = GoogleRowParser.parse(PlatformHttp.JSON.readTree(json), "org", "1234567890", "EUR",
                "Europe/Berlin", Instant.EPOCH);
        assertThat(i.spend()).isEqualByComparingTo("81.23");
        assertThat(i.impressions()).isZero();
        assertThat(i.clicks()).isZero();
        assertThat(i.conversions()).isEqualByComparingTo("2.5");
        assertThat(i.conversionValue()).isEqualTo(new BigDecimal("123.45"));
        assertThat(i.reach()).isNull();
        assertThat(i.timeZone()).isEqualTo("Europe/Berlin");
    }

    @Test
    void retryDelayIsAProtobufDuration() {
        assertThat(GoogleResponses.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(GoogleResponses.parseDuration("0.250s")).isEqualTo(Duration.ofMillis(250));
        assertThat(GoogleResponses.parseDuration("soon")).isNull();
    }
}
