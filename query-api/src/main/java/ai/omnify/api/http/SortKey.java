package ai.omnify.api.http;

import ai.omnify.model.Json;
import ai.omnify.server.http.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The unique order of a list, and the opaque cursor that resumes it after a given row (keyset pagination). A cursor is
 * base64url of a JSON array {@code [kind, key values...]} followed by 8 bytes of its SHA-256, so an edited or
 * truncated cursor, or one from another list, is rejected with a 400 rather than silently starting elsewhere.
 *
 * @param kind names the list and the version of its order, e.g. {@code channels.v1}
 * @param columns the result columns the list is ordered by, most significant first; together they are unique
 */
public record SortKey(String kind, List<Column> columns) {
    private static final int CHECK_BYTES = 8;
    private static final int MAX_CURSOR_CHARS = 2048;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public enum Type { UUID, DATE, INT, TEXT }

    /** A column of the key: its name in SQL and in the result set, and its type. */
    public record Column(String name, Type type) {}

    public SortKey {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a sort key needs at least one column");
        }
    }

    public static SortKey of(String kind, Column... columns) {
        return new SortKey(kind, Arrays.asList(columns));
    }

    public static Column uuid(String name) {
        return new Column(name, Type.UUID);
    }

    public static Column date(String name) {
        return new Column(name, Type.DATE);
    }

    public static Column integer(String name) {
        return new Column(name, Type.INT);
    }

    public static Column text(String name) {
        return new Column(name, Type.TEXT);
    }

    /** {@code a, b, c}: the ORDER BY list. */
    public String orderBy() {
        return String.join(", ", columns.stream().map(Column::name).toList());
    }

    /** {@code (a, b, c) > (?, ?, ?)}: rows after the cursor's row. */
    public String afterCondition() {
        return "(" + orderBy() + ") > (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
    }

    /** Binds decoded key values from parameter index {@code first} on; returns the next free index. */
    public int bind(PreparedStatement ps, int first, Object[] values) throws SQLException {
        int i = first;
        for (int k = 0; k < columns.size(); k++) {
            Object v = values[k];
            switch (columns.get(k).type()) {
                case INT -> ps.setInt(i++, (Integer) v);
                case TEXT -> ps.setString(i++, (String) v);
                default -> ps.setObject(i++, v);
            }
        }
        return i;
    }

    /** The cursor that resumes the list after the current row of {@code rs}. */
    public String cursorAt(ResultSet rs) throws SQLException {
        List<String> parts = new ArrayList<>(columns.size());
        for (Column c : columns) {
            parts.add(switch (c.type()) {
                case UUID -> rs.getObject(c.name(), UUID.class).toString();
                case DATE -> rs.getObject(c.name(), LocalDate.class).toString();
                case INT -> Integer.toString(rs.getInt(c.name()));
                case TEXT -> rs.getString(c.name());
            });
        }
        return encode(parts);
    }

    /** A cursor of this list for the given key values in text (tests and {@link #cursorAt}). */
    public String encode(List<String> values) {
        List<String> array = new ArrayList<>(values.size() + 1);
        array.add(kind);
        array.addAll(values);
        byte[] json = Json.writeBytes(array);
        byte[] token = Arrays.copyOf(json, json.length + CHECK_BYTES);
        System.arraycopy(check(json), 0, token, json.length, CHECK_BYTES);
        return ENCODER.encodeToString(token);
    }

    /** The key values of a cursor of this list, typed for {@link #bind}; a 400 when it is not one. */
    public Object[] decode(String cursor) {
        if (cursor == null || cursor.length() > MAX_CURSOR_CHARS) {
            throw invalid();
        }
        byte[] token;
        try {
            token = DECODER.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        // only the canonical spelling is accepted (base64 has unused bits in its last character)
        if (token.length <= CHECK_BYTES || !ENCODER.encodeToString(token).equals(cursor)) {
            throw invalid();
        }
        byte[] json = Arrays.copyOf(token, token.length - CHECK_BYTES);
        byte[] expected = check(json);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(token, json.length, token.length))) {
            throw invalid();
        }
        JsonNode array;
        try {
            array = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw invalid();
        }
        if (array == null || !array.isArray() || array.size() != columns.size() + 1
                || !kind.equals(array.get(0).asText())) {
            throw invalid();
        }
        Object[] values = new Object[columns.size()];
        for (int k = 0; k < columns.size(); k++) {
            JsonNode n = array.get(k + 1);
            if (!n.isTextual()) {
                throw invalid();
            }
            values[k] = parse(columns.get(k).type(), n.asText());
        }
        return values;
    }

    private static Object parse(Type type, String text) {
        try {
            return switch (type) {
                case UUID -> UUID.fromString(text);
                case DATE -> LocalDate.parse(text);
                case INT -> Integer.parseInt(text);
                case TEXT -> text;
            };
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.invalidParameter("cursor is not valid for this list: pass the 'next' value of a previous "
                + "page of the same request unchanged");
    }

    private static byte[] check(byte[] json) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(json), CHECK_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
