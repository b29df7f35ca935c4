package ai.omnify.jobs.metrics;

import ai.omnify.jobs.common.FlinkTypes;
import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.common.EntityEnvelope;
import ai.omnify.jobs.common.InsightEnvelope;
import ai.omnify.jobs.common.OrderEnvelope;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.insight.AdEntity;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.metrics.MetricsUpdate;
import ai.omnify.model.order.OrderEvent;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/** Every record that crosses an operator or sits in state is serialized by Flink's POJO serializer, never Kryo. */
class TypesTest {

    @Test
    void streamAndStateTypesArePojosAllTheWayDown() {
        for (Class<?> type : List.of(AdInsight.class, OrderEvent.class, InsightEnvelope.class, OrderEnvelope.class,
                DeadLetter.class, Contribution.class, MetricsUpdate.class, OrderRow.class, OrderState.class,
                DimensionRow.class, AdEntity.class, EntityEnvelope.class)) {
            TypeInformation<?> info = FlinkTypes.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
            for (int i = 0; i < pojo.getArity(); i++) {
                assertThat(pojo.getTypeAt(i)).as(type.getSimpleName() + "." + pojo.getPojoFieldAt(i).getField().getName())
                        .isNotInstanceOf(GenericTypeInfo.class);
            }
        }
    }
}
