package ai.omnify.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

class TestFlinkTest {
    /** Not a POJO (no default constructor, a final field): Flink can only hand it to Kryo. */
    static final class Opaque {
        final int value;

        Opaque(int value) {
            this.value = value;
        }
    }

    @Test
    void theEnvironmentHasGenericTypesOffAndTheParallelismAskedFor() {
        StreamExecutionEnvironment env = TestFlink.environment(3);
        assertThat(env.getConfiguration().get(PipelineOptions.GENERIC_TYPES)).isFalse();
        assertThat(env.getParallelism()).isEqualTo(3);
    }

    @Test
    void aTypeThatWouldGoToKryoFailsWhereTheGraphIsBuilt() {
        StreamExecutionEnvironment env = TestFlink.environment(1);
        assertThatThrownBy(() -> {
            env.fromData(List.of(1, 2), Types.INT).map(Opaque::new).returns(TypeInformation.of(Opaque.class))
                    .sinkTo(new DiscardingSink<>());
            env.getStreamGraph();
        }).hasStackTraceContaining("Generic types have been disabled");
    }
}
