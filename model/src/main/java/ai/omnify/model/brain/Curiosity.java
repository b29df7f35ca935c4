package ai.omnify.model.brain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/** What to do: ranked actions, most valuable first. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Curiosity(List<Action> actions) {

    /**
     * One recommendation. Its id is stable for the same kind and target, so a decision on it sticks while it stays
     * recommended.
     *
     * @param kind {@code budget_move}, {@code pause_creative}, {@code refresh_creative}, {@code scale_winner},
     *     {@code investigate_alert}
     * @param confidence 0..1
     * @param urgency {@code low}, {@code medium} or {@code high}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(String id, String kind, Target target, String rationale, Impact expectedImpact,
            BigDecimal confidence, String urgency) {}

    /** What the action is about; {@code amount} is a daily budget amount for moves and scaling. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String channelId, String creativeId, String fromChannelId, String toChannelId,
            String alertId, BigDecimal amount) {}

    /**
     * @param metric {@code revenue} (gained over the horizon) or {@code spend} (saved)
     * @param horizonDays the period the value is for
     */
    public record Impact(String metric, BigDecimal value, String currency, int horizonDays) {}
}
