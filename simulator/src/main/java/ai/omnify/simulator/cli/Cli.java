package ai.omnify.simulator.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line: {@code run}, {@code generate}, {@code help}. Returns the exit status; never exits itself. */
public final class Cli {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Clock clock;

    public Cli(PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.clock = clock;
    }

    public int run(String... argv) {
        if (argv.length == 0) {
            err.println("error: no command given");
            err.println();
            err.print(Usage.MAIN);
            return 2;
        }
        String command = argv[0];
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        try {
            switch (command) {
                case "-h", "--help" -> {
                    out.print(Usage.MAIN);
                    return 0;
                }
                case "help" -> {
                    return help(rest);
                }
                case "run" -> {
                    Args a = Args.parse("run", rest, RunOptions.VALUED, RunOptions.SWITCHES);
                    if (a.has("--help")) {
                        out.print(Usage.RUN);
                        return 0;
                    }
                    return new SimulationRunner(RunOptions.from(a, env), clock).run();
                }
                case "generate" -> {
                    Args a = Args.parse("generate", rest, GenerateCommand.VALUED, Set.of("--incidents"));
                    if (a.has("--help")) {
                        out.print(Usage.GENERATE);
                        return 0;
                    }
                    return GenerateCommand.run(a, out, clock);
                }
                case "fakes" -> {
                    Args a = Args.parse("fakes", rest, FakesCommand.VALUED, FakesCommand.SWITCHES);
                    if (a.has("--help")) {
                        out.print(Usage.FAKES);
                        return 0;
                    }
                    return FakesCommand.run(a, env, out, clock);
                }
                default -> throw new UsageException(null, "unknown command '" + command
                        + "': use run, generate, fakes or help");
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println();
            err.print(Usage.of(e.command()));
            return 2;
        } catch (IOException e) {
            err.println("error: cannot write the files (" + e + "): check that the --out directory is writable");
            return 1;
        }
    }

    private int help(List<String> rest) throws UsageException {
        if (rest.isEmpty()) {
            out.print(Usage.MAIN);
            return 0;
        }
        String c = rest.get(0);
        if (!c.equals("run") && !c.equals("generate") && !c.equals("fakes")) {
            throw new UsageException(null, "no command '" + c + "': use run, generate or fakes");
        }
        out.print(Usage.of(c));
        return 0;
    }
}
