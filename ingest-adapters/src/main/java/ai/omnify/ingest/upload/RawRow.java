package ai.omnify.ingest.upload;

import java.util.Map;

/**
 * One row of a request body, before any interpretation.
 *
 * @param line the 1-based line of the body where the row starts (a CSV header is line 1)
 * @param text the row as sent (the dead letter's payload)
 * @param cells for CSV: column name to cell text; null for JSON
 * @param error why the row cannot even be split into fields (e.g. a CSV row with too many cells); null when it can
 */
public record RawRow(int line, String text, Map<String, String> cells, String error) {

    public static RawRow json(int line, String text) {
        return new RawRow(line, text, null, null);
    }

    public static RawRow csv(int line, String text, Map<String, String> cells) {
        return new RawRow(line, text, cells, null);
    }

    public static RawRow broken(int line, String text, String error) {
        return new RawRow(line, text, null, error);
    }
}
