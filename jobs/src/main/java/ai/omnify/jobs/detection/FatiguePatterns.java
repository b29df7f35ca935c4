package ai.omnify.jobs.detection;

import ai.omnify.jobs.common.FlinkTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * Creative fatigue as a CEP sequence: a creative past its warm-up, then {@code windows - 1} directly following
 * windows each worse than the one before (CTR lower, frequency higher; CPA is judged over the run). Event time:
 * CEP sorts
 * out-of-order windows by timestamp before matching. Every further worse window makes a new match (no skip), which
 * keeps an open incident alive.
 */
public final class FatiguePatterns {
    static final String FIRST = "first";
    static final String WORSE = "worse";

    private FatiguePatterns() {}

    public static Pattern<MetricWindow, ?> ctrDecline(int windows, int warmup) {
        return Pattern.<MetricWindow>begin(FIRST, AfterMatchSkipStrategy.noSkip())
                .where(new PastWarmup(warmup))
                .next(WORSE).where(new WorseThanBefore()).times(windows - 1).consecutive();
    }

    /** The matches of the pattern on creative windows keyed by {@link MetricWindow#key()}. */
    public static SingleOutputStreamOperator<FatigueMatch> matches(KeyedStream<MetricWindow, String> creatives,
            int windows, int warmup) {
        return CEP.pattern(creatives, ctrDecline(windows, warmup))
                .process(new ToMatchFn())
                .returns(FlinkTypes.of(FatigueMatch.class));
    }

    static final class PastWarmup extends SimpleCondition<MetricWindow> {
        private static final long serialVersionUID = 1L;
        private final int warmup;

        PastWarmup(int warmup) {
            this.warmup = warmup;
        }

        @Override
        public boolean filter(MetricWindow w) {
            return FatigueRules.canStart(w, warmup);
        }
    }

    static final class WorseThanBefore extends IterativeCondition<MetricWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(MetricWindow w, Context<MetricWindow> ctx) throws Exception {
            MetricWindow prev = null;
            for (MetricWindow m : ctx.getEventsForPattern(WORSE)) {
                prev = m;
            }
            if (prev == null) {
                for (MetricWindow m : ctx.getEventsForPattern(FIRST)) {
                    prev = m;
                }
            }
            return prev != null && FatigueRules.worsened(prev, w);
        }
    }

    static final class ToMatchFn extends PatternProcessFunction<MetricWindow, FatigueMatch> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(Map<String, List<MetricWindow>> match, Context ctx, Collector<FatigueMatch> out) {
            List<MetricWindow> run = new ArrayList<>(match.get(FIRST));
            run.addAll(match.get(WORSE));
            out.collect(FatigueRules.match(run));
        }
    }
}
