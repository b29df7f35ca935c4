package ai.omnify.bench.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A profile of part of this JVM's life: Java Flight Recorder execution samples every 10 ms and garbage collections,
 * plus CPU per thread from /proc ({@link ThreadCpu}). Summarised as: CPU per thread group (incl. JIT and GC), where
 * the Java samples' time went by owner (each sample to the innermost frame of a known library or of our code), the
 * share of a few operator methods (inclusive), and the hottest leaf methods.
 */
public final class JfrProfile {
    private final Recording recording;
    private final Path file;
    private final ThreadCpu threadCpu;

    private JfrProfile(Recording recording, Path file, ThreadCpu threadCpu) {
        this.recording = recording;
        this.file = file;
        this.threadCpu = threadCpu;
    }

    public static JfrProfile start(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Recording r = new Recording();
        r.setName("omnify-bench");
        r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        r.enable("jdk.GarbageCollection");
        r.enable("jdk.Compilation").withThreshold(Duration.ZERO);
        r.enable("jdk.Deoptimization");
        r.setToDisk(true);
        r.setDestination(file);
        ThreadCpu cpu = ThreadCpu.start();
        r.start();
        return new JfrProfile(r, file, cpu);
    }

    /** Stops the recording (kept in the file) and summarises it. */
    public Summary stop() throws IOException {
        recording.stop();
        recording.close();
        Samples s = read(file);
        threadCpu.names(s.osThreadNames);
        Map<String, Double> cores = threadCpu.coresByGroup(12);
        double total = threadCpu.totalCores();
        threadCpu.close();
        return new Summary(s.samples, s.seconds, total, cores, s.owners, s.functions, s.leaves, s.gcCount, s.gcPauseMs,
                s.compilations, s.compileSeconds, s.deoptimizations, s.deoptReasons, file.toString());
    }

