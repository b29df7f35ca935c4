package ai.omnify.jobs.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jobs jar as a cluster gets it: the jobs, the connectors, CEP and the drivers, and nothing of Flink's own runtime
 * or its shaded libraries (which the cluster provides; a second copy in the jar is what breaks a submission).
 */
class JobsJarIT {
    private static final Path JAR = Path.of("target/jobs.jar");
    private static final List<String> FLINK_PROVIDES = List.of("org/apache/flink/shaded/", "org/apache/flink/runtime/",
            "org/apache/flink/api/common/", "org/apache/flink/configuration/", "org/apache/flink/core/",
            "org/apache/flink/util/", "org/apache/flink/datastream/", "org/apache/flink/streaming/api/environment/",
            "org/apache/flink/streaming/runtime/tasks/", "org/apache/flink/state/rocksdb/", "org/apache/logging/log4j/",
            "org/slf4j/");

    @Test
    void holdsTheJobsAndWhatAFlinkDistributionDoesNot() throws IOException {
        assertThat(JAR).exists();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (String c : List.of("ai/omnify/jobs/metrics/MetricsJob.class", "ai/omnify/jobs/detection/DetectionJob.class",
                    "ai/omnify/jobs/brain/BrainJob.class", "org/apache/flink/connector/kafka/source/KafkaSource.class",
                    "org/apache/flink/connector/jdbc/core/datastream/sink/JdbcSink.class", "org/apache/flink/cep/CEP.class",
                    "org/apache/flink/connector/base/source/reader/SourceReaderBase.class", "org/postgresql/Driver.class")) {
                assertThat(jar.getEntry(c)).as(c).isNotNull();
            }
            List<String> flinksOwn = jar.stream().map(ZipEntry::getName)
                    .filter(n -> FLINK_PROVIDES.stream().anyMatch(n::startsWith))
                    .limit(20)
                    .toList();
            assertThat(flinksOwn).as("classes the cluster provides").isEmpty();
        }
    }
}
