package ai.omnify.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code infra/omnify backfill}: streams a CSV or NDJSON file to the ingest endpoint
 * ({@code POST {ingest}/api/v1/ingest/{platform}}) in batches of rows, the CSV header repeated on every batch, with
 * progress and the rejected rows (mapped back to the file's line numbers) at the end.
 *
 * <p>Exit status: 0 every row accepted, 1 some rows rejected, 2 usage error, 3 a batch could not be delivered.
 */
public final class Backfill {
    static final String USAGE = """
            usage: infra/omnify backfill --platform meta|google|tiktok|shopify --file PATH --api-key KEY
                                         [--ingest-url URL] [--batch-rows N]
            """;
    static final Set<String> PLATFORMS = Set.of("meta", "google", "tiktok", "shopify");
    static final int DEFAULT_BATCH_ROWS = 5000;
    static final int SHOW_REJECTED = 20;
    private static final int ATTEMPTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Backfill() {}

    /** Options of one run, validated. */
    record Options(String platform, Path file, String apiKey, URI ingestUrl, int batchRows, Format format) {
        static Options parse(String[] args) {
            String platform = null;
            String file = null;
            String key = null;
            String url = null;
            String defaultUrl = "http://127.0.0.1:7071";
            int batch = DEFAULT_BATCH_ROWS;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (a) {
                    case "--platform" -> platform = need(a, v);
                    case "--file" -> file = need(a, v);
                    case "--api-key" -> key = need(a, v);
                    case "--ingest-url" -> url = need(a, v);
                    case "--default-ingest-url" -> defaultUrl = need(a, v);
                    case "--batch-rows" -> {
                        try {
                            batch = Integer.parseInt(need(a, v));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--batch-rows needs a whole number, e.g. 5000");
                        }
                        if (batch < 1 || batch > 1_000_000) {
                            throw new IllegalArgumentException("--batch-rows " + batch + " is out of range: use 1 to 1000000");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
                i++;
            }
            if (platform == null || !PLATFORMS.contains(platform.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("--platform must be one of meta, google, tiktok, shopify"
                        + (platform == null ? "" : " (got '" + platform + "')"));
            }
            if (file == null) {
                throw new IllegalArgumentException("--file PATH is required (a .csv or .ndjson/.jsonl file)");
            }
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("--api-key KEY is required (an ingest key: 'infra/omnify org create' prints one)");
            }
            URI base;
            try {
                base = URI.create((url == null ? defaultUrl : url).replaceAll("/+$", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--ingest-url is not a URL: " + url);
            }
            if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
                throw new IllegalArgumentException("--ingest-url must start with http:// or https:// (got '" + base + "')");
            }
            Path path = Path.of(file);
            return new Options(platform.toLowerCase(Locale.ROOT), path, key.trim(), base, batch, Format.of(path));
        }

        URI endpoint() {
            return URI.create(ingestUrl + "/api/v1/ingest/" + platform);
        }
    }

    /** File format, by extension. */
    enum Format {
        CSV("text/csv"), NDJSON("application/x-ndjson");

        final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        static Format of(Path file) {
            String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".csv")) {
                return CSV;
            }
            if (n.endsWith(".ndjson") || n.endsWith(".jsonl") || n.endsWith(".json")) {
                return NDJSON;
            }
            throw new IllegalArgumentException("cannot tell the format of '" + file
                    + "': name it .csv (with a header line) or .ndjson/.jsonl (one JSON object per line)");
        }
    }

    /** One request body: its rows and, for each line of the body, the line of the file it came from. */
    record Batch(int number, String body, int rows, List<Integer> fileLines) {
        /** The file line of the body's 1-based line {@code bodyLine}, or -1 when out of range. */
        int fileLine(int bodyLine) {
            return bodyLine >= 1 && bodyLine <= fileLines.size() ? fileLines.get(bodyLine - 1) : -1;
        }
    }

    /**
     * Cuts a file into batches of at most {@code batchRows} records. A CSV record may span lines inside quotes;
     * blank lines are skipped. For CSV the first record is the header, repeated at the top of every batch.
     */
    static final class BatchReader implements AutoCloseable {
        private final BufferedReader in;
        private final Format format;
        private final int batchRows;
        private String header;
        private int headerLine;
        private int line;
        private int batches;

        BatchReader(BufferedReader in, Format format, int batchRows) {
            this.in = in;
            this.format = format;
            this.batchRows = batchRows;
        }

        /** The next record with the file line it starts on, or null at the end. */
        private String[] nextRecord() throws IOException {
            String l;
            do {
                l = in.readLine();
                if (l == null) {
                    return null;
                }
                line++;
            } while (l.isBlank());
            int start = line;
            if (format == Format.CSV) {
                StringBuilder rec = new StringBuilder(l);
                while (quotes(rec) % 2 == 1) {
                    String more = in.readLine();
                    if (more == null) {
                        break;
                    }
                    line++;
                    rec.append('\n').append(more);
                }
                l = rec.toString();
            }
            return new String[] {l, Integer.toString(start), Integer.toString(line)};
        }

        private static int quotes(CharSequence s) {
            int n = 0;
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '"') {
                    n++;
                }
            }
            return n;
        }

        Batch next() throws IOException {
            if (format == Format.CSV && header == null) {
                String[] h = nextRecord();
                if (h == null) {
                    return null;
                }
                header = h[0];
                headerLine = Integer.parseInt(h[1]);
            }
            StringBuilder body = new StringBuilder();
            List<Integer> lines = new ArrayList<>();
            if (header != null) {
                appendLines(body, lines, header, headerLine);
            }
            int rows = 0;
            String[] rec;
            while (rows < batchRows && (rec = nextRecord()) != null) {
                appendLines(body, lines, rec[0], Integer.parseInt(rec[1]));
                rows++;
            }
            if (rows == 0) {
                return null;
            }
            return new Batch(++batches, body.toString(), rows, lines);
        }

        private static void appendLines(StringBuilder body, List<Integer> lines, String record, int firstLine) {
            body.append(record).append('\n');
            int n = 1;
            for (int i = 0; i < record.length(); i++) {
                if (record.charAt(i) == '\n') {
                    n++;
                }
            }
            for (int i = 0; i < n; i++) {
                lines.add(firstLine + i);
            }
        }

        /** Rows in the whole file (CSV: without the header). */
        static long countRows(Path file, Format format) throws IOException {
            try (BatchReader r = new BatchReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), format, Integer.MAX_VALUE)) {
                long n = 0;
                while (r.nextRecord() != null) {
                    n++;
                }
                return format == Format.CSV ? Math.max(0, n - 1) : n;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A rejected row: the file line (or -1), the batch and its line in the batch, and the reason. */
    record Rejection(int fileLine, int batch, int bodyLine, String reason) {}

    /** What the ingest answered for one batch. */
    record Answer(long accepted, long rejected, List<Rejection> rejections) {
        static Answer parse(String json, Batch batch) throws IOException {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new IOException("the ingest answer is not a JSON object: " + abbreviate(json));
            }
            List<Rejection> list = new ArrayList<>();
            for (JsonNode e : root.path("errors")) {
                int bodyLine = e.path("line").asInt(-1);
                list.add(new Rejection(batch.fileLine(bodyLine), batch.number(), bodyLine, e.path("reason").asText("(no reason given)")));
            }
            return new Answer(root.path("accepted").asLong(0), root.path("rejected").asLong(list.size()), list);
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("omnify backfill: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            return new Runner(o, out, err).run();
        } catch (NoSuchFileException e) {
            err.println("omnify backfill: no such file: " + e.getFile());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            err.println("omnify backfill: cannot read " + o.file() + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("omnify backfill: interrupted");
            return 3;
        }
    }

    private static final class Runner {
        private final Options o;
        private final PrintStream out;
        private final PrintStream err;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private final boolean tty = System.console() != null;
        private final List<Rejection> rejections = new ArrayList<>();
        private long sent;
        private long accepted;
        private long rejected;

        Runner(Options o, PrintStream out, PrintStream err) {
            this.o = o;
            this.out = out;
            this.err = err;
        }

        int run() throws IOException, InterruptedException {
            long total = BatchReader.countRows(o.file(), o.format());
            out.printf("backfill %s: %,d rows (%s) -> %s in batches of %,d%n",
                    o.file(), total, o.format().name().toLowerCase(Locale.ROOT), o.endpoint(), o.batchRows());
            long t0 = System.nanoTime();
            try (BatchReader reader = new BatchReader(Files.newBufferedReader(o.file(), StandardCharsets.UTF_8), o.format(), o.batchRows())) {
                Batch b;
                while ((b = reader.next()) != null) {
                    Answer a;
                    try {
                        a = send(b);
                    } catch (DeliveryException e) {
                        endProgress();
                        err.println("omnify backfill: batch " + b.number() + " (file lines " + b.fileLines().get(0) + "-"
                                + b.fileLines().get(b.fileLines().size() - 1) + ") failed: " + e.getMessage());
                        err.printf("sent before the failure: %,d rows, %,d accepted, %,d rejected; the rows from that batch on "
                                + "were not taken (re-sending rows is safe: snapshots replace, orders dedupe)%n", sent, accepted, rejected);
                        printRejections();
                        return 3;
                    }
                    sent += b.rows();
                    accepted += a.accepted();
                    rejected += a.rejected();
                    rejections.addAll(a.rejections());
                    progress(total, t0);
                }
            }
            endProgress();
            double secs = Math.max(1e-3, (System.nanoTime() - t0) / 1e9);
            out.printf("done: %,d rows sent in %.1f s (%,.0f rows/s): %,d accepted, %,d rejected%n",
                    sent, secs, sent / secs, accepted, rejected);
            printRejections();
            return rejected > 0 ? 1 : 0;
        }

        private void progress(long total, long t0) {
            double secs = Math.max(1e-3, (System.nanoTime() - t0) / 1e9);
            String line = String.format("  %,d / %,d rows (%.0f%%), %,.0f rows/s, accepted %,d, rejected %,d",
                    sent, total, total == 0 ? 100.0 : 100.0 * sent / total, sent / secs, accepted, rejected);
            if (tty) {
                out.print("\r" + line + "   ");
            } else {
                out.println(line);
            }
            out.flush();
        }

        private void endProgress() {
            if (tty) {
                out.println();
            }
        }

        private void printRejections() {
            if (rejections.isEmpty()) {
                return;
            }
            out.printf("rejected rows (first %d of %,d):%n", Math.min(SHOW_REJECTED, rejections.size()), rejected);
            for (Rejection r : rejections.subList(0, Math.min(SHOW_REJECTED, rejections.size()))) {
                String where = r.fileLine() > 0 ? "line " + r.fileLine() : "batch " + r.batch() + " line " + r.bodyLine();
                out.println("  " + where + ": " + r.reason());
            }
        }

        /** POSTs one batch; retries connection failures, timeouts and 5xx with backoff; fails on 4xx. */
        private Answer send(Batch b) throws InterruptedException, DeliveryException {
            HttpRequest req = HttpRequest.newBuilder(o.endpoint())
                    .timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + o.apiKey())
                    .header("Content-Type", o.format().contentType + "; charset=utf-8")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(b.body(), StandardCharsets.UTF_8))
                    .build();
            String last = "";
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    int s = r.statusCode();
                    if (s / 100 == 2) {
                        try {
                            return Answer.parse(r.body(), b);
                        } catch (IOException e) {
                            throw new DeliveryException("HTTP " + s + " with an answer that is not the expected JSON: " + abbreviate(r.body()));
                        }
                    }
                    last = "HTTP " + s + ": " + errorMessage(r.body());
                    if (s == 401 || s == 403) {
                        throw new DeliveryException(last + " (check --api-key: it needs the 'ingest' scope)");
                    }
                    if (s == 413) {
                        throw new DeliveryException(last + " (the batch is too large: use a smaller --batch-rows)");
                    }
                    if (s / 100 == 4) {
                        throw new DeliveryException(last);
                    }
                } catch (ConnectException e) {
                    last = "cannot connect to " + o.ingestUrl() + " (is the ingest service running? 'infra/omnify serve' starts it)";
                } catch (HttpTimeoutException e) {
                    last = "no answer within 120 s";
                } catch (IOException e) {
                    last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                }
                if (attempt < ATTEMPTS) {
                    long backoff = (500L << (attempt - 1)) + ThreadLocalRandom.current().nextLong(250);
                    endProgress();
                    err.printf("  batch %d: %s; retrying in %.1f s (attempt %d of %d)%n", b.number(), last, backoff / 1000.0, attempt + 1, ATTEMPTS);
                    Thread.sleep(backoff);
                }
            }
            throw new DeliveryException(last + " (gave up after " + ATTEMPTS + " attempts)");
        }
    }

    static String errorMessage(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode m = n == null ? null : n.path("error").path("message");
            if (m != null && m.isTextual()) {
                return m.asText();
            }
        } catch (IOException e) {
            // not JSON: show the raw body
        }
        return abbreviate(body);
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip().replace('\n', ' ');
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    private static final class DeliveryException extends Exception {
        DeliveryException(String message) {
            super(message);
        }
    }

    private static String need(String option, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
