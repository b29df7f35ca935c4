package ai.omnify.bench;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress lines on stdout, with the time. */
public final class Log {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Log() {}

    public static void info(String fmt, Object... args) {
        System.out.println("[" + LocalTime.now().format(TIME) + "] " + String.format(fmt, args));
        System.out.flush();
    }
}