    /** Who owns a frame: the first rule whose prefix matches. */
    private record Owner(String label, String... prefixes) {
        boolean owns(String frame) {
            for (String p : prefixes) {
                if (frame.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<Owner> OWNERS = List.of(
            new Owner("Jackson (JSON parse and write)", "com.fasterxml.jackson."),
            new Owner("Kafka client (fetch, decompress, CRC, produce)", "org.apache.kafka."),
            new Owner("pgjdbc + Flink JDBC writer", "org.postgresql.", "org.apache.flink.connector.jdbc."),
            new Owner("Flink Kafka connector (source reader, sink writer)", "org.apache.flink.connector.kafka."),
            new Owner("Flink serialization between tasks (POJO, String, BigDecimal serializers)",
                    "org.apache.flink.api.common.typeutils.", "org.apache.flink.api.java.typeutils.", "org.apache.flink.types.",
                    "org.apache.flink.core.memory.", "org.apache.flink.runtime.plugable.",
                    "org.apache.flink.streaming.runtime.streamrecord.StreamElementSerializer",
                    "org.apache.flink.runtime.io.network.api.serialization."),
            new Owner("Flink keyed state and timers (heap)", "org.apache.flink.runtime.state.",
                    "org.apache.flink.streaming.api.operators.InternalTimer", "org.apache.flink.streaming.api.operators.HeapInternalTimer",
                    "org.apache.flink.streaming.api.operators.InternalTimeServiceManager"),
            new Owner("Flink network stack (buffers, channels, record writers/readers)", "org.apache.flink.runtime.io.network.",
                    "org.apache.flink.streaming.runtime.io."),
            new Owner("Omnify parse + validation (RecordParser, InsightRules, Json)", "ai.omnify.jobs.common.RecordParser",
                    "ai.omnify.model.insight.", "ai.omnify.model.Json", "ai.omnify.model.Currencies"),
            new Owner("Omnify ToContributionFn (FX, name-based UUIDs)", "ai.omnify.jobs.metrics.ToContributionFn",
                    "ai.omnify.model.Ids", "ai.omnify.model.fx.", "ai.omnify.jobs.reference."),
            new Owner("Omnify rollups (ChannelDayRollup, OrgDayRollup, DayTotals, MetricMath)",
                    "ai.omnify.jobs.metrics.ChannelDayRollup", "ai.omnify.jobs.metrics.OrgDayRollup",
                    "ai.omnify.jobs.metrics.DayTotals", "ai.omnify.model.metrics."),
            new Owner("Omnify DayAggregateFn (items, dirty rows, timers)", "ai.omnify.jobs.metrics.DayAggregateFn"),
            new Owner("Omnify other (dimensions, statements, serializers, keys)", "ai.omnify."),
            new Owner("Flink runtime other (task loop, operator chain, metrics, RPC)", "org.apache.flink.", "org.apache.pekko."),
            new Owner("Netty / Jetty / HTTP", "io.netty.", "org.eclipse.jetty.", "io.javalin."));

    /** Operator methods whose inclusive share is reported. */
    private static final List<Owner> FUNCTIONS = List.of(
            new Owner("RecordParser.insight (in the source)", "ai.omnify.jobs.common.RecordParser.insight"),
            new Owner("ToContributionFn.processElement", "ai.omnify.jobs.metrics.ToContributionFn.processElement"),
            new Owner("DayAggregateFn.processElement", "ai.omnify.jobs.metrics.DayAggregateFn.processElement"),
            new Owner("DayAggregateFn.onTimer (flush: rollup + emit)", "ai.omnify.jobs.metrics.DayAggregateFn.onTimer"),
            new Owner("  ChannelDayRollup.rows / OrgDayRollup.rows", "ai.omnify.jobs.metrics.ChannelDayRollup.rows",
                    "ai.omnify.jobs.metrics.OrgDayRollup.rows"),
            new Owner("DimensionChangesFn.processElement", "ai.omnify.jobs.metrics.DimensionChangesFn.processElement"),
            new Owner("PojoSerializer (serialize, deserialize, copy)", "org.apache.flink.api.java.typeutils.runtime.PojoSerializer."),
            new Owner("  PojoSerializer.copy (between chained operators: no object reuse)",
                    "org.apache.flink.api.java.typeutils.runtime.PojoSerializer.copy"),
            new Owner("BigDecimalSerializer", "org.apache.flink.api.common.typeutils.base.BigDecSerializer"),
            new Owner("java.math (BigDecimal/BigInteger), anywhere", "java.math."),
            new Owner("JsonRecordSerializer (changelog, dead letters)", "ai.omnify.jobs.common.JsonRecordSerializer"),
            new Owner("JDBC statement binding (MetricsStatements)", "ai.omnify.jobs.metrics.MetricsStatements"));

    /** What a profile found; shares are of all Java execution samples. */
    public record Summary(long samples, double seconds, double jvmCores, Map<String, Double> coresByThread,
            Map<String, Double> owners, Map<String, Double> functions, Map<String, Double> leafMethods, int gcCount,
            double gcPauseMs, int compilations, double compileSeconds, int deoptimizations, Map<String, Long> deoptReasons,
            String file) {

        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add(String.format("JFR %s: %d Java samples over %.1f s; this JVM used %.2f cores; %d GCs paused %.0f ms",
                    file, samples, seconds, jvmCores, gcCount, gcPauseMs));
            out.add(String.format("JIT: %d compilations, %.1f s compiling; %d deoptimizations %s", compilations,
                    compileSeconds, deoptimizations, deoptReasons));
            out.add("CPU by thread (cores, from /proc; includes JIT compiler and GC threads):");
            coresByThread.forEach((k, v) -> out.add(String.format("  %5.2f  %s", v, k)));
            out.add("Java samples by owner (each sample to the innermost frame of a known library or our code):");
            owners.forEach((k, v) -> out.add(String.format("  %5.1f%%  %s", v, k)));
            out.add("Java samples with these on the stack (inclusive):");
            functions.forEach((k, v) -> out.add(String.format("  %5.1f%%  %s", v, k)));
            out.add("hottest leaf methods:");
            leafMethods.forEach((k, v) -> out.add(String.format("  %5.1f%%  %s", v, k)));
            return out;
        }
    }

    private static final class Samples {
        long samples;
        double seconds;
        Map<String, Double> owners;
        Map<String, Double> functions;
        Map<String, Double> leaves;
        int gcCount;
        double gcPauseMs;
        int compilations;
        double compileSeconds;
        int deoptimizations;
        Map<String, Long> deoptReasons = new LinkedHashMap<>();
        final Map<Integer, String> osThreadNames = new HashMap<>();
    }

    private static Samples read(Path file) throws IOException {
        Samples s = new Samples();
        Map<String, Long> owners = new LinkedHashMap<>();
        Map<String, Long> functions = new LinkedHashMap<>();
        FUNCTIONS.forEach(f -> functions.put(f.label(), 0L));
        Map<String, Long> leaves = new HashMap<>();
        Instant first = null;
        Instant last = null;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.GarbageCollection")) {
                s.gcCount++;
                s.gcPauseMs += e.getDuration("sumOfPauses").toNanos() / 1e6;
                continue;
            }
            if (type.equals("jdk.Compilation")) {
                s.compilations++;
                s.compileSeconds += e.getDuration().toNanos() / 1e9;
                continue;
            }
            if (type.equals("jdk.Deoptimization")) {
                s.deoptimizations++;
                s.deoptReasons.merge(e.getString("reason"), 1L, Long::sum);
                continue;
            }
            if (!type.equals("jdk.ExecutionSample")) {
                continue;
            }
            s.samples++;
            first = first == null || e.getStartTime().isBefore(first) ? e.getStartTime() : first;
            last = last == null || e.getStartTime().isAfter(last) ? e.getStartTime() : last;
            RecordedThread thread = e.getThread("sampledThread");
            if (thread != null && thread.getOSThreadId() > 0) {
                s.osThreadNames.putIfAbsent((int) thread.getOSThreadId(), thread.getJavaName());
            }
            RecordedStackTrace st = e.getStackTrace();
            List<RecordedFrame> frames = st == null ? List.of() : st.getFrames();
            if (!frames.isEmpty()) {
                leaves.merge(name(frames.get(0)), 1L, Long::sum);
            }
            owners.merge(owner(frames), 1L, Long::sum);
            Set<String> hit = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                for (Owner fn : FUNCTIONS) {
                    if (fn.owns(n)) {
                        hit.add(fn.label());
                    }
                }
            }
            hit.forEach(h -> functions.merge(h, 1L, Long::sum));
        }
        s.seconds = first == null ? 0 : Duration.between(first, last).toMillis() / 1000.0;
        s.deoptReasons = s.deoptReasons.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(4).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        long n = Math.max(1, s.samples);
        s.owners = share(owners, n, true, 20);
        s.functions = share(functions, n, false, 100);
        s.leaves = share(leaves, n, true, 12);
        return s;
    }

