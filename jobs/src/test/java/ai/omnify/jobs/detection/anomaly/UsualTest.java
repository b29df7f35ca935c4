package ai.omnify.jobs.detection.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.omnify.jobs.detection.Point;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsualTest {
    private static final long DAY = 86_400_000L;

    /** Six weeks of day points: {@code conv[slot][week]} conversions on slot {@code slot}. */
    private static List<Point> weeks(double[][] conv) {
        List<Point> out = new ArrayList<>();
        for (int week = 0; week < conv[0].length; week++) {
            for (int slot = 0; slot < conv.length; slot++) {
                out.add(new Point((week * 7L + slot) * DAY, slot, 500, 1000, conv[slot][week], 0, 0));
            }
        }
        return out;
    }

    @Test
    void aWeekdayWhoseEarlierWeeksWereLowByChanceIsJudgedAgainstTheLevelNotItsOwnLowMedian() {
        // a flat week at about 15 a day, wobbling like counts do (±4), and slot 1's six earlier days happened to be
        // low (median 11): within that wobble, a median of six is that far off by chance
        double[][] conv = {
            {15, 20, 11, 17, 13, 16}, {8, 14, 10, 16, 9, 12}, {19, 12, 15, 21, 11, 15}, {14, 18, 10, 16, 13, 19},
            {15, 11, 20, 16, 12, 17}, {18, 13, 15, 21, 11, 14}, {12, 16, 19, 14, 10, 15}};
        Baseline own = Baseline.of(weeks(conv).stream().filter(p -> p.slot() == 1).toList(), Point::conversions);
        Baseline usual = Usual.of(1, weeks(conv), Point::conversions);
        assertThat(own.median()).isEqualTo(11);
        assertThat(usual.median()).as("back to the level of 15").isEqualTo(15, within(0.5));
        assertThat(usual.n()).as("warm-up counts the slot's own days").isEqualTo(6);
    }

    @Test
    void aRealWeeklyShapeIsKept() {
        // weekends (slots 5 and 6) twice the weekdays, each slot steady
        double[][] conv = new double[7][6];
        for (int slot = 0; slot < 7; slot++) {
            for (int week = 0; week < 6; week++) {
                conv[slot][week] = (slot >= 5 ? 30 : 15) + (week % 2 == 0 ? 1 : -1);
            }
        }
        assertThat(Usual.of(6, weeks(conv), Point::conversions).median()).isEqualTo(30, within(1.0));
        assertThat(Usual.of(2, weeks(conv), Point::conversions).median()).isEqualTo(15, within(0.5));
    }

    @Test
    void theSpreadIsMeasuredOverTheWholeSpanRelativeToTheUsualValue() {
        double[][] conv = new double[7][6];
        for (int slot = 0; slot < 7; slot++) {
            for (int week = 0; week < 6; week++) {
                conv[slot][week] = 20 + (week % 2 == 0 ? 4 : -4);
            }
        }
        Baseline usual = Usual.of(3, weeks(conv), Point::conversions);
        assertThat(usual.median()).isEqualTo(20, within(1e-9));
        assertThat(usual.relativeSpread()).isEqualTo(Baseline.MAD_SCALE * 4 / 20, within(1e-9));
    }

    @Test
    void aSpanOfOneSlotIsThatSlotsOwnBaseline() {
        // hour windows keep only the same hour of the week (ChannelEvidence.span)
        List<Point> same = List.of(new Point(0, 9, 10, 0, 4, 0, 0), new Point(7 * DAY, 9, 12, 0, 6, 0, 0),
                new Point(14 * DAY, 9, 11, 0, 9, 0, 0));
        assertThat(Usual.of(9, same, Point::conversions)).isEqualTo(Baseline.of(same, Point::conversions));
    }
}
