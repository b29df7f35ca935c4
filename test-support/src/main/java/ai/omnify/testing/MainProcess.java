package ai.omnify.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program's {@code main} as its own JVM, with this test's classpath and the given environment over this
 * process's, as an operator would start it; for tests of what a program does at start-up (e.g. refusing a setting).
 */
public final class MainProcess {
    /** What the process did: its exit status and everything it wrote. */
    public record Result(int exitCode, String output) {}

    private MainProcess() {}

    /**
     * Runs {@code main} and waits for it to exit within {@code timeout}; fails when it is still running then (it is
     * killed). A value of {@code null} in {@code env} removes that variable.
     */
    public static Result run(Class<?> main, Map<String, String> env, Duration timeout) {
        Path out = null;
        try {
            out = Files.createTempFile("main-process", ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), main.getName())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(main.getSimpleName() + " was still running after " + timeout + ": "
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + main.getName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }
}
