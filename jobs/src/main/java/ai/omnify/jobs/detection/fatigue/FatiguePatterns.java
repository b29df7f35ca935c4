package ai.omnify.jobs.detection.fatigue;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.jobs.detection.FatigueMatch;
import ai.omnify.jobs.detection.MetricWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * Creative fatigue as a CEP sequence: a creative past its warm-up, then {@code windows - 1} directly following
 * worse windows, each with frequency higher than the one before and CTR below the run's first
 * ({@link FatigueRules#worsened}; how far CTR fell, how far frequency rose and CPA are judged over the run). The pattern runs
 * in processing time on windows already put in order per creative ({@link #inOrder}): each creative's own order is
 * what the sequence needs, and an event-time CEP operator would drop as late every window of a creative whose history
 * is closed after another's (a backfill closes one creative's whole history at a time). Every further worse window
 * makes a new match (no skip), which keeps an open incident alive.
 */
public final class FatiguePatterns {
    static final String FIRST = "first";
    static final String WORSE = "worse";

    private FatiguePatterns() {}

    /**
     * Each creative's windows in order of their start ({@link OrderWindowsFn}); the input carries event time (the
     * windows' starts, {@code outOfOrderness} bounded), which only bounds how long a gap in a creative's days waits.
     */
    public static SingleOutputStreamOperator<MetricWindow> inOrder(DataStream<MetricWindow> creativesInEventTime,
            Duration outOfOrderness, Duration stateTtl) {
        return creativesInEventTime.keyBy(MetricWindow::key, Types.STRING)
                .process(new OrderWindowsFn(outOfOrderness, stateTtl))
                .returns(FlinkTypes.of(MetricWindow.class));
    }

    public static Pattern<MetricWindow, ?> ctrDecline(int windows, int warmup) {
        return Pattern.<MetricWindow>begin(FIRST, AfterMatchSkipStrategy.noSkip())
                .where(new PastWarmup(warmup))
                .next(WORSE).where(new WorseThanBefore()).times(windows - 1).consecutive();
    }

    /**
     * The matches of the pattern on creative windows in order per creative ({@link #inOrder}) keyed by
     * {@link MetricWindow#key()}, matched as they come (processing time).
     */
    public static SingleOutputStreamOperator<FatigueMatch> matches(KeyedStream<MetricWindow, String> orderedCreatives,
            int windows, int warmup) {
        return CEP.pattern(orderedCreatives, ctrDecline(windows, warmup))
                .inProcessingTime()
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
            MetricWindow first = null;
            for (MetricWindow m : ctx.getEventsForPattern(FIRST)) {
                first = m;
            }
            MetricWindow prev = first;
            for (MetricWindow m : ctx.getEventsForPattern(WORSE)) {
                prev = m;
            }
            return prev != null && FatigueRules.worsened(first, prev, w);
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
