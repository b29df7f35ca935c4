package ai.omnify.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.metrics.MetricsUpdate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Snapshots replayed in any order, any number of times, give the same totals as the latest snapshot of each ad:
 * never a sum of re-polls.
 */
class SnapshotReplayPropertyTest {

    @Property(tries = 300)
    void anyOrderAndAnyRepetitionGivesTheLatestSnapshotsTotals(@ForAll("seed") long seed,
            @ForAll @IntRange(min = 1, max = 6) int ads, @ForAll @IntRange(min = 1, max = 8) int polls) {
        Random r = new Random(seed);
        List<Contribution> stream = new ArrayList<>();
        Map<String, Contribution> latest = new HashMap<>();
        for (int a = 0; a < ads; a++) {
            for (int p = 0; p < polls; p++) {
                Integer hour = r.nextInt(4) == 0 ? r.nextInt(24) : null;
                long impressions = r.nextInt(100_000);
                Contribution c = Items.ad("c1", "a" + a, hour, BigDecimal.valueOf(r.nextInt(1_000_000), 2).toPlainString(),
                        impressions, impressions == 0 ? 0 : r.nextInt((int) Math.min(impressions, 5000) + 1),
                        String.valueOf(r.nextInt(50)), BigDecimal.valueOf(r.nextInt(5_000_000), 2).toPlainString(), p);
                stream.add(c);
                int copies = r.nextInt(3);
                for (int i = 0; i < copies; i++) {
                    stream.add(c);
                }
                latest.merge(c.itemKey(), c, (old, neu) -> neu.supersedes(old) ? neu : old);
            }
        }
        Collections.shuffle(stream, r);

        Map<String, Contribution> state = new HashMap<>();
        for (Contribution c : stream) {
            if (c.supersedes(state.get(c.itemKey()))) {
                state.put(c.itemKey(), c);
            }
        }
        ChannelDayRollup rollup = new ChannelDayRollup();
        MetricsUpdate replayed = rollup.rows(state.values()).get(ChannelDayRollup.DAY_ROW);
        MetricsUpdate truth = rollup.rows(latest.values()).get(ChannelDayRollup.DAY_ROW);
        assertThat(replayed.spend()).isEqualByComparingTo(truth.spend());
        assertThat(replayed.impressions()).isEqualTo(truth.impressions());
        assertThat(replayed.clicks()).isEqualTo(truth.clicks());
        assertThat(replayed.conversions()).isEqualByComparingTo(truth.conversions());
        assertThat(replayed.conversionValue()).isEqualByComparingTo(truth.conversionValue());

        // and independently: the sum over ads of (day snapshot, else sum of hour snapshots) of the newest polls
        BigDecimal expectedSpend = BigDecimal.ZERO;
        for (int a = 0; a < ads; a++) {
            String prefix = "ad|" + Items.creative("a" + a) + "|";
            Contribution day = latest.get(prefix + "d");
            if (day != null) {
                expectedSpend = expectedSpend.add(day.spend());
            } else {
                for (Map.Entry<String, Contribution> e : latest.entrySet()) {
                    if (e.getKey().startsWith(prefix)) {
                        expectedSpend = expectedSpend.add(e.getValue().spend());
                    }
                }
            }
        }
        assertThat(replayed.spend()).isEqualByComparingTo(expectedSpend);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seed() {
        return net.jqwik.api.Arbitraries.longs();
    }
}
