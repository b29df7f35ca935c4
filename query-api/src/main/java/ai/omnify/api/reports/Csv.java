package ai.omnify.api.reports;

/** CSV cells (RFC 4180). */
final class Csv {
    private Csv() {}

    /** A number or id: as it is. */
    static String plain(String v) {
        return v;
    }

    /**
     * A text cell: quoted when it holds a comma, quote or line break; a leading {@code = + - @} or tab/CR (which a
     * spreadsheet would run as a formula) is prefixed with a single quote.
     */
    static String text(String v) {
        if (v == null) {
            return "";
        }
        String s = v;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
