package ai.omnify.api.http;

import ai.omnify.model.Json;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One page of a list in one statement: {@code SELECT <format> FROM <table> WHERE organization_id = ? AND <filters>
 * [AND (key) > (cursor)] ORDER BY <key> LIMIT n+1}. Rows stream from the result set straight into the JSON body; the
 * extra row only tells whether there is a next page. Keyset, never OFFSET: each page costs the same, and paging while
 * rows are added yields no row twice.
 */
public final class ListQuery {
    private static final JsonFactory JSON = Json.mapper().getFactory();

    private final String table;
    private final RowFormat format;
    private final SortKey sortKey;
    private final int limit;
    private final Object[] after;
    private final StringBuilder where = new StringBuilder("organization_id = ?");
    private final List<Object> params = new ArrayList<>();

    /**
     * Every list is scoped to one organization in SQL, whatever row-level security also does. The page's cursor is
     * checked here, before any database work: a 400 when it is not one of this list's.
     */
    public ListQuery(String table, RowFormat format, SortKey sortKey, UUID orgId, PageRequest page) {
        this.table = table;
        this.format = format;
        this.sortKey = sortKey;
        this.limit = page.limit();
        this.after = page.cursor() == null ? null : sortKey.decode(page.cursor());
        params.add(Objects.requireNonNull(orgId, "orgId"));
    }

    /** Adds {@code AND condition} with its parameters (bound with setObject). */
    public ListQuery and(String condition, Object... values) {
        where.append(" AND ").append(condition);
        params.addAll(List.of(values));
        return this;
    }

    public String sql(boolean afterCursor) {
        return "SELECT " + format.selectList() + " FROM " + table + " WHERE " + where
                + (afterCursor ? " AND " + sortKey.afterCondition() : "")
                + " ORDER BY " + sortKey.orderBy() + " LIMIT ?";
    }

    /** Runs the query for the page and writes it as {@code {"items":[...],"next":...}}. */
    public JsonPage page(Connection c) throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement(sql(after != null))) {
            int i = 1;
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            if (after != null) {
                i = sortKey.bind(ps, i, after);
            }
            ps.setInt(i, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                return write(rs, limit);
            }
        }
    }

    private JsonPage write(ResultSet rs, int limit) throws SQLException, IOException {
        ByteArrayBuilder out = new ByteArrayBuilder(Math.min(limit, 1000) * 256);
        int count = 0;
        String lastKey = null;
        String next = null;
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("items");
            g.writeStartArray();
            while (rs.next()) {
                if (count == limit) {
                    next = lastKey;
                    break;
                }
                format.write(rs, g);
                count++;
                if (count == limit) {
                    lastKey = sortKey.cursorAt(rs);
                }
            }
            g.writeEndArray();
            g.writeFieldName("next");
            if (next == null) {
                g.writeNull();
            } else {
                g.writeString(next);
            }
            g.writeEndObject();
        }
        return new JsonPage(out.toByteArray(), count, next);
    }
}
