package ai.omnify.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack that {@code infra/omnify} runs: its state folder ({@code OMNIFY_STATE_DIR}, else {@code .omnify} at
 * the checkout's root, or at the main checkout's root for a git worktree) and the database roles' passwords it keeps
 * there in {@code secrets/database.env} ({@code OMNIFY_OWNER_PASSWORD=...}, one per line, mode 0600).
 */
public final class LocalStack {
    public static final String PASSWORDS_FILE = "secrets/database.env";

    private LocalStack() {}

    /** The environment variable holding a role's password: owner → OMNIFY_OWNER_PASSWORD. */
    public static String passwordVariable(String role) {
        return "OMNIFY_" + role.toUpperCase(Locale.ROOT) + "_PASSWORD";
    }

    /**
     * The password of role {@code owner}, {@code app} or {@code pipeline}: its variable in {@code env}, else the
     * first state folder (see {@link #stateDirs}) whose passwords file has it.
     */
    public static Optional<String> password(String role, Map<String, String> env, Path workingDir) {
        String variable = passwordVariable(role);
        String given = env.get(variable);
        if (given != null && !given.isBlank()) {
            return Optional.of(given);
        }
        for (Path state : stateDirs(env, workingDir)) {
            Optional<String> kept = kept(state.resolve(PASSWORDS_FILE), variable);
            if (kept.isPresent()) {
                return kept;
            }
        }
        return Optional.empty();
    }

    /** Where the stack's state may be, in order: OMNIFY_STATE_DIR, the checkout's .omnify, the main checkout's. */
    static List<Path> stateDirs(Map<String, String> env, Path workingDir) {
        List<Path> dirs = new ArrayList<>();
        String explicit = env.get("OMNIFY_STATE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            dirs.add(Path.of(explicit));
        }
        for (Path d = workingDir.toAbsolutePath(); d != null; d = d.getParent()) {
            Path git = d.resolve(".git");
            if (Files.isDirectory(git)) {
                dirs.add(d.resolve(".omnify"));
                break;
            }
            if (Files.isRegularFile(git)) { // a worktree: "gitdir: <main>/.git/worktrees/<name>"
                dirs.add(d.resolve(".omnify"));
                mainCheckout(git).ifPresent(main -> dirs.add(main.resolve(".omnify")));
                break;
            }
        }
        return dirs;
    }

    private static Optional<Path> mainCheckout(Path gitFile) {
        try {
            String line = Files.readString(gitFile, StandardCharsets.UTF_8).trim();
            if (!line.startsWith("gitdir:")) {
                return Optional.empty();
            }
            Path gitDir = gitFile.getParent().resolve(line.substring("gitdir:".length()).trim()).normalize();
            // <main>/.git/worktrees/<name> → <main>
            Path worktrees = gitDir.getParent();
            if (worktrees == null || worktrees.getParent() == null || !worktrees.getFileName().toString().equals("worktrees")) {
                return Optional.empty();
            }
            return Optional.ofNullable(worktrees.getParent().getParent());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> kept(Path file, String variable) {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try {
            String found = null;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith(variable + "=")) {
                    found = line.substring(variable.length() + 1);
                }
            }
            return Optional.ofNullable(found).filter(v -> !v.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
