package ai.omnify.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonRowReaderTest {

    static List<RawRow> rows(String body) throws IOException {
        List<RawRow> out = new ArrayList<>();
        try (RowReader r = BodyFormat.NDJSON.open(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            RawRow row;
            while ((row = r.next()) != null) {
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void oneRowPerNonBlankLineWithItsLineNumber() throws IOException {
        List<RawRow> rows = rows("{\"a\":1}\n\n   \n{\"a\":2}\r\n{\"a\":3}");
        assertThat(rows).extracting(RawRow::line).containsExactly(1, 4, 5);
        assertThat(rows).extracting(RawRow::text).containsExactly("{\"a\":1}", "{\"a\":2}", "{\"a\":3}");
        assertThat(rows).allSatisfy(r -> assertThat(r.cells()).isNull());
    }

    @Test
    void byteOrderMarkIsSkipped() throws IOException {
        assertThat(rows("\uFEFF{\"a\":1}\n")).extracting(RawRow::text).containsExactly("{\"a\":1}");
    }

    @Test
    void aJsonArrayGivesOneRowPerElementAtTheLineWhereItStarts() throws IOException {
        List<RawRow> rows = rows("\uFEFF\n[\n  {\"a\": 1.10},\n  {\n    \"a\": 2\n  }\n]\n");
        assertThat(rows).extracting(RawRow::line).containsExactly(3, 4);
        assertThat(rows).extracting(RawRow::text).containsExactly("{\"a\":1.10}", "{\"a\":2}");
    }

    @Test
    void aBrokenArrayEndsWithABrokenRow() throws IOException {
        List<RawRow> rows = rows("[{\"a\":1},\n{\"a\":]\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(1).error()).startsWith("not valid JSON at line 2").endsWith("the rest of the body was not read");
    }

    @Test
    void contentAfterTheArrayIsReported() throws IOException {
        List<RawRow> rows = rows("[{\"a\":1}]\n{\"a\":2}\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).error()).startsWith("unexpected content after the JSON array");
        assertThat(rows.get(1).line()).isEqualTo(2);
    }

    @Test
    void anUnclosedArrayIsReported() throws IOException {
        List<RawRow> rows = rows("[{\"a\":1},\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).error()).startsWith("not valid JSON").contains("end-of-input");
    }

    @Test
    void emptyArrayAndEmptyBodyHaveNoRows() throws IOException {
        assertThat(rows("[]")).isEmpty();
        assertThat(rows("")).isEmpty();
        assertThat(rows("\n\r\n")).isEmpty();
    }
}
