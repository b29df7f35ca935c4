package ai.omnify.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.ingest.sink.InMemoryRecordSink;
import ai.omnify.ingest.sink.SinkUnavailableException;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.Topics;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The whole row pipeline of a request body (read, decide, send, count) on an in-memory sink. */
class IngestServiceTest {
    static final UUID ORG = UUID.fromString("11111111-2222-3333-4444-555555555555");
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Topics TOPICS = Topics.withSuffix("t");

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final IngestMetrics metrics = new IngestMetrics(registry);
    InMemoryRecordSink sink = InMemoryRecordSink.acking();

    IngestService service(Duration ackTimeout) {
        return new IngestService(sink, TOPICS, Clock.fixed(NOW, ZoneOffset.UTC), ackTimeout, metrics);
    }

    IngestResult ingest(Platform p, BodyFormat f, String body) throws IOException {
        return service(Duration.ofSeconds(5)).ingest(p, ORG, f, stream(body));
    }

    static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    static String insight(String adId, String extra) {
        return "{\"campaignId\":\"c1\",\"adId\":\"" + adId + "\",\"date\":\"2026-11-24\",\"spend\":1.5,"
                + "\"impressions\":100,\"clicks\":5,\"currency\":\"EUR\"" + extra + "}";
    }

    @Test
    void ndjsonMixedBatchSendsGoodRowsAndDeadLettersAndCountsThem() throws IOException {
        String body = insight("a1", "") + "\r\n"
                + "\r\n"
                + insight("a2", ",\"orgId\":\"22222222-2222-3333-4444-555555555555\"") + "\r\n"
                + insight("a3", ",\"platform\":\"tiktok\"") + "\r\n"
                + insight("a4", ",\"hour\":7") + "\r\n"
                + "{}\r\n";

        IngestResult r = ingest(Platform.META, BodyFormat.NDJSON, body);

        assertThat(r.received()).isEqualTo(5);
        assertThat(r.accepted()).isEqualTo(2);
        assertThat(r.rejected()).isEqualTo(3);
        assertThat(r.errorsTruncated()).isFalse();
        assertThat(r.errors()).extracting(IngestResult.RowError::line).containsExactly(3, 4, 6);
        assertThat(r.errors().get(0).reason())
                .isEqualTo("orgId 22222222-2222-3333-4444-555555555555 does not match the API key's organization");
        assertThat(r.errors().get(1).reason()).isEqualTo("platform tiktok does not match the URL's platform meta");
        assertThat(r.errors().get(2).reason()).contains("campaignId is missing").contains("; adId is missing");

        assertThat(sink.sentTo(TOPICS.adInsights())).extracting(InMemoryRecordSink.Sent::key)
                .containsExactly(ORG + ":meta:a1:2026-11-24", ORG + ":meta:a4:2026-11-24:7");
        AdInsight a4 = Json.read(sink.sentTo(TOPICS.adInsights()).get(1).value(), AdInsight.class).value();
        assertThat(a4.orgId()).isEqualTo(ORG.toString());
        assertThat(a4.hour()).isEqualTo(7);

        var dead = sink.sentTo(TOPICS.deadLetter());
        assertThat(dead).hasSize(3).allSatisfy(d -> assertThat(d.key()).isEqualTo("ingest:meta"));
        DeadLetter first = Json.read(dead.get(0).value(), DeadLetter.class).value();
        assertThat(first.payload()).isEqualTo(insight("a2", ",\"orgId\":\"22222222-2222-3333-4444-555555555555\""));
        assertThat(first.source()).isEqualTo("ingest:meta");
        assertThat(first.orgId()).isEqualTo(ORG.toString());
        assertThat(first.receivedAt()).isEqualTo(NOW);
        assertThat(first.reason()).isEqualTo(r.errors().get(0).reason());

        assertThat(registry.get("omnify.ingest.rows.accepted").tag("platform", "meta").counter().count()).isEqualTo(2);
        assertThat(registry.get("omnify.ingest.rows.rejected").tag("platform", "meta").counter().count()).isEqualTo(3);
    }

