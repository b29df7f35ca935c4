package ai.omnify.jobs.brain;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the BrainJob reads: the metrics changelog and the alerts, already parsed into inputs. */
public interface BrainSources {
    DataStream<BrainInput> metrics(StreamExecutionEnvironment env);

    DataStream<BrainInput> alerts(StreamExecutionEnvironment env);
}
