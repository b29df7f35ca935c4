package ai.omnify.jobs.common;

import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.TypeExtractor;

/**
 * Type information for our records. Flink's type extractor knows {@code Instant} and {@code BigDecimal} but treats
 * {@code LocalDate} inside a POJO as a generic (Kryo) type; registering its type-info factory once makes every record
 * with a date a pure POJO. Use {@link #of} for every state descriptor and output tag.
 */
public final class FlinkTypes {
    static {
        // the registry is Flink's, one per JVM: on a session cluster every job loads this class anew, and only the
        // first may register (the factory answers Flink's own LocalDate type, whichever job's copy of it is called)
        synchronized (TypeExtractor.class) {
            if (TypeExtractor.getTypeInfoFactory(LocalDate.class) == null) {
                TypeExtractor.registerFactory(LocalDate.class, LocalDateInfoFactory.class);
            }
        }
    }

    private FlinkTypes() {}

    public static <T> TypeInformation<T> of(Class<T> type) {
        return TypeInformation.of(type);
    }

    /** Makes sure the registrations are in place (called before a job graph is built). */
    public static void register() {
        // the static initializer does the work
    }

    /** LocalDate as Flink's own LocalDate type (an epoch-day long on the wire). */
    public static final class LocalDateInfoFactory extends TypeInfoFactory<LocalDate> {
        @Override
        public TypeInformation<LocalDate> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return Types.LOCAL_DATE;
        }
    }
}
