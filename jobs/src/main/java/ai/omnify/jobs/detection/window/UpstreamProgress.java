package ai.omnify.jobs.detection.window;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.model.Topics;
import ai.omnify.config.DatabaseConfig;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where the backfill barrier ({@link BackfillBarrier}) asks upstream: Kafka and PostgreSQL
 * ({@link KafkaBackfillUpstream}). As a source of the DetectionJob: one reader asks once a second and emits what the
 * latest round found ({@link BackfillSettled}), broadcast to the window closing.
 *
 * @param metricsGroup the MetricsJob's consumer group (blank: not checked)
 * @param selfGroup this job's consumer group
 * @param drain how long the MetricsJob may still write after it read everything (its debounce, late corrections)
 * @param maxWait the most a round of the barrier waits for the MetricsJob and this job
 */
public record UpstreamProgress(String bootstrap, Topics topics, String metricsGroup, String selfGroup,
        DatabaseConfig database, Duration drain, Duration maxWait) implements Serializable {
    /** How often upstream is asked. */
    static final double POLLS_PER_SECOND = 1;

    /** The barrier's findings as a stream of one reader; it carries no event time ({@link #noEventTime}). */
    public DataStream<BackfillSettled> stream(StreamExecutionEnvironment env) {
        DataGeneratorSource<BackfillSettled> source = new DataGeneratorSource<>(new Polls(this), Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(POLLS_PER_SECOND), FlinkTypes.of(BackfillSettled.class));
        return env.fromSource(source, noEventTime(), "Backfill progress upstream").setParallelism(1)
                .uid("source-backfill-progress");
    }

    /**
     * Always idle, never a watermark: the barrier's input neither holds back nor moves the event time of what it
     * joins. A watermark at the end of time would move it: while the changelog is idle, the window closing would take
     * it for the end of the input and close every backfilled window at once.
     */
    static WatermarkStrategy<BackfillSettled> noEventTime() {
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(BackfillSettled event, long eventTimestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.markIdle();
            }
        });
    }

    /** Each poll advances the barrier and tells what its latest round found. */
    static final class Polls implements GeneratorFunction<Long, BackfillSettled> {
        private static final long serialVersionUID = 1L;
        private final UpstreamProgress config;
        private transient BackfillBarrier barrier;

        Polls(UpstreamProgress config) {
            this.config = config;
        }

        @Override
        public void open(SourceReaderContext readerContext) {
            barrier = new BackfillBarrier(new KafkaBackfillUpstream(config.bootstrap(), config.topics(),
                    config.metricsGroup(), config.selfGroup(), config.database()), config.drain().toMillis(),
                    config.maxWait().toMillis());
        }

        @Override
        public BackfillSettled map(Long poll) {
            return barrier.poll(System.currentTimeMillis());
        }

        @Override
        public void close() throws Exception {
            if (barrier != null) {
                barrier.close();
            }
        }
    }
}
