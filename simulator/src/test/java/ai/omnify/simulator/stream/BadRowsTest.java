package ai.omnify.simulator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Json;
import ai.omnify.model.Parsed;
import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.insight.InsightRules;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.OrderRules;
import ai.omnify.simulator.Datasets;
import ai.omnify.simulator.truth.GroundTruth;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BadRowsTest {
    private final Datasets.History history = Datasets.ninetyDays();

    @Test
    void everyBadLineIsRejectedWithItsReasonAndEveryOtherLinePasses() {
        for (Platform p : Platform.values()) {
            List<FeedLine> lines = history.lines().get(p);
            for (int i = 0; i < lines.size(); i++) {
                FeedLine line = lines.get(i);
                List<String> reasons = reasons(p, line.json());
                String where = p.wire() + " line " + (i + 1) + ": " + line.json();
                if (line.isBad()) {
                    assertThat(reasons).as(where).isNotEmpty();
                    assertThat(reasons).as(where).anySatisfy(r -> assertThat(line.bad().kind().matches(r)).isTrue());
                } else {
                    assertThat(reasons).as(where).isEmpty();
                }
            }
        }
    }

    @Test
    void everyKindAppearsOnEveryPlatformAndBadRowsAreASmallShare() {
        for (Platform p : List.of(Platform.META, Platform.GOOGLE, Platform.TIKTOK)) {
            Set<BadKind> kinds = EnumSet.noneOf(BadKind.class);
            history.lines().get(p).stream().filter(FeedLine::isBad).forEach(l -> kinds.add(l.bad().kind()));
            assertThat(kinds).as(p.wire()).containsExactlyInAnyOrderElementsOf(BadKind.INSIGHT_KINDS);
        }
        Set<BadKind> orderKinds = EnumSet.noneOf(BadKind.class);
        history.lines().get(Platform.SHOPIFY).stream().filter(FeedLine::isBad).forEach(l -> orderKinds.add(l.bad().kind()));
        assertThat(orderKinds).containsExactlyInAnyOrderElementsOf(BadKind.ORDER_KINDS);
        long bad = history.all().stream().filter(FeedLine::isBad).count();
        assertThat(bad).isBetween(50L, history.all().size() / 100L);
    }

    @Test
    void theTruthListsExactlyTheBadLinesWithTheirPositions() {
        List<GroundTruth.BadLine> listed = history.truth().badLines();
        assertThat(listed).hasSize((int) history.all().stream().filter(FeedLine::isBad).count());
        for (GroundTruth.BadLine b : listed) {
            FeedLine line = history.lines().get(b.platform()).get((int) b.line() - 1);
            assertThat(line.isBad()).isTrue();
            assertThat(line.json()).isEqualTo(b.raw());
            assertThat(line.bad().kind()).isEqualTo(b.kind());
        }
    }

    /** Why the ingest service would refuse the line (parse, defaults, validation); empty when it takes it. */
    static List<String> reasons(Platform platform, String json) {
        if (platform == Platform.SHOPIFY) {
            Parsed<OrderEvent> parsed = Json.read(json, OrderEvent.class);
            if (!parsed.isOk()) {
                return List.of(parsed.error());
            }
            return OrderRules.validate(OrderRules.withDefaults(parsed.value(), "ingest"), Datasets.NOW);
        }
        Parsed<AdInsight> parsed = Json.read(json, AdInsight.class);
        if (!parsed.isOk()) {
            return List.of(parsed.error());
        }
        AdInsight in = InsightRules.withDefaults(parsed.value().withPlatform(platform), Datasets.NOW, "ingest");
        return InsightRules.validate(in, Datasets.NOW);
    }
}
