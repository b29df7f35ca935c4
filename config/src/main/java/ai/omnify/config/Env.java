package ai.omnify.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Typed reading of environment variables with local defaults. Every error names the variable and says what a valid
 * value looks like. Programs pass {@code System.getenv()}; tests pass {@code Map.of(...)}.
 */
public final class Env {
    private final Map<String, String> vars;

    public Env(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
    }

    public String string(String name, String fallback) {
        String v = vars.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    /** A value that has no default: fails naming the variable when it is not set. */
    public String required(String name, String what) {
        String v = vars.get(name);
        if (v == null || v.isBlank()) {
            throw new ConfigException(name + " is not set: " + what);
        }
        return v.trim();
    }

    public int integer(String name, int fallback, int min, int max) {
        String v = vars.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) {
                throw new ConfigException(name + "=" + v + " is out of range: use a whole number from " + min + " to " + max);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + "=" + v + " is not a whole number (from " + min + " to " + max + ")");
        }
    }

    public long longValue(String name, long fallback, long min, long max) {
        String v = vars.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            long l = Long.parseLong(v.trim());
            if (l < min || l > max) {
                throw new ConfigException(name + "=" + v + " is out of range: use a whole number from " + min + " to " + max);
            }
            return l;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + "=" + v + " is not a whole number (from " + min + " to " + max + ")");
        }
    }

    public boolean bool(String name, boolean fallback) {
        String v = vars.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.trim().toLowerCase()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigException(name + "=" + v + " is not a boolean: use true or false");
        };
    }

    /** A duration as ISO-8601 ({@code PT5S}, {@code P35D}) or a number with a unit ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 35d}). */
    public Duration duration(String name, Duration fallback) {
        String v = vars.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        Duration d = parseDuration(v.trim());
        if (d == null || d.isNegative()) {
            throw new ConfigException(name + "=" + v + " is not a duration: use e.g. 500ms, 5s, 2m, 1h, 35d or PT5S");
        }
        return d;
    }

    public URI uri(String name, String fallback) {
        String v = string(name, fallback);
        try {
            URI u = URI.create(v);
            if (u.getScheme() == null) {
                throw new IllegalArgumentException("no scheme");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + "=" + v + " is not a URL (e.g. http://127.0.0.1:7072)");
        }
    }

    static Duration parseDuration(String v) {
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                return Duration.parse(v.toUpperCase());
            }
            String lower = v.toLowerCase();
            String[][] units = {{"ms", "MILLIS"}, {"s", "SECONDS"}, {"m", "MINUTES"}, {"h", "HOURS"}, {"d", "DAYS"}};
            for (String[] unit : units) {
                if (lower.endsWith(unit[0])) {
                    long n = Long.parseLong(lower.substring(0, lower.length() - unit[0].length()).trim());
                    return Duration.of(n, java.time.temporal.ChronoUnit.valueOf(unit[1]));
                }
            }
            return Duration.ofMillis(Long.parseLong(lower));
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    /** Thrown when configuration is missing or malformed; its message says which variable and what to do. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
