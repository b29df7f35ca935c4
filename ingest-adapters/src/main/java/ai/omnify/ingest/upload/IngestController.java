package ai.omnify.ingest.upload;

import ai.omnify.ingest.web.ApiKeyGuard;
import ai.omnify.ingest.web.ErrorMapping;
import ai.omnify.model.Platform;
import ai.omnify.server.auth.ApiPrincipal;
import ai.omnify.server.auth.Scope;
import ai.omnify.server.http.ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * {@code POST /api/v1/ingest/{platform}}: checks the platform, the API key, the media type and the size, hands the
 * body stream to {@link IngestService} and answers its counts. Errors are thrown and mapped elsewhere.
 */
public final class IngestController {
    private final IngestService service;
    private final ApiKeyGuard guard;
    private final long maxBodyBytes;
    private final IngestMetrics metrics;

    public IngestController(IngestService service, ApiKeyGuard guard, long maxBodyBytes, IngestMetrics metrics) {
        this.service = service;
        this.guard = guard;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
    }

    public void ingest(Context ctx) throws IOException {
        long start = System.nanoTime();
        String platformTag = "unknown";
        int status = 500;
        try {
            Platform platform = platform(ctx.pathParam("platform"));
            platformTag = platform.wire();
            ApiPrincipal principal = guard.require(ctx.header("Authorization"), Scope.INGEST);
            BodyFormat format = BodyFormat.fromContentType(ctx.header("Content-Type"));
            long declared = ctx.req().getContentLengthLong();
            if (declared > maxBodyBytes) {
                throw new BodyTooLargeException(maxBodyBytes);
            }
            IngestResult result = service.ingest(platform, principal.orgId(), format, body(ctx));
            status = 200;
            ctx.status(200).json(result);
        } catch (RuntimeException | IOException e) {
            status = ErrorMapping.status(e);
            throw e;
        } finally {
            metrics.request(platformTag, status, System.nanoTime() - start);
        }
    }

    private static Platform platform(String name) {
        return Platform.parse(name).orElseThrow(() -> ApiException.notFound(
                "unknown platform '" + abbreviate(name) + "': use one of meta, google, tiktok, shopify"));
    }

    /** The body, limited to the maximum size (after decompression too, when it is gzip-encoded). */
    private InputStream body(Context ctx) throws IOException {
        InputStream raw = new LimitedInputStream(ctx.bodyInputStream(), maxBodyBytes);
        String encoding = ctx.header("Content-Encoding");
        if (encoding == null || encoding.isBlank() || encoding.strip().equalsIgnoreCase("identity")) {
            return raw;
        }
        if (encoding.strip().toLowerCase(Locale.ROOT).equals("gzip")) {
            return new LimitedInputStream(new GZIPInputStream(raw, 64 * 1024), maxBodyBytes);
        }
        throw new UnsupportedFormatException("Content-Encoding " + abbreviate(encoding.strip())
                + " is not supported: send the body as is or gzip-encoded");
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