    @Test
    void csvWithBomCrlfAndQuotedCommasForOrders() throws IOException {
        String body = "\uFEFForderId,createdAt,totalPrice,currency,landingSite,utm_source,utm_campaign\r\n"
                + "1001,2026-11-24T10:00:00Z,59.90,EUR,\"/p?x=1,2&utm_source=fb\",facebook,c1\r\n"
                + "1002,2026-11-24T10:00:00Z,-3,EUR,,,\r\n"
                + "1003,2026-11-24T10:00:00Z,10,EUR,,\r\n"
                + "\r\n"
                + "1004,2026-11-24T11:00:00Z,\"1,000.00\",EUR,,,\r\n"
                + "1005,2026-11-24T12:00:00Z,25,usd,,google,\r\n";

        IngestResult r = ingest(Platform.SHOPIFY, BodyFormat.CSV, body);

        assertThat(r.received()).isEqualTo(5);
        assertThat(r.accepted()).isEqualTo(2);
        assertThat(r.errors()).extracting(IngestResult.RowError::line).containsExactly(3, 4, 6);
        assertThat(r.errors().get(0).reason()).startsWith("totalPrice is negative (-3)");
        assertThat(r.errors().get(1).reason()).isEqualTo("row has 6 fields but the header has 7");
        assertThat(r.errors().get(2).reason()).startsWith("field 'totalPrice'");

        var orders = sink.sentTo(TOPICS.orders());
        assertThat(orders).extracting(InMemoryRecordSink.Sent::key).containsExactly(ORG + ":1001", ORG + ":1005");
        OrderEvent o = Json.read(orders.get(0).value(), OrderEvent.class).value();
        assertThat(o.landingSite()).isEqualTo("/p?x=1,2&utm_source=fb");
        assertThat(o.utm().source()).isEqualTo("facebook");
        assertThat(o.utm().campaign()).isEqualTo("c1");
        assertThat(Json.read(orders.get(1).value(), OrderEvent.class).value().currency()).isEqualTo("USD");

        var dead = sink.sentTo(TOPICS.deadLetter());
        assertThat(dead).extracting(InMemoryRecordSink.Sent::key).containsOnly("ingest:shopify");
        assertThat(Json.read(dead.get(2).value(), DeadLetter.class).value().payload())
                .isEqualTo("1004,2026-11-24T11:00:00Z,\"1,000.00\",EUR,,,");
    }

    @Test
    void csvAdInsightsUseTheRecordFieldNames() throws IOException {
        String body = "platform,campaignId,adId,date,hour,spend,impressions,clicks,conversions,conversionValue,currency\n"
                + "meta,c1,ad1,2026-11-24,,10.00,1000,10,1,50,EUR\n"
                + "google,c1,ad2,2026-11-24,,10.00,1000,10,1,50,EUR\n";
        IngestResult r = ingest(Platform.META, BodyFormat.CSV, body);
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.reason()).isEqualTo("platform google does not match the URL's platform meta");
        });
    }

    @Test
    void errorsAreCappedAtAThousandAndSaySo() throws IOException {
        String body = "{}\n".repeat(IngestService.MAX_ERRORS + 5) + insight("ok", "") + "\n";
        IngestResult r = ingest(Platform.GOOGLE, BodyFormat.NDJSON, body);
        assertThat(r.received()).isEqualTo(1006);
        assertThat(r.rejected()).isEqualTo(1005);
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.errors()).hasSize(1000);
        assertThat(r.errorsTruncated()).isTrue();
        assertThat(sink.sentTo(TOPICS.deadLetter())).hasSize(1005);
    }

    @Test
    void noRowsIsAnError() {
        assertThatThrownBy(() -> ingest(Platform.META, BodyFormat.NDJSON, "\n \n")).isInstanceOf(EmptyBodyException.class);
        assertThatThrownBy(() -> ingest(Platform.META, BodyFormat.CSV, "adId,date\n")).isInstanceOf(EmptyBodyException.class);
        assertThat(sink.attempts()).isZero();
    }

    @Test
    void aFailingSinkStopsTheRequestWithoutSuccess() {
        sink = InMemoryRecordSink.failing();
        String body = (insight("a", "") + "\n").repeat(50);
        assertThatThrownBy(() -> ingest(Platform.META, BodyFormat.NDJSON, body))
                .isInstanceOf(SinkUnavailableException.class);
        assertThat(sink.attempts()).as("stops sending after the first failure").isEqualTo(1);
        assertThat(registry.get("omnify.ingest.kafka.send.failures").counter().count()).isEqualTo(1);
        assertThat(registry.get("omnify.ingest.rows.accepted").tag("platform", "meta").counter().count()).isZero();
    }

    @Test
    void aFailedDeadLetterFailsTheRequestToo() {
        sink = InMemoryRecordSink.failingAfter(1);
        assertThatThrownBy(() -> ingest(Platform.META, BodyFormat.NDJSON, insight("a", "") + "\n{}\n"))
                .isInstanceOf(SinkUnavailableException.class);
    }

    @Test
    void unacknowledgedSendsTimeOutAsUnavailable() {
        sink = InMemoryRecordSink.hanging();
        assertThatThrownBy(() -> service(Duration.ofMillis(200)).ingest(Platform.META, ORG, BodyFormat.NDJSON,
                stream(insight("a", ""))))
                .isInstanceOf(SinkUnavailableException.class)
                .hasMessageContaining("not acknowledged within");
    }

    @Test
    void anOversizedBodyStopsReadingWithTooLarge() {
        String body = (insight("a", "") + "\n").repeat(100);
        assertThatThrownBy(() -> service(Duration.ofSeconds(5)).ingest(Platform.META, ORG, BodyFormat.NDJSON,
                new LimitedInputStream(stream(body), 1000)))
                .isInstanceOf(BodyTooLargeException.class)
                .hasMessageContaining("1000 bytes");
    }
}
