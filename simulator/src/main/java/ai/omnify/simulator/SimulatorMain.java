package ai.omnify.simulator;

import ai.omnify.simulator.cli.Cli;
import java.time.Clock;

/**
 * The simulator's command line: {@code run} feeds the synthetic brand to Omnify's ingest endpoint (history, then
 * live), {@code generate} writes it to files; both write the ground truth. See {@code --help}.
 */
public final class SimulatorMain {
    private SimulatorMain() {}

    public static void main(String[] args) {
        int code = new Cli(System.out, System.err, System.getenv(), Clock.systemUTC()).run(args);
        System.exit(code);
    }
}
