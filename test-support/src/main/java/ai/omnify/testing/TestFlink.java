package ai.omnify.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * A Flink job in a test: a MiniCluster to register, and its environment with generic types off
 * ({@code pipeline.generic-types=false}), so a type Flink would hand to Kryo fails the test where the graph is built
 * instead of slowing the job down in silence. Flink stays a dependency of the modules that use it (it is
 * {@code provided} here).
 */
public final class TestFlink {
    private TestFlink() {}

    /** One TaskManager with this many slots, for a static {@code @RegisterExtension} field. */
    public static MiniClusterExtension miniCluster(int slots) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(slots).build());
    }

    /** The MiniCluster's environment at this parallelism, generic types off. */
    public static StreamExecutionEnvironment environment(int parallelism) {
        return environment(new Configuration(), parallelism);
    }

    /** The MiniCluster's environment with this configuration at this parallelism, generic types off. */
    public static StreamExecutionEnvironment environment(Configuration configuration, int parallelism) {
        Configuration conf = new Configuration(configuration);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }
}
