package ai.omnify.simulator.cli;

/** Wrong command-line usage: the message says what is wrong and what to do; exit status 2. */
public final class UsageException extends Exception {
    private final String command;

    public UsageException(String command, String message) {
        super(message);
        this.command = command;
    }

    /** The command whose usage to print, or null for the general usage. */
    public String command() {
        return command;
    }
}
