package ai.omnify.simulator.reporting;

import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.simulator.brand.Ad;
import ai.omnify.simulator.brand.AdAccount;
import ai.omnify.simulator.brand.BrandCatalog;
import ai.omnify.simulator.performance.AdDay;
import ai.omnify.simulator.performance.PerformanceModel;
import ai.omnify.simulator.performance.Totals;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an ad platform answers when polled at an instant: per ad, the day-to-date totals of its today (growing during
 * the day), the last {@code restateDays} days again (late conversions still arriving), and hour rows of today and
 * yesterday. Every snapshot carries {@code reportedAt} = the poll instant; the data behind it is as of the start of the
 * poll's minute (platform reporting is not sub-minute fresh, so polls within a minute agree). Rows with nothing in
 * them are left out, as the platforms do. Pure: the same poll instant always gives the same rows.
 */
public final class ReportingModel {
    public static final String SOURCE = "simulator";

    private final PerformanceModel performance;
    private final String orgId;
    private final Map<Platform, ReportingWindow> windows;
    private final Map<Platform, List<Ad>> adsByPlatform = new EnumMap<>(Platform.class);

    /** @param orgId the organization put in every row, or null to leave it to the ingest service (from the API key) */
    public ReportingModel(PerformanceModel performance, String orgId, Map<Platform, ReportingWindow> windows) {
        this.performance = performance;
        this.orgId = orgId;
        this.windows = Map.copyOf(windows);
        BrandCatalog catalog = performance.catalog();
        for (AdAccount account : catalog.accounts()) {
            adsByPlatform.put(account.platform(), catalog.ads().stream()
                    .filter(a -> a.campaign().account().equals(account)).toList());
        }
    }

    public ReportingWindow window(Platform platform) {
        return windows.get(platform);
    }

    /** The account's local date at {@code at}. */
    public static LocalDate localDate(AdAccount account, Instant at) {
        return LocalDate.ofInstant(at, account.zone());
    }

    /** A full poll: today day-to-date, the restated days, and hour rows of today and yesterday. */
    public List<AdInsight> poll(AdAccount account, Instant at) {
        ReportingWindow w = windows.get(account.platform());
        LocalDate today = localDate(account, at);
        List<AdInsight> rows = new ArrayList<>();
        for (int back = w.restateDays(); back >= 0; back--) {
            LocalDate date = today.minusDays(back);
            if (!date.isBefore(w.firstDate())) {
                addDay(rows, account, date, at);
            }
        }
        for (int back = 1; back >= 0; back--) {
            LocalDate date = today.minusDays(back);
            if (!date.isBefore(w.firstDate()) && !date.isBefore(w.hourlyFrom())) {
                addHours(rows, account, date, at, 0);
            }
        }
        return rows;
    }

    /** A light poll of today only: the day rows, and hour rows from local hour {@code fromHour} on. */
    public List<AdInsight> pollToday(AdAccount account, Instant at, int fromHour) {
        ReportingWindow w = windows.get(account.platform());
        LocalDate today = localDate(account, at);
        List<AdInsight> rows = new ArrayList<>();
        if (today.isBefore(w.firstDate())) {
            return rows;
        }
        addDay(rows, account, today, at);
        if (!today.isBefore(w.hourlyFrom())) {
            addHours(rows, account, today, at, fromHour);
        }
        return rows;
    }

    /**
     * The day rows of {@code date} as the platform reports them when asked at {@code at} (no rows before the window's
     * first date): what a fake platform serves for a date-range report.
     */
    public List<AdInsight> dayRows(AdAccount account, LocalDate date, Instant at) {
        List<AdInsight> rows = new ArrayList<>();
        if (!date.isBefore(windows.get(account.platform()).firstDate()) && !date.isAfter(localDate(account, at))) {
            addDay(rows, account, date, at);
        }
        return rows;
    }

    private void addDay(List<AdInsight> rows, AdAccount account, LocalDate date, Instant at) {
        for (Ad ad : adsByPlatform.get(account.platform())) {
            if (ad.deliversOn(date)) {
                AdDay day = performance.adDay(ad, date);
                Totals t = day.asOf(dataAsOf(at), null);
                if (!t.isEmpty()) {
                    rows.add(snapshot(ad, date, null, t, day.frequency(), at));
                }
            }
        }
    }

    private void addHours(List<AdInsight> rows, AdAccount account, LocalDate date, Instant at, int fromHour) {
        for (Ad ad : adsByPlatform.get(account.platform())) {
            if (ad.deliversOn(date)) {
                AdDay day = performance.adDay(ad, date);
                for (int hour : day.hours()) {
                    if (hour < fromHour) {
                        continue;
                    }
                    Totals t = day.asOf(dataAsOf(at), hour);
                    if (!t.isEmpty()) {
                        rows.add(snapshot(ad, date, hour, t, day.frequency(), at));
                    }
                }
            }
        }
    }

    /** The instant the platform's numbers are as of when polled at {@code at}: the start of that minute. */
    static Instant dataAsOf(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES);
    }

    /** The snapshot row of {@code totals}, in the wire shape. */
    AdInsight snapshot(Ad ad, LocalDate date, Integer hour, Totals totals, double frequency, Instant at) {
        AdAccount account = ad.campaign().account();
        BigDecimal conversions = account.fractionalConversions()
                ? plain(BigDecimal.valueOf(totals.conversionHundredths(), 2))
                : BigDecimal.valueOf(totals.conversionHundredths() / 100);
        Long reach = account.reportsReach() && hour == null
                ? Math.min(totals.impressions(), (long) Math.floor(totals.impressions() / frequency))
                : null;
        return new AdInsight(orgId, account.platform(), account.accountId(), ad.campaign().campaignId(),
                ad.campaign().name(), ad.adId(), ad.name(), date, hour,
                BigDecimal.valueOf(totals.spendUnits(), account.spendScale()), totals.impressions(), totals.clicks(),
                conversions, BigDecimal.valueOf(totals.valueCents(), 2), reach, account.currency(), at, SOURCE,
                account.zone().getId());
    }

    private static BigDecimal plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
