package ai.omnify.infra.flink;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The launcher's client of the local Flink cluster's REST API ({@code infra/omnify} runs it):
 * <pre>
 *   FlinkJobs --rest URL taskmanagers                 how many TaskManagers have registered
 *   FlinkJobs --rest URL jobs                         each job's name, state and id, newest first
 *   FlinkJobs --rest URL state --name NAME            the state of the newest job with that name (exit 1: none)
 *   FlinkJobs --rest URL submit --jar JAR --class C [--parallelism N] [--savepoint PATH] [-- KEY=VALUE...]
 *                                                     uploads the jar, runs C from it, prints the job id
 *   FlinkJobs --rest URL stop --name NAME --savepoint-dir DIR
 *                                                     stops the running job with a savepoint, prints its path
 * </pre>
 * Exit 0 done, 1 failed (the reason on stderr), 2 usage.
 */
public final class FlinkJobs {
    static final String USAGE = """
            usage: FlinkJobs --rest URL taskmanagers | jobs | state --name NAME
                   FlinkJobs --rest URL submit --jar JAR --class CLASS [--parallelism N] [--savepoint PATH] [-- KEY=VALUE...]
                   FlinkJobs --rest URL stop --name NAME --savepoint-dir DIR
            """;

    private FlinkJobs() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("FlinkJobs: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        FlinkRest rest = new FlinkRest(URI.create(o.rest), Duration.ofSeconds(10));
        try {
            switch (o.command) {
                case "taskmanagers" -> out.println(rest.taskManagers());
                case "jobs" -> {
                    for (FlinkRest.Job j : rest.jobs()) {
                        out.println(j.name() + "\t" + j.state() + "\t" + j.id() + "\t" + Instant.ofEpochMilli(j.startTime()));
                    }
                }
                case "state" -> {
                    Optional<FlinkRest.Job> job = rest.newest(o.require("--name"));
                    if (job.isEmpty()) {
                        return 1;
                    }
                    out.println(job.get().state());
                }
                case "submit" -> {
                    String jarId = rest.upload(Path.of(o.require("--jar")));
                    try {
                        String parallelism = o.value("--parallelism");
                        out.println(rest.run(jarId, o.require("--class"), o.programArgs,
                                parallelism == null ? null : Integer.valueOf(parallelism), o.value("--savepoint")));
                    } finally {
                        rest.deleteJar(jarId);
                    }
                }
                case "stop" -> {
                    String name = o.require("--name");
                    FlinkRest.Job job = rest.newest(name).filter(j -> j.state().equals("RUNNING"))
                            .orElseThrow(() -> new IOException("no running job named " + name));
                    out.println(rest.stopWithSavepoint(job.id(), o.require("--savepoint-dir"), Duration.ofMinutes(5)));
                }
                default -> {
                    err.println("FlinkJobs: unknown command '" + o.command + "'");
                    err.print(USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("FlinkJobs: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("FlinkJobs: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** {@code --rest URL COMMAND [--name value]... [-- PROGRAM ARGS]}. */
    record Options(String rest, String command, List<String> names, List<String> values, List<String> programArgs) {
        static Options parse(String[] args) {
            String rest = null;
            String command = null;
            List<String> names = new ArrayList<>();
            List<String> values = new ArrayList<>();
            List<String> program = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--")) {
                    program.addAll(List.of(args).subList(i + 1, args.length));
                    break;
                } else if (a.startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    if (a.equals("--rest")) {
                        rest = args[++i];
                    } else {
                        names.add(a);
                        values.add(args[++i]);
                    }
                } else if (command == null) {
                    command = a;
                } else {
                    throw new IllegalArgumentException("unexpected '" + a + "'");
                }
            }
            if (rest == null || command == null) {
                throw new IllegalArgumentException("--rest URL and a command are required");
            }
            return new Options(rest, command, names, values, program);
        }

        String value(String name) {
            int i = names.lastIndexOf(name);
            return i < 0 ? null : values.get(i);
        }

        String require(String name) {
            String v = value(name);
            if (v == null) {
                throw new IllegalArgumentException(command + " needs " + name);
            }
            return v;
        }
    }
}