    private static final Owner CHECKPOINT = new Owner("Flink checkpoints (async snapshot of the heap state: serialize every item)",
            "org.apache.flink.runtime.state.heap.AbstractStateTableSnapshot", "org.apache.flink.runtime.state.heap.HeapSnapshotStrategy",
            "org.apache.flink.runtime.state.SnapshotStrategyRunner", "org.apache.flink.runtime.checkpoint.",
            "org.apache.flink.streaming.runtime.tasks.AsyncCheckpointRunnable");

    private static String owner(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            if (CHECKPOINT.owns(name(f))) {
                return CHECKPOINT.label();
            }
        }
        for (RecordedFrame f : frames) {
            String n = name(f);
            for (Owner o : OWNERS) {
                if (o.owns(n)) {
                    return o.label();
                }
            }
        }
        return frames.isEmpty() ? "(no stack)" : "JDK only (no library frame)";
    }

    private static Map<String, Double> share(Map<String, Long> counts, long total, boolean sort, int limit) {
        var stream = counts.entrySet().stream();
        if (sort) {
            stream = stream.sorted(Map.Entry.<String, Long>comparingByValue().reversed());
        }
        return stream.limit(limit).collect(Collectors.toMap(Map.Entry::getKey, en -> 100.0 * en.getValue() / total,
                (a, b) -> a, LinkedHashMap::new));
    }

    private static String name(RecordedFrame f) {
        var m = f.getMethod();
        return m == null ? "?" : m.getType().getName() + "." + m.getName();
    }

    /** A Flink task thread without its subtask index; other threads without their numbers. */
    static String threadGroup(String name) {
        String g = name.replaceAll("\\s*\\(\\d+/\\d+\\)(#\\d+)?", "")
                .replaceAll("omnify\\.([a-z-]+)\\.[a-z0-9]+", "omnify.$1")
                .replaceAll("\\d+", "N");
        return g.length() > 110 ? g.substring(0, 107) + "..." : g;
    }
}
