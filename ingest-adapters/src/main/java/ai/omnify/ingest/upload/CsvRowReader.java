package ai.omnify.ingest.upload;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows of a CSV body (RFC 4180): a header row of field names, then one record per row. Fields may be quoted, with
 * {@code ""} for a quote inside; quoted fields may hold commas and line breaks. Lines end with LF, CRLF or CR. A UTF-8
 * byte-order mark is skipped; blank rows (and rows of empty cells) are skipped. Line numbers count physical lines of
 * the body, the header being line 1 when it is the first line.
 */
public final class CsvRowReader implements RowReader {
    private final Reader in;
    private final char[] buf = new char[64 * 1024];
    private int pos;
    private int len;
    private boolean eof;
    private int line = 1;
    private List<String> header;

    /** One physical record: its cells, where it starts, its text, and a problem if it could not be split. */
    private record Record(List<String> cells, int line, String text, String error) {
        boolean isBlank() {
            return error == null && cells.stream().allMatch(String::isBlank);
        }
    }

    public CsvRowReader(Reader in) {
        this.in = in;
    }

    @Override
    public RawRow next() throws IOException {
        if (header == null && !readHeader()) {
            return null;
        }
        Record r;
        do {
            r = readRecord();
            if (r == null) {
                return null;
            }
        } while (r.isBlank());
        if (r.error() != null) {
            return RawRow.broken(r.line(), r.text(), r.error());
        }
        if (r.cells().size() != header.size()) {
            return RawRow.broken(r.line(), r.text(), "row has " + r.cells().size() + " fields but the header has "
                    + header.size());
        }
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (!header.get(i).isEmpty()) {
                cells.put(header.get(i), r.cells().get(i));
            }
        }
        return RawRow.csv(r.line(), r.text(), cells);
    }

    private boolean readHeader() throws IOException {
        if (peek() == '\uFEFF') {
            pos++;
        }
        Record r;
        do {
            r = readRecord();
            if (r == null) {
                return false;
            }
        } while (r.isBlank());
        if (r.error() != null) {
            throw new MalformedBodyException("the CSV header (line " + r.line() + ") cannot be read: " + r.error());
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String cell : r.cells()) {
            String name = cell.strip();
            if (!name.isEmpty() && !seen.add(name)) {
                throw new MalformedBodyException("the CSV header (line " + r.line() + ") names column '" + name + "' twice");
            }
            names.add(name);
        }
        if (seen.isEmpty()) {
            throw new MalformedBodyException("the CSV header (line " + r.line() + ") names no columns");
        }
        header = List.copyOf(names);
        return true;
    }

    /** The next physical record, or null at the end of the body. */
    private Record readRecord() throws IOException {
        if (peek() < 0) {
            return null;
        }
        int start = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        StringBuilder text = new StringBuilder();
        boolean quoted = false;     // inside a quoted section
        while (true) {
            int c = read();
            if (c < 0) {
                cells.add(cell.toString());
                if (quoted) {
                    return new Record(cells, start, text.toString(),
                            "a quoted field opened on line " + start + " is never closed");
                }
                return new Record(cells, start, text.toString(), null);
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        cell.append('"');
                        text.append("\"\"");
                    } else {
                        quoted = false;
                        text.append('"');
                    }
                    continue;
                }
                if (c == '\r' || c == '\n') {
                    if (c == '\r' && peek() == '\n') {
                        read();
                        cell.append("\r\n");
                        text.append("\r\n");
                    } else {
                        cell.append((char) c);
                        text.append((char) c);
                    }
                    line++;
                    continue;
                }
                cell.append((char) c);
                text.append((char) c);
                continue;
            }
            if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                text.append(',');
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
                text.append('"');
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                cells.add(cell.toString());
                return new Record(cells, start, text.toString(), null);
            } else {
                cell.append((char) c);
                text.append((char) c);
            }
        }
    }

    private int peek() throws IOException {
        if (pos >= len && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private int read() throws IOException {
        if (pos >= len && !fill()) {
            return -1;
        }
        return buf[pos++];
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        len = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
