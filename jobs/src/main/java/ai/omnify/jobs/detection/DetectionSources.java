package ai.omnify.jobs.detection;

import ai.omnify.jobs.detection.window.BackfillSettled;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the DetectionJob reads from: Kafka in production, bounded collections in tests. */
public interface DetectionSources {

    /** The metrics changelog, parsed (rows or dead letters), with the given watermarks. */
    DataStream<MetricsEnvelope> metrics(StreamExecutionEnvironment env, WatermarkStrategy<MetricsEnvelope> watermarks);

    /** The alert-rules records as published (JSON of {@code AlertRules}). */
    DataStream<String> rules(StreamExecutionEnvironment env);

    /**
     * What the backfill barrier finds upstream ({@link BackfillSettled}), or null when the job does not watch
     * upstream: then backfilled windows wait for their key's quiet period only (tests, a job without the MetricsJob
     * before it).
     */
    default DataStream<BackfillSettled> backfillProgress(StreamExecutionEnvironment env) {
        return null;
    }
}
