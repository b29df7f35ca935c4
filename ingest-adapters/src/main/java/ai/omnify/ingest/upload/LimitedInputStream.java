package ai.omnify.ingest.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes a stream through and fails with {@link BodyTooLargeException} as soon as more than the limit was read. */
public final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    public LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            counted(skipped);
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(long n) throws BodyTooLargeException {
        count += n;
        if (count > limit) {
            throw new BodyTooLargeException(limit);
        }
    }
}
