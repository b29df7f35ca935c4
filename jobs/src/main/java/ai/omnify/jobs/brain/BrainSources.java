package ai.omnify.jobs.brain;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the BrainJob reads: the metrics changelog, the alerts and the ads' copy, already parsed into inputs. */
public interface BrainSources {
    DataStream<BrainInput> metrics(StreamExecutionEnvironment env);

    DataStream<BrainInput> alerts(StreamExecutionEnvironment env);

    /** The ads with their copy ({@code omnify.ad-entities}); null when not read (no near-copy from copy text). */
    default DataStream<BrainInput> adEntities(StreamExecutionEnvironment env) {
        return null;
    }
}
