package ai.omnify.infra;

import ai.omnify.model.fx.FxTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The {@code fx_rates} table as the MetricsJob's {@link FxTable} (the same direct, inverted and crossed rates). */
final class FxRates {
    private FxRates() {}

    static FxTable load(Connection c) throws SQLException {
        List<FxTable.Rate> rates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT base, quote, rate_date, rate FROM fx_rates");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rates.add(new FxTable.Rate(rs.getString(1).trim(), rs.getString(2).trim(),
                        rs.getObject(3, LocalDate.class), rs.getBigDecimal(4)));
            }
        }
        return FxTable.of(rates);
    }
}
