package ai.omnify.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the results table: what was measured, the figure as text, what it compares to, and the raw numbers
 * (for the JSON results file).
 */
public record Figure(String benchmark, String figure, String comparison, Map<String, Object> values) {

    public static Figure of(String benchmark, String figure, String comparison) {
        return new Figure(benchmark, figure, comparison, new LinkedHashMap<>());
    }

    public Figure with(String key, Object value) {
        values.put(key, value);
        return this;
    }
}
