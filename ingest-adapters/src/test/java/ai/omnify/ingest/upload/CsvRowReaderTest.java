package ai.omnify.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowReaderTest {

    static List<RawRow> rows(String csv) throws IOException {
        List<RawRow> out = new ArrayList<>();
        try (RowReader r = BodyFormat.CSV.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            RawRow row;
            while ((row = r.next()) != null) {
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void readsRowsAgainstTheHeaderWithLineNumbersCountingTheHeader() throws IOException {
        List<RawRow> rows = rows("adId,spend\nad1,1.5\nad2,2\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).line()).isEqualTo(2);
        assertThat(rows.get(0).cells()).containsExactly(java.util.Map.entry("adId", "ad1"), java.util.Map.entry("spend", "1.5"));
        assertThat(rows.get(0).text()).isEqualTo("ad1,1.5");
        assertThat(rows.get(1).line()).isEqualTo(3);
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws IOException {
        List<RawRow> rows = rows("name,site\r\n\"Sale, big\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",x\r\nlast,y\r\n");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).cells()).containsEntry("name", "Sale, big").containsEntry("site", "say \"hi\"");
        assertThat(rows.get(0).text()).isEqualTo("\"Sale, big\",\"say \"\"hi\"\"\"");
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(1).cells()).containsEntry("name", "two\r\nlines");
        assertThat(rows.get(2).line()).as("a quoted line break counts as a line").isEqualTo(5);
    }

    @Test
    void crlfLfAndCrLineEndsAllCount() throws IOException {
        List<RawRow> rows = rows("a,b\r\n1,2\n3,4\r5,6");
        assertThat(rows).extracting(RawRow::line).containsExactly(2, 3, 4);
        assertThat(rows.get(2).cells()).containsEntry("a", "5").containsEntry("b", "6");
    }

    @Test
    void byteOrderMarkIsSkipped() throws IOException {
        List<RawRow> rows = rows("\uFEFFadId,spend\nad1,1\n");
        assertThat(rows.get(0).cells()).containsOnlyKeys("adId", "spend");
    }

    @Test
    void blankRowsAndRowsOfEmptyCellsAreSkippedButCounted() throws IOException {
        List<RawRow> rows = rows("\na,b\n\n1,2\n,\n   \n3,4\n");
        assertThat(rows).extracting(RawRow::line).containsExactly(4, 7);
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsBrokenWithAReason() throws IOException {
        List<RawRow> rows = rows("a,b\n1,2,3\n1\n");
        assertThat(rows.get(0).error()).isEqualTo("row has 3 fields but the header has 2");
        assertThat(rows.get(0).text()).isEqualTo("1,2,3");
        assertThat(rows.get(1).error()).isEqualTo("row has 1 fields but the header has 2");
    }

    @Test
    void anUnclosedQuoteSwallowsTheRestAndIsReported() throws IOException {
        List<RawRow> rows = rows("a,b\n1,2\n\"3,4\n5,6\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(1).error()).isEqualTo("a quoted field opened on line 3 is never closed");
    }

    @Test
    void headerProblemsRefuseTheBody() {
        assertThatThrownBy(() -> rows("a,b,a\n1,2,3\n")).isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("'a' twice");
        assertThatThrownBy(() -> rows("\"a,b\n")).isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("never closed");
    }

    @Test
    void headerOnlyOrNothingHasNoRows() throws IOException {
        assertThat(rows("a,b\n")).isEmpty();
        assertThat(rows("")).isEmpty();
        assertThat(rows("\n\n")).isEmpty();
    }

    @Test
    void emptyHeaderColumnsAreIgnored() throws IOException {
        List<RawRow> rows = rows("a,b,\n1,2,\n");
        assertThat(rows.get(0).cells()).containsOnlyKeys("a", "b");
    }
}
