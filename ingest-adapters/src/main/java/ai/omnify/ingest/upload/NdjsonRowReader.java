package ai.omnify.ingest.upload;

import ai.omnify.model.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;

/**
 * Rows of a JSON body: one JSON object per line (NDJSON; blank lines skipped, CRLF accepted), or a single JSON array
 * of objects (when the body's first non-blank character is {@code [}), whose elements may span lines.
 */
public final class NdjsonRowReader implements RowReader {
    private static final int SNIFF_LIMIT = 8192;

    private final BufferedReader reader;
    private JsonParser array;
    private boolean started;
    private boolean done;
    private int line;

    public NdjsonRowReader(Reader reader) {
        this.reader = reader instanceof BufferedReader br ? br : new BufferedReader(reader, 64 * 1024);
    }

    @Override
    public RawRow next() throws IOException {
        if (!started) {
            started = true;
            if (startsWithArray()) {
                array = Json.mapper().createParser(reader);
                return nextElement(true);
            }
        }
        return array != null ? nextElement(false) : nextLine();
    }

    private RawRow nextLine() throws IOException {
        String text;
        while ((text = reader.readLine()) != null) {
            line++;
            if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            if (!text.isBlank()) {
                return RawRow.json(line, text);
            }
        }
        return null;
    }

    /** Looks at the first non-blank character without consuming it; skips a byte-order mark. */
    private boolean startsWithArray() throws IOException {
        reader.mark(SNIFF_LIMIT + 1);
        int c;
        int read = 0;
        boolean bom = false;
        while ((c = reader.read()) >= 0 && read < SNIFF_LIMIT) {
            read++;
            if (read == 1 && c == '\uFEFF') {
                bom = true;
                continue;
            }
            if (!Character.isWhitespace(c)) {
                break;
            }
        }
        reader.reset();
        if (bom) {
            reader.read();
        }
        return c == '[';
    }

    private RawRow nextElement(boolean first) throws IOException {
        if (done) {
            return null;
        }
        try {
            if (first) {
                array.nextToken(); // START_ARRAY
            }
            JsonToken token = array.nextToken();
            if (token == JsonToken.END_ARRAY) {
                JsonToken after = array.nextToken();
                done = true;
                if (after != null) {
                    int at = array.currentTokenLocation().getLineNr();
                    return RawRow.broken(at, "", "unexpected content after the JSON array; the rest of the body was not read");
                }
                return null;
            }
            if (token == null) {
                done = true;
                return RawRow.broken(Math.max(1, array.currentLocation().getLineNr()), "",
                        "the JSON array is not closed (missing ']')");
            }
            int at = array.currentTokenLocation().getLineNr();
            return RawRow.json(at, copyElement());
        } catch (JsonProcessingException e) {
            done = true;
            JsonLocation loc = e.getLocation();
            int at = loc == null ? Math.max(1, array.currentLocation().getLineNr()) : loc.getLineNr();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            return RawRow.broken(at, "", "not valid JSON" + where + ": " + firstLine(e.getOriginalMessage())
                    + "; the rest of the body was not read");
        }
    }

    /** The current element as compact JSON, numbers exactly as sent (1.10 stays 1.10). */
    private String copyElement() throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = Json.mapper().getFactory().createGenerator(out)) {
            int depth = 0;
            do {
                JsonToken t = array.currentToken();
                gen.copyCurrentEventExact(array);
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
            } while (depth > 0 && array.nextToken() != null);
        }
        return out.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable input";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() throws IOException {
        if (array != null) {
            array.close();
        }
        reader.close();
    }
}
