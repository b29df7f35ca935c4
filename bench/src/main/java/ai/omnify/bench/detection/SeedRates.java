package ai.omnify.bench.detection;

import ai.omnify.model.fx.FxTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exchange rates a fresh install has: the rows of the seed migration (V3, on the classpath through the infra
 * module) as an {@link FxTable}, the MetricsJob's own conversion (cross rates through USD), without a database.
 */
public final class SeedRates {
    static final String RESOURCE = "db/migration/V3__fx_rates_seed.sql";
    private static final Pattern ROW = Pattern.compile(
            "\\('([A-Z]{3})',\\s*'([A-Z]{3})',\\s*DATE\\s*'(\\d{4}-\\d{2}-\\d{2})',\\s*([0-9.]+)");

    private SeedRates() {}

    public static FxTable table() {
        try (InputStream in = SeedRates.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: build the infra module first "
                        + "(mvn -B -q -DskipTests package -pl bench -am)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static FxTable parse(String sql) {
        List<FxTable.Rate> rates = new ArrayList<>();
        Matcher m = ROW.matcher(sql);
        while (m.find()) {
            rates.add(new FxTable.Rate(m.group(1), m.group(2), LocalDate.parse(m.group(3)), new BigDecimal(m.group(4))));
        }
        if (rates.isEmpty()) {
            throw new IllegalStateException("no rates found in " + RESOURCE + ": its INSERT format changed; update "
                    + SeedRates.class.getName());
        }
        return FxTable.of(rates);
    }
}
