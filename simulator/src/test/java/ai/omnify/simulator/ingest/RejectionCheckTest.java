package ai.omnify.simulator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Platform;
import ai.omnify.simulator.stream.BadKind;
import ai.omnify.simulator.stream.BadRow;
import ai.omnify.simulator.stream.FeedLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class RejectionCheckTest {
    private static final FeedLine GOOD = new FeedLine(Platform.META, "{}", FeedLine.Role.ORIGINAL, null, null, null);
    private static final FeedLine BAD = FeedLine.bad(new BadRow(Platform.META, BadKind.NEGATIVE_SPEND, "{}"));

    @Test
    void exactlyTheBadLinesRejectedForTheirReasonIsOk() {
        var r = RejectionCheck.check(List.of(GOOD, BAD, GOOD), new IngestResponse(3, 2, 1,
                List.of(new IngestResponse.RowError(2, "spend is negative (-1.00)"))));
        assertThat(r.ok()).isTrue();
    }

    @Test
    void aGoodLineRejectedABadLineAcceptedAndAWrongReasonAreEachFound() {
        var r = RejectionCheck.check(List.of(GOOD, BAD, BAD), new IngestResponse(3, 1, 2,
                List.of(new IngestResponse.RowError(1, "nope"), new IngestResponse.RowError(3, "currency unknown"))));
        assertThat(r.ok()).isFalse();
        assertThat(r.unexpected()).extracting(RejectionCheck.Finding::line).containsExactly(1);
        assertThat(r.missed()).extracting(RejectionCheck.Finding::line).containsExactly(2);
        assertThat(r.wrongReason()).extracting(RejectionCheck.Finding::line).containsExactly(3);
    }

    @Test
    void countsThatDoNotAddUpAreReported() {
        var r = RejectionCheck.check(List.of(GOOD, GOOD), new IngestResponse(1, 1, 0, List.of()));
        assertThat(r.countProblem()).contains("received 1 of 2");
        assertThat(RejectionCheck.check(List.of(GOOD), new IngestResponse(null, null, null, null)).countProblem())
                .isNotNull();
    }
}
