package ai.omnify.bench.report;

import ai.omnify.model.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one run: printed as a table, appended to the results file as one JSON line. */
public final class Report {
    private final Hardware hardware;
    private final Instant startedAt = Instant.now();
    private final String loadAtStart = Hardware.loadText();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();

    public Report(Hardware hardware) {
        this.hardware = hardware;
    }

    public void add(Figure f) {
        figures.add(f);
    }

    public void note(String n) {
        notes.add(n);
    }

    public void detail(String key, Object value) {
        details.put(key, value);
    }

    public void print(PrintStream out) {
        out.println();
        out.println("hardware: " + hardware.oneLine() + ", load (1/5/15 min) at start " + loadAtStart
                + ", at end " + Hardware.loadText());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"benchmark", "figure", "ceiling / aim"});
        for (Figure f : figures) {
            rows.add(new String[] {f.benchmark(), f.figure(), f.comparison()});
        }
        int[] w = new int[3];
        for (String[] r : rows) {
            for (int i = 0; i < 3; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            out.printf("| %-" + w[0] + "s | %-" + w[1] + "s | %-" + w[2] + "s |%n", r[0], r[1], r[2]);
            if (i == 0) {
                out.printf("|-%s-|-%s-|-%s-|%n", "-".repeat(w[0]), "-".repeat(w[1]), "-".repeat(w[2]));
            }
        }
        for (String n : notes) {
            out.println("- " + n);
        }
    }

    /** Appends this run as one JSON line. */
    public void append(Path file) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("startedAt", startedAt.toString());
        line.put("finishedAt", Instant.now().toString());
        line.put("hardware", hardware.toMap());
        line.put("loadAtStart", loadAtStart);
        line.put("loadAtEnd", Hardware.loadText());
        List<Map<String, Object>> fs = new ArrayList<>();
        for (Figure f : figures) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", f.benchmark());
            m.put("figure", f.figure());
            m.put("comparison", f.comparison());
            m.putAll(f.values());
            fs.add(m);
        }
        line.put("figures", fs);
        line.put("notes", notes);
        line.putAll(details);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Json.write(line) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
