package ai.omnify.api.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * How the rows of a query become JSON objects: each field is one selected SQL expression written under a JSON name,
 * straight from the result set to the generator (no intermediate objects). SQL NULL is written as JSON null.
 */
public final class RowFormat {
    public enum Kind { UUID, DATE, INT, LONG, DECIMAL, RATIO4, TEXT, JSON, INSTANT }

    /** One JSON field: its name, the SQL expression it is read from (selected as {@code sql}), and its kind. */
    public record Field(String json, String sql, Kind kind) {}

    private final List<Field> fields;
    private final SerializedString[] names;
    private final String selectList;

    private RowFormat(List<Field> fields) {
        this.fields = List.copyOf(fields);
        this.names = fields.stream().map(f -> new SerializedString(f.json())).toArray(SerializedString[]::new);
        this.selectList = String.join(", ", fields.stream().map(Field::sql).toList());
    }

    public static RowFormat of(Field... fields) {
        return new RowFormat(Arrays.asList(fields));
    }

    public static Field field(String json, String sql, Kind kind) {
        return new Field(json, sql, kind);
    }

    public List<Field> fields() {
        return fields;
    }

    /** The SELECT list, in field order. */
    public String selectList() {
        return selectList;
    }

    /** Writes the current row of {@code rs} as one JSON object. */
    public void write(ResultSet rs, JsonGenerator g) throws SQLException, IOException {
        g.writeStartObject();
        for (int i = 0; i < names.length; i++) {
            g.writeFieldName(names[i]);
            int col = i + 1;
            switch (fields.get(i).kind()) {
                case UUID -> {
                    Object v = rs.getObject(col);
                    if (v == null) {
                        g.writeNull();
                    } else {
                        g.writeString(v.toString());
                    }
                }
                case DATE -> {
                    LocalDate v = rs.getObject(col, LocalDate.class);
                    if (v == null) {
                        g.writeNull();
                    } else {
                        g.writeString(v.toString());
                    }
                }
                case INT -> {
                    int v = rs.getInt(col);
                    if (rs.wasNull()) {
                        g.writeNull();
                    } else {
                        g.writeNumber(v);
                    }
                }
                case LONG -> {
                    long v = rs.getLong(col);
                    if (rs.wasNull()) {
                        g.writeNull();
                    } else {
                        g.writeNumber(v);
                    }
                }
                // as text: no BigDecimal per value (the pool asks for numerics in text, see DataSources)
                case DECIMAL -> writeDecimal(g, Decimals.plainText(rs.getString(col)));
                case RATIO4 -> writeDecimal(g, Decimals.plain(rs.getBigDecimal(col), 4));
                case TEXT -> {
                    String v = rs.getString(col);
                    if (v == null) {
                        g.writeNull();
                    } else {
                        g.writeString(v);
                    }
                }
                // a json/jsonb (or to_json(...)) expression, written as it is
                case JSON -> {
                    String v = rs.getString(col);
                    if (v == null) {
                        g.writeNull();
                    } else {
                        g.writeRawValue(v);
                    }
                }
                // a timestamptz, as an ISO-8601 instant in UTC
                case INSTANT -> {
                    java.time.OffsetDateTime v = rs.getObject(col, java.time.OffsetDateTime.class);
                    if (v == null) {
                        g.writeNull();
                    } else {
                        g.writeString(v.toInstant().toString());
                    }
                }
            }
        }
        g.writeEndObject();
    }

    private static void writeDecimal(JsonGenerator g, String plain) throws IOException {
        if (plain == null) {
            g.writeNull();
        } else {
            g.writeNumber(plain);
        }
    }

}
