package ai.omnify.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BodyFormatTest {

    @Test
    void jsonAndCsvMediaTypesAreRecognised() {
        assertThat(BodyFormat.fromContentType("application/x-ndjson")).isEqualTo(BodyFormat.NDJSON);
        assertThat(BodyFormat.fromContentType("application/json; charset=UTF-8")).isEqualTo(BodyFormat.NDJSON);
        assertThat(BodyFormat.fromContentType("Application/NDJSON")).isEqualTo(BodyFormat.NDJSON);
        assertThat(BodyFormat.fromContentType("text/csv;charset=\"utf-8\"")).isEqualTo(BodyFormat.CSV);
        assertThat(BodyFormat.fromContentType("application/csv")).isEqualTo(BodyFormat.CSV);
    }

    @Test
    void othersAreRefusedNamingWhatIsSupported() {
        assertThatThrownBy(() -> BodyFormat.fromContentType(null)).isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("missing").hasMessageContaining("text/csv");
        assertThatThrownBy(() -> BodyFormat.fromContentType("application/xml"))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("application/xml").hasMessageContaining("application/x-ndjson");
        assertThatThrownBy(() -> BodyFormat.fromContentType("text/csv; charset=iso-8859-1"))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void limitedStreamPassesUpToTheLimitThenFails() throws Exception {
        try (InputStream in = new LimitedInputStream(new ByteArrayInputStream(new byte[10]), 10)) {
            assertThat(in.readAllBytes()).hasSize(10);
        }
        InputStream over = new LimitedInputStream(new ByteArrayInputStream(new byte[11]), 10);
        assertThatThrownBy(over::readAllBytes).isInstanceOf(BodyTooLargeException.class);
    }
}
