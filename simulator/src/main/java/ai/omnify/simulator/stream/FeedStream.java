package ai.omnify.simulator.stream;

import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.simulator.brand.AdAccount;
import ai.omnify.simulator.orders.Delivery;
import ai.omnify.simulator.random.Rng;
import ai.omnify.simulator.reporting.ReportingModel;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The brand as a stream of ingest lines: first the history, one UTC day at a time (the polls a poller would have made
 * at the history poll times, a final poll at {@code now}, and the order webhooks delivered meanwhile), then live ticks.
 * Full polls carry duplicates, stale re-sends and now and then a malformed row; order deliveries carry re-sends, late
 * versions and now and then a malformed row. Stateful (what was sent before shapes re-sends): call in order.
 */
public final class FeedStream {
    private record Poll(Instant at, AdAccount account) {}

    private record Signature(LocalDate date, BigDecimal spend, long impressions, long clicks, BigDecimal conversions,
            BigDecimal value) {
        static Signature of(AdInsight i) {
            return new Signature(i.date(), i.spend(), i.impressions(), i.clicks(), i.conversions(), i.conversionValue());
        }
    }

    private final SyntheticBrand brand;
    private final SimulationConfig config;
    private final LocalDate firstUtcDay;
    private final int historyDays;
    private final Map<LocalDate, List<Poll>> pollsByUtcDay = new HashMap<>();
    private final Map<Platform, List<AdInsight>> previousPoll = new EnumMap<>(Platform.class);
    private final Map<Platform, Integer> badCursor = new EnumMap<>(Platform.class);
    private final Map<String, Instant> newestDeliveredVersion = new HashMap<>();
    private final Map<String, Signature> lastSent = new HashMap<>();
    private int orderBadCursor;
    private int nextHistoryDay;
    private int liveTicks;
    private Instant emittedUntil;

    FeedStream(SyntheticBrand brand) {
        this.brand = brand;
        this.config = brand.config();
        Instant now = config.now();
        LocalDate first = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (AdAccount account : brand.catalog().accounts()) {
            LocalDate firstDate = brand.firstDates().get(account.platform());
            LocalDate today = ReportingModel.localDate(account, now);
            first = min(first, LocalDate.ofInstant(firstDate.atStartOfDay(account.zone()).toInstant(), ZoneOffset.UTC));
            for (LocalDate d = firstDate; !d.isAfter(today); d = d.plusDays(1)) {
                for (LocalTime t : config.historyPollTimes()) {
                    Instant at = ZonedDateTime.of(d, t, account.zone()).toInstant();
                    if (at.isBefore(now)) {
                        addPoll(new Poll(at, account));
                    }
                }
            }
            addPoll(new Poll(now, account));
        }
        LocalDate storeFirst = brand.firstDates().get(Platform.SHOPIFY);
        first = min(first, LocalDate.ofInstant(storeFirst.atStartOfDay(brand.catalog().store().zone()).toInstant(),
                ZoneOffset.UTC));
        this.firstUtcDay = first;
        this.historyDays = (int) (LocalDate.ofInstant(now, ZoneOffset.UTC).toEpochDay() - first.toEpochDay()) + 1;
        pollsByUtcDay.values().forEach(l -> l.sort(Comparator.comparing(Poll::at)
                .thenComparing(p -> p.account().platform())));
    }

    private void addPoll(Poll p) {
        pollsByUtcDay.computeIfAbsent(LocalDate.ofInstant(p.at(), ZoneOffset.UTC), k -> new ArrayList<>()).add(p);
    }

    public SyntheticBrand brand() {
        return brand;
    }

    /** Number of history slices (UTC days from the first reported day to today). */
    public int historyDays() {
        return historyDays;
    }

    public boolean hasMoreHistory() {
        return nextHistoryDay < historyDays;
    }

    /** Live ticks made so far. */
    public int liveTicks() {
        return liveTicks;
    }

