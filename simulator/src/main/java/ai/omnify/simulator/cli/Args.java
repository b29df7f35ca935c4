package ai.omnify.simulator.cli;

import ai.omnify.config.Env;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsed options of one command: {@code --name value}, {@code --name=value} and switches ({@code --no-live}). */
final class Args {
    private final String command;
    private final Map<String, String> values;
    private final Set<String> switches;

    private Args(String command, Map<String, String> values, Set<String> switches) {
        this.command = command;
        this.values = values;
        this.switches = switches;
    }

    static Args parse(String command, List<String> argv, Set<String> valued, Set<String> allowedSwitches)
            throws UsageException {
        Map<String, String> values = new HashMap<>();
        Set<String> switches = new HashSet<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("-h") || a.equals("--help")) {
                switches.add("--help");
                continue;
            }
            if (!a.startsWith("--")) {
                throw new UsageException(command, "unexpected argument '" + a + "': options start with --");
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (allowedSwitches.contains(name)) {
                if (value != null) {
                    throw new UsageException(command, name + " takes no value");
                }
                switches.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.size() || argv.get(i + 1).startsWith("--")) {
                        throw new UsageException(command, name + " needs a value");
                    }
                    value = argv.get(++i);
                }
                if (values.put(name, value) != null) {
                    throw new UsageException(command, name + " is given twice");
                }
            } else {
                throw new UsageException(command, "unknown option " + name);
            }
        }
        return new Args(command, values, switches);
    }

    boolean has(String name) {
        return switches.contains(name);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name, String fallback, String what) throws UsageException {
        String v = values.getOrDefault(name, fallback);
        if (v == null || v.isBlank()) {
            throw new UsageException(command, "missing " + name + ": " + what);
        }
        return v;
    }

    int integer(String name, int fallback, int min, int max) throws UsageException {
        try {
            return values.containsKey(name) ? env(name).integer(name, fallback, min, max) : fallback;
        } catch (Env.ConfigException e) {
            throw new UsageException(command, e.getMessage());
        }
    }

    long longValue(String name, long fallback) throws UsageException {
        try {
            return values.containsKey(name) ? env(name).longValue(name, fallback, Long.MIN_VALUE, Long.MAX_VALUE)
                    : fallback;
        } catch (Env.ConfigException e) {
            throw new UsageException(command, e.getMessage());
        }
    }

    Duration duration(String name, Duration fallback, Duration min) throws UsageException {
        try {
            Duration d = values.containsKey(name) ? env(name).duration(name, fallback) : fallback;
            if (d.compareTo(min) < 0) {
                throw new UsageException(command, name + "=" + values.get(name) + " is too short: use at least "
                        + min.toMillis() + "ms");
            }
            return d;
        } catch (Env.ConfigException e) {
            throw new UsageException(command, e.getMessage());
        }
    }

    private Env env(String name) {
        return new Env(Map.of(name, values.get(name)));
    }
}
