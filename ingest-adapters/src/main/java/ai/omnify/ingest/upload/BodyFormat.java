package ai.omnify.ingest.upload;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** The formats a request body may have, chosen by its Content-Type. Always UTF-8. */
public enum BodyFormat {
    NDJSON,
    CSV;

    public static final String SUPPORTED = "application/x-ndjson, application/json (one object per line, or one array)"
            + " or text/csv";
    private static final Set<String> JSON_TYPES = Set.of("application/x-ndjson", "application/ndjson",
            "application/jsonl", "application/x-jsonlines", "application/json");
    private static final Set<String> CSV_TYPES = Set.of("text/csv", "application/csv");
    private static final Set<String> CHARSETS = Set.of("utf-8", "utf8", "us-ascii");

    /**
     * The format of a Content-Type header value.
     *
     * @throws UnsupportedFormatException naming the supported types when it is missing or not one of them
     */
    public static BodyFormat fromContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new UnsupportedFormatException("Content-Type is missing: send " + SUPPORTED);
        }
        String[] parts = contentType.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        BodyFormat format;
        if (JSON_TYPES.contains(type)) {
            format = NDJSON;
        } else if (CSV_TYPES.contains(type)) {
            format = CSV;
        } else {
            throw new UnsupportedFormatException("Content-Type " + abbreviate(type) + " is not supported: send " + SUPPORTED);
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].trim().split("=", 2);
            if (param.length == 2 && param[0].trim().equalsIgnoreCase("charset")) {
                String charset = param[1].trim().replace("\"", "").toLowerCase(Locale.ROOT);
                if (!CHARSETS.contains(charset)) {
                    throw new UnsupportedFormatException("charset " + abbreviate(charset) + " is not supported: send UTF-8");
                }
            }
        }
        return format;
    }

    /** A reader of the rows of a body in this format. */
    public RowReader open(InputStream body) {
        BufferedReader text = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 64 * 1024);
        return switch (this) {
            case NDJSON -> new NdjsonRowReader(text);
            case CSV -> new CsvRowReader(text);
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
