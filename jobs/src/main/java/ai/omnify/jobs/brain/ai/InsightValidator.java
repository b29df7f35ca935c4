package ai.omnify.jobs.brain.ai;

import ai.omnify.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a model's answer before use: it must be the JSON object of {@link #SCHEMA} (one non-empty {@code text} of at
 * most {@link #MAX_CHARS} characters, nothing else), and every number in the text must come from the facts — as
 * given, rounded to 0–2 decimals, or as a percentage of a ratio. Anything else means the template is used.
 */
public final class InsightValidator {
    public static final int MAX_CHARS = 700;
    public static final Map<String, Object> SCHEMA = Map.of(
            "type", "object",
            "properties", Map.of("text", Map.of("type", "string", "description",
                    "Plain-language text using only numbers that appear in the facts")),
            "required", java.util.List.of("text"),
            "additionalProperties", false);
    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** The text, or why the answer cannot be used. */
    public record Verdict(String text, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private InsightValidator() {}

    public static Verdict validate(String answer, String factsJson) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(answer);
        } catch (Exception e) {
            return new Verdict(null, "the answer is not JSON");
        }
        if (node == null || !node.isObject()) {
            return new Verdict(null, "the answer is not a JSON object");
        }
        if (node.size() != 1 || !node.path("text").isTextual()) {
            return new Verdict(null, "the answer does not match the schema: one string field 'text' expected");
        }
        String text = node.path("text").asText().trim();
        if (text.isEmpty() || text.length() > MAX_CHARS) {
            return new Verdict(null, "the text is empty or longer than " + MAX_CHARS + " characters");
        }
        Set<String> allowed = allowedNumbers(factsJson);
        Matcher m = NUMBER.matcher(DATE.matcher(text).replaceAll(d -> allowed.contains("date:" + d.group()) ? " " : d.group()));
        while (m.find()) {
            String raw = m.group().replace(",", "");
            String n = normal(new BigDecimal(raw));
            if (!allowed.contains(n)) {
                return new Verdict(null, "the text has the number " + m.group() + ", which is not in the facts");
            }
        }
        return new Verdict(text, null);
    }

    /** Every number of the facts in the forms a writer may use. */
    static Set<String> allowedNumbers(String factsJson) {
        Set<String> out = new HashSet<>();
        try {
            collect(Json.mapper().readTree(factsJson), out);
        } catch (Exception e) {
            // no facts, no numbers
        }
        return out;
    }

    private static void collect(JsonNode n, Set<String> out) {
        if (n.isNumber()) {
            add(n.decimalValue(), out);
        } else if (n.isTextual()) {
            String s = n.asText();
            if (DATE.matcher(s).matches()) {
                out.add("date:" + s);
            }
            Matcher m = NUMBER.matcher(s);
            while (m.find()) {
                try {
                    add(new BigDecimal(m.group().replace(",", "")), out);
                } catch (NumberFormatException e) {
                    // not a number after all
                }
            }
        } else {
            n.forEach(child -> collect(child, out));
        }
    }

    private static void add(BigDecimal v, Set<String> out) {
        out.add(normal(v));
        for (int scale = 0; scale <= 2; scale++) {
            out.add(normal(v.setScale(scale, RoundingMode.HALF_UP)));
            out.add(normal(v.abs().setScale(scale, RoundingMode.HALF_UP)));
        }
        if (v.abs().compareTo(BigDecimal.TEN) <= 0) {
            BigDecimal pct = v.movePointRight(2);
            for (int scale = 0; scale <= 1; scale++) {
                out.add(normal(pct.setScale(scale, RoundingMode.HALF_UP)));
                out.add(normal(pct.abs().setScale(scale, RoundingMode.HALF_UP)));
            }
        }
    }

    private static String normal(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.signum() == 0 ? "0" : s.toPlainString();
    }
}
