package ai.omnify.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the figures were measured on: CPU model, cores, memory, Java, and the machine's load. */
public record Hardware(String cpuModel, int cores, long memoryBytes, String java, String os) {

    public static Hardware probe() {
        return new Hardware(readCpuModel(), Runtime.getRuntime().availableProcessors(), memTotal(),
                System.getProperty("java.vm.name", "Java").replace(" 64-Bit Server VM", "").replace("OpenJDK", "OpenJDK")
                        + " " + System.getProperty("java.runtime.version", System.getProperty("java.version")),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    /** The 1, 5 and 15 minute load averages, from /proc/loadavg ({@code -1} each when unknown). */
    public static double[] loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (IOException | RuntimeException e) {
            return new double[] {-1, -1, -1};
        }
    }

    public static String loadText() {
        double[] l = loadAverage();
        return String.format("%.2f %.2f %.2f", l[0], l[1], l[2]);
    }

    public String oneLine() {
        return String.format("%s, %d cores, %.0f GiB, %s", cpuModel, cores, memoryBytes / (1024.0 * 1024 * 1024), java);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel);
        m.put("cores", cores);
        m.put("memoryBytes", memoryBytes);
        m.put("java", java);
        m.put("os", os);
        return m;
    }

    private static String readCpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String l : lines) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim().replaceAll("\\s+", " ");
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static long memTotal() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Runtime.getRuntime().maxMemory();
    }
}
