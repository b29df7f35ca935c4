package ai.omnify.simulator.ingest;

import ai.omnify.simulator.stream.FeedLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the lines the ingest service rejected with the lines the simulator made bad on purpose: every bad line
 * rejected with a reason containing its keyword, and no other line rejected.
 */
public final class RejectionCheck {
    private RejectionCheck() {}

    /** A line of the batch (1-based) and what went wrong with it. */
    public record Finding(int line, String detail) {}

    /**
     * @param unexpected good lines the service rejected
     * @param missed bad lines the service accepted
     * @param wrongReason bad lines rejected for a reason without the expected keyword
     * @param countProblem when the counts do not add up (or could not be read), what is wrong; else null
     */
    public record Report(int expectedRejections, int rejected, List<Finding> unexpected, List<Finding> missed,
            List<Finding> wrongReason, String countProblem) {

        public boolean ok() {
            return unexpected.isEmpty() && missed.isEmpty() && wrongReason.isEmpty() && countProblem == null;
        }
    }

    public static Report check(List<FeedLine> batch, IngestResponse response) {
        int expected = (int) batch.stream().filter(FeedLine::isBad).count();
        List<Finding> unexpected = new ArrayList<>();
        List<Finding> missed = new ArrayList<>();
        List<Finding> wrong = new ArrayList<>();
        if (!response.hasCounts()) {
            return new Report(expected, -1, unexpected, missed, wrong, "the answer had no counts to check");
        }
        String countProblem = null;
        if (response.received() != batch.size()) {
            countProblem = "received " + response.received() + " of " + batch.size() + " lines sent";
        } else if (response.accepted() + response.rejected() != response.received()) {
            countProblem = "accepted " + response.accepted() + " + rejected " + response.rejected()
                    + " != received " + response.received();
        }
        Map<Integer, String> reasons = new HashMap<>();
        for (IngestResponse.RowError e : response.errors()) {
            if (e.line() == null || e.line() < 1 || e.line() > batch.size()) {
                unexpected.add(new Finding(e.line() == null ? -1 : e.line(), "no such line in the batch: " + e.reason()));
            } else {
                reasons.merge(e.line(), String.valueOf(e.reason()), (a, b) -> a + "; " + b);
            }
        }
        boolean complete = response.errors().size() >= response.rejected();
        for (int i = 1; i <= batch.size(); i++) {
            FeedLine line = batch.get(i - 1);
            String reason = reasons.get(i);
            if (line.isBad()) {
                if (reason == null) {
                    if (complete) {
                        missed.add(new Finding(i, line.bad().kind() + " was accepted"));
                    }
                } else if (!line.bad().kind().matches(reason)) {
                    wrong.add(new Finding(i, line.bad().kind() + " rejected for \"" + reason + "\", expected a reason "
                            + "with \"" + line.bad().kind().reasonKeyword() + "\""));
                }
            } else if (reason != null) {
                unexpected.add(new Finding(i, line.role().name().toLowerCase() + " " + describe(line) + " rejected: "
                        + reason));
            }
        }
        if (countProblem == null && response.rejected() != expected) {
            countProblem = "rejected " + response.rejected() + " lines, expected " + expected;
        }
        return new Report(expected, response.rejected(), unexpected, missed, wrong, countProblem);
    }

    private static String describe(FeedLine line) {
        if (line.insight() != null) {
            return "snapshot " + line.insight().adId() + " " + line.insight().date()
                    + (line.insight().hour() == null ? "" : " hour " + line.insight().hour());
        }
        return line.order() == null ? "line" : "order " + line.order().orderId();
    }
}
