package ai.omnify.server.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/** Work done on a connection inside one transaction. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException, IOException;
}
