package ai.omnify.ingest.upload;

import java.io.IOException;

/** Reads the rows of a body one at a time, keeping no more than the current row. */
public interface RowReader extends AutoCloseable {

    /** The next row, or null at the end of the body. Blank lines are skipped, not returned. */
    RawRow next() throws IOException;

    @Override
    void close() throws IOException;
}