    /** The next UTC day of history (the last one ends at {@code now}). */
    public FeedSlice nextHistoryDay() {
        if (!hasMoreHistory()) {
            throw new IllegalStateException("history is complete; continue with tick()");
        }
        LocalDate day = firstUtcDay.plusDays(nextHistoryDay++);
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = min(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1), config.now());
        Map<Platform, List<FeedLine>> lines = newLines();
        for (Poll p : pollsByUtcDay.getOrDefault(day, List.of())) {
            List<AdInsight> rows = brand.reporting().poll(p.account(), p.at());
            lines.get(p.account().platform()).addAll(arrangePoll(p.account().platform(), p.at(), rows));
        }
        lines.get(Platform.SHOPIFY).addAll(orderLines(start.minusMillis(1), end));
        emittedUntil = end;
        if (nextHistoryDay % 30 == 0) {
            forgetBefore(day);
        }
        return new FeedSlice(day.toString(), end, lines);
    }

    /**
     * One live tick at {@code at} (after the history). A full tick polls like the history does (today, restated
     * days, hour rows of today and yesterday, with disorder and bad rows); a light one sends only today's rows that
     * changed since they were last sent. Both carry the order deliveries since the previous tick.
     */
    public FeedSlice tick(Instant at, boolean full) {
        Objects.requireNonNull(at, "at");
        at = at.truncatedTo(ChronoUnit.MILLIS);
        if (hasMoreHistory()) {
            throw new IllegalStateException("send the history first (" + (historyDays - nextHistoryDay) + " days left)");
        }
        Instant previous = emittedUntil;
        if (!at.isAfter(previous)) {
            return new FeedSlice("tick " + liveTicks, previous, newLines());
        }
        liveTicks++;
        Map<Platform, List<FeedLine>> lines = newLines();
        for (AdAccount account : brand.catalog().accounts()) {
            Platform platform = account.platform();
            if (full) {
                List<AdInsight> rows = brand.reporting().poll(account, at);
                rows.forEach(r -> lastSent.put(r.key(), Signature.of(r)));
                lines.get(platform).addAll(arrangePoll(platform, at, rows));
            } else {
                LocalDate today = ReportingModel.localDate(account, at);
                ZonedDateTime before = previous.atZone(account.zone());
                int fromHour = before.toLocalDate().equals(today) ? before.getHour() : 0;
                for (AdInsight row : brand.reporting().pollToday(account, at, fromHour)) {
                    Signature s = Signature.of(row);
                    if (!s.equals(lastSent.put(row.key(), s))) {
                        lines.get(platform).add(FeedLine.insight(row, WireJson.write(row), FeedLine.Role.ORIGINAL));
                    }
                }
            }
        }
        lines.get(Platform.SHOPIFY).addAll(orderLines(previous, at));
        emittedUntil = at;
        if (liveTicks % 500 == 0) {
            forgetBefore(LocalDate.ofInstant(at, ZoneOffset.UTC));
        }
        return new FeedSlice("tick " + liveTicks, at, lines);
    }

    /** Bounds memory in long live runs: drops caches and change signatures of days that can no longer change. */
    private void forgetBefore(LocalDate utcToday) {
        LocalDate keepFrom = utcToday.minusDays(config.restateDays() + 3L);
        lastSent.values().removeIf(s -> s.date().isBefore(keepFrom));
        brand.performance().evictBefore(utcToday.minusDays(30));
        brand.orders().evictBefore(utcToday.minusDays(30));
    }

    /** The poll's rows, some duplicated, then some of the previous poll's rows (older), maybe one malformed row. */
    private List<FeedLine> arrangePoll(Platform platform, Instant at, List<AdInsight> rows) {
        Rng r = Rng.of(config.seed(), "poll-disorder", platform.ordinal(), at.toEpochMilli());
        record Insert(int before, FeedLine line) {}
        List<FeedLine> originals = new ArrayList<>(rows.size());
        List<Insert> duplicates = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            AdInsight row = rows.get(i);
            String json = WireJson.write(row);
            originals.add(FeedLine.insight(row, json, FeedLine.Role.ORIGINAL));
            if (r.chance(config.duplicateRate())) {
                duplicates.add(new Insert(r.between(i + 1, rows.size()), FeedLine.insight(row, json, FeedLine.Role.DUPLICATE)));
            }
        }
        duplicates.sort(Comparator.comparingInt(Insert::before));
        List<FeedLine> out = new ArrayList<>(rows.size() + duplicates.size() + rows.size() / 50 + 2);
        int next = 0;
        for (int i = 0; i <= originals.size(); i++) {
            while (next < duplicates.size() && duplicates.get(next).before() == i) {
                out.add(duplicates.get(next++).line());
            }
            if (i < originals.size()) {
                out.add(originals.get(i));
            }
        }
        for (AdInsight old : previousPoll.getOrDefault(platform, List.of())) {
            if (r.chance(config.staleRate())) {
                out.add(FeedLine.insight(old, WireJson.write(old), FeedLine.Role.STALE));
            }
        }
        previousPoll.put(platform, rows);
        if (!rows.isEmpty() && r.chance(config.badRowsPerPoll())) {
            int cursor = badCursor.merge(platform, 1, Integer::sum) - 1;
            BadKind kind = BadKind.INSIGHT_KINDS.get(cursor % BadKind.INSIGHT_KINDS.size());
            AdInsight base = rows.get(r.between(0, rows.size() - 1));
            Instant sentAt = at.isAfter(config.now()) ? at : config.now();
            out.add(r.between(0, out.size()), FeedLine.bad(BadRows.insight(kind, base, sentAt, r)));
        }
        return out;
    }

    /** Order versions delivered in (from, to], with their roles, and now and then a malformed order row. */
    private List<FeedLine> orderLines(Instant fromExclusive, Instant toInclusive) {
        List<Delivery> deliveries = brand.orders().deliveriesBetween(fromExclusive, toInclusive);
        Rng r = Rng.of(config.seed(), "order-lines", toInclusive.toEpochMilli());
        List<FeedLine> out = new ArrayList<>(deliveries.size() + 8);
        for (Delivery d : deliveries) {
            OrderEvent e = d.event();
            Instant newest = newestDeliveredVersion.get(e.orderId());
            FeedLine.Role role = d.redelivery() ? FeedLine.Role.DUPLICATE
                    : newest != null && newest.isAfter(e.updatedAt()) ? FeedLine.Role.STALE : FeedLine.Role.ORIGINAL;
            if (newest == null || e.updatedAt().isAfter(newest)) {
                newestDeliveredVersion.put(e.orderId(), e.updatedAt());
            }
            out.add(FeedLine.order(e, WireJson.write(e), role));
            if (r.chance(config.badOrderRate())) {
                BadKind kind = BadKind.ORDER_KINDS.get(orderBadCursor++ % BadKind.ORDER_KINDS.size());
                out.add(FeedLine.bad(BadRows.order(kind, e, r)));
            }
        }
        return out;
    }

    private static Map<Platform, List<FeedLine>> newLines() {
        Map<Platform, List<FeedLine>> m = new EnumMap<>(Platform.class);
        for (Platform p : Platform.values()) {
            m.put(p, new ArrayList<>());
        }
        return m;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
