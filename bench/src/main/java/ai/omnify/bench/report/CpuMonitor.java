package ai.omnify.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the machine and this JVM were between {@link #start()} and {@link #stop()}, from /proc: the machine's busy
 * share of all cores, and this process's share. The rest of the busy time is Kafka, PostgreSQL and anything else that
 * ran meanwhile, which is how a run tells whether the machine was quiet.
 */
public final class CpuMonitor {
    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    private long[] machineStart;
    private long selfStart;
    private long wallStart;
    private double loadStart;

    /** Machine busy % (of all cores), this JVM's % (of all cores), load average at start and at end. */
    public record Usage(double machineBusyPct, double selfPct, double loadStart, double loadEnd, double seconds) {
        public double othersPct() {
            return Math.max(0, machineBusyPct - selfPct);
        }

        public String text() {
            return String.format("CPU busy %.0f%% of %d cores (this JVM %.0f%%, Kafka+PostgreSQL+others %.0f%%), load %.2f -> %.2f",
                    machineBusyPct, Runtime.getRuntime().availableProcessors(), selfPct, othersPct(), loadStart, loadEnd);
        }
    }

    public CpuMonitor start() {
        machineStart = machine();
        selfStart = selfTicks();
        wallStart = System.nanoTime();
        loadStart = Hardware.loadAverage()[0];
        return this;
    }

    public Usage stop() {
        long[] m = machine();
        long self = selfTicks();
        double seconds = (System.nanoTime() - wallStart) / 1e9;
        double busy = m[0] - machineStart[0];
        double total = m[1] - machineStart[1];
        double cores = Runtime.getRuntime().availableProcessors();
        double machinePct = total <= 0 ? -1 : 100.0 * busy / total;
        double selfPct = seconds <= 0 ? -1 : 100.0 * (self - selfStart) / CLOCK_TICKS / seconds / cores;
        return new Usage(machinePct, selfPct, loadStart, Hardware.loadAverage()[0], seconds);
    }

    /** {busy, total} jiffies of all CPUs. */
    private static long[] machine() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = first.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static long selfTicks() {
        try {
            String s = Files.readString(Path.of("/proc/self/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split("\\s+");
            // fields after the command: state(3) ... utime(14) stime(15), here 0-based from state
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
