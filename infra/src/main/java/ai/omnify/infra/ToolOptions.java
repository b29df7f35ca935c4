package ai.omnify.infra;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code --name value} options of a small launcher tool (SyncWatch, DemoBudgets): {@code -h}/{@code --help}
 * prints the usage and exits 0; a stray word or an option without a value prints what was wrong and the usage and
 * exits 2.
 *
 * @param values the options given, by name with its dashes
 * @param exit null to go on, else the tool's exit status
 */
record ToolOptions(Map<String, String> values, Integer exit) {

    static ToolOptions parse(String tool, String[] args, String usage, PrintStream out, PrintStream err) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-h") || args[i].equals("--help")) {
                out.print(usage);
                return new ToolOptions(o, 0);
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println(tool + ": unexpected '" + args[i] + "'");
                err.print(usage);
                return new ToolOptions(o, 2);
            }
            o.put(args[i], args[++i]);
        }
        return new ToolOptions(o, null);
    }
}
