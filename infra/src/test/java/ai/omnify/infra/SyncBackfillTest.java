package ai.omnify.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SyncBackfillTest {
    static final String ID = "0b4c9d52-6f1e-4d1a-9b7e-2f6a1c3d4e5f";

    @Test
    void parsesTheOptionsAndLetsALaterUrlWin() {
        SyncBackfill.Options o = SyncBackfill.Options.parse(new String[] {"--default-api-url", "http://127.0.0.1:7070",
                "--connection", ID, "--from", "2026-09-01", "--to", "2026-09-30", "--api-key", "k",
                "--api-url", "http://api:9/", "--no-wait"});
        assertThat(o.connection()).isEqualTo(ID);
        assertThat(o.from()).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(o.apiUrl().toString()).isEqualTo("http://api:9");
        assertThat(o.follow()).isFalse();
    }

    @Test
    void usageErrorsExit2WithTheReason() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = SyncBackfill.run(new String[] {"--connection", ID, "--from", "yesterday", "--to", "2026-09-30",
                "--api-key", "k"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--from must be a date YYYY-MM-DD (got 'yesterday')")
                .contains("usage: infra/omnify backfill --connection");
    }

    @Test
    void anUnreachableApiExits3SayingWhatToDo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = SyncBackfill.run(new String[] {"--connection", ID, "--from", "2026-09-01", "--to", "2026-09-30",
                "--api-key", "k", "--api-url", "http://127.0.0.1:1"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err));
        assertThat(rc).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("does not answer");
    }
}
