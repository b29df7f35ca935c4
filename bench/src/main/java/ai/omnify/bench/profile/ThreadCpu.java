package ai.omnify.bench.profile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * CPU time per thread of this JVM, from /proc/self/task, sampled twice a second so that threads that end in between
 * (a finished job's tasks) still count. Covers what execution samples do not see: threads in native code, the JIT
 * compilers and the garbage collector.
 */
public final class ThreadCpu implements AutoCloseable {
    private static final double TICKS_PER_SECOND = 100;

    private record Seen(String name, long first, long last) {}

    private final Map<Integer, Seen> threads = new HashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-thread-cpu");
        t.setDaemon(true);
        return t;
    });
    private final long startNanos = System.nanoTime();
    private final Map<Integer, String> javaNames = new HashMap<>();

    private ThreadCpu() {}

    public static ThreadCpu start() {
        ThreadCpu c = new ThreadCpu();
        c.sample(true);
        c.sampler.scheduleAtFixedRate(() -> c.sample(false), 500, 500, TimeUnit.MILLISECONDS);
        return c;
    }

    /** Java names of OS threads (from the profile's samples), better than the 15 characters /proc keeps. */
    void names(Map<Integer, String> byOsThreadId) {
        synchronized (this) {
            javaNames.putAll(byOsThreadId);
        }
    }

    private synchronized void sample(boolean baseline) {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    int tid = Integer.parseInt(t.getFileName().toString());
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split("\\s+");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    Seen old = threads.get(tid);
                    // a thread first seen after the start counts from zero
                    long first = old != null ? old.first() : (baseline ? ticks : 0);
                    threads.put(tid, new Seen(name, first, ticks));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // not Linux
        }
    }

    /** Cores used per thread group (Flink subtasks and numbered pools together), busiest first. */
    public synchronized Map<String, Double> coresByGroup(int limit) {
        sample(false);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> cores = new HashMap<>();
        threads.forEach((tid, s) -> {
            String name = javaNames.getOrDefault(tid, s.name());
            cores.merge(JfrProfile.threadGroup(name), (s.last() - s.first()) / TICKS_PER_SECOND / seconds, Double::sum);
        });
        return cores.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(limit)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    public synchronized double totalCores() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return threads.values().stream().mapToDouble(s -> (s.last() - s.first()) / TICKS_PER_SECOND).sum() / seconds;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
