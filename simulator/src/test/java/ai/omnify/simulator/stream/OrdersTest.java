package ai.omnify.simulator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Json;
import ai.omnify.model.Parsed;
import ai.omnify.model.Platform;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.OrderRules;
import ai.omnify.simulator.Datasets;
import ai.omnify.simulator.brand.Ad;
import ai.omnify.simulator.truth.ExpectedAttribution;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OrdersTest {
    private final Datasets.History history = Datasets.ninetyDays();
    private final List<FeedLine> lines = history.lines().get(Platform.SHOPIFY);

    @Test
    void finalStateOfEachOrderIsItsLatestValidVersionByUpdatedAt() {
        Map<String, OrderEvent> byEvent = new HashMap<>();
        Map<String, OrderEvent> latest = new HashMap<>();
        for (FeedLine line : lines) {
            Parsed<OrderEvent> parsed = Json.read(line.json(), OrderEvent.class);
            if (!parsed.isOk()) {
                continue;
            }
            OrderEvent o = parsed.value();
            if (!OrderRules.validate(OrderRules.withDefaults(o, "ingest"), Datasets.NOW).isEmpty()) {
                continue;
            }
            OrderEvent sameEvent = byEvent.putIfAbsent(o.eventId(), o);
            if (sameEvent != null) {
                assertThat(o).as("a redelivered event is identical").isEqualTo(sameEvent);
                continue;
            }
            latest.merge(o.orderId(), o, (a, b) -> b.updatedAt().isBefore(a.updatedAt()) ? a : b);
        }
        assertThat(latest).hasSameSizeAs(history.truth().orders());
        latest.forEach((id, o) -> assertThat(o).isEqualTo(history.truth().orders().get(id)));
    }

    @Test
    void eventsComeDuplicatedAndOutOfOrder() {
        Map<FeedLine.Role, Long> roles = lines.stream().collect(Collectors.groupingBy(FeedLine::role,
                Collectors.counting()));
        assertThat(roles.get(FeedLine.Role.DUPLICATE)).isGreaterThan(100);
        assertThat(roles.get(FeedLine.Role.STALE)).isGreaterThan(10);
        Map<String, OrderEvent> newest = new HashMap<>();
        int olderAfterNewer = 0;
        for (FeedLine l : lines) {
            if (l.order() == null) {
                continue;
            }
            OrderEvent before = newest.get(l.order().orderId());
            if (before != null && l.order().updatedAt().isBefore(before.updatedAt())) {
                olderAfterNewer++;
            } else {
                newest.put(l.order().orderId(), l.order());
            }
        }
        assertThat(olderAfterNewer).isGreaterThan(10);
    }

    @Test
    void ordersAreUpdatedPartlyRefundedAndSometimesCancelled() {
        var orders = history.truth().orders().values();
        assertThat(orders).filteredOn(o -> o.updatedAt().isAfter(o.createdAt())).hasSizeGreaterThan(orders.size() / 5);
        assertThat(orders).filteredOn(o -> o.refunded().signum() > 0 && o.cancelledAt() == null)
                .hasSizeGreaterThan(orders.size() / 40)
                .allSatisfy(o -> assertThat(o.refunded()).isLessThan(o.totalPrice()));
        assertThat(orders).filteredOn(o -> o.cancelledAt() != null).hasSizeGreaterThan(orders.size() / 100);
        assertThat(orders).allSatisfy(o -> assertThat(o.currency()).isEqualTo("EUR"));
    }

    @Test
    void paidOrdersCarryTheCampaignAndAdIdsOrOnlyAClickIdAndTheRestAreOrganic() {
        Map<String, Ad> ads = history.brand().catalog().adsById();
        int withUtmFields = 0;
        int clickIdOnly = 0;
        int utmOnlyInLandingSite = 0;
        int organic = 0;
        for (OrderEvent o : history.truth().orders().values()) {
            ExpectedAttribution a = ExpectedAttribution.of(o);
            if (a.platform() == null) {
                organic++;
            } else if (a.campaignId() == null) {
                clickIdOnly++;
                assertThat(o.landingSite()).containsPattern("(fbclid|gclid|ttclid)=");
            } else {
                Ad ad = ads.get(a.adId());
                assertThat(ad).as(o.landingSite()).isNotNull();
                assertThat(ad.campaign().campaignId()).isEqualTo(a.campaignId());
                assertThat(ad.campaign().account().platform()).isEqualTo(a.platform());
                assertThat(o.landingSite()).contains("utm_campaign=" + a.campaignId())
                        .contains("utm_content=" + a.adId());
                if (o.utm() != null && o.utm().campaign() != null) {
                    withUtmFields++;
                } else {
                    utmOnlyInLandingSite++;
                }
            }
        }
        int total = history.truth().orders().size();
        assertThat(withUtmFields).isGreaterThan(total / 3);
        assertThat(clickIdOnly).isGreaterThan(total / 30);
        assertThat(utmOnlyInLandingSite).isGreaterThan(total / 50);
        assertThat(organic).isBetween(total / 5, total / 2);
        Set<String> sources = new HashSet<>();
        history.truth().orders().values().stream().filter(o -> o.utm() != null).forEach(o -> sources.add(o.utm().source()));
        assertThat(sources).contains("facebook", "instagram", "google", "tiktok", "klaviyo");
    }

    @Test
    void orderVolumeFollowsWeeklySeasonality() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Map<LocalDate, Long> perDay = history.truth().orders().values().stream()
                .collect(Collectors.groupingBy(o -> LocalDate.ofInstant(o.createdAt(), berlin), Collectors.counting()));
        LocalDate today = LocalDate.ofInstant(Datasets.NOW, berlin);
        double weekend = perDay.entrySet().stream().filter(e -> e.getKey().isBefore(today) && weekend(e.getKey()))
                .mapToLong(Map.Entry::getValue).average().orElseThrow();
        double weekday = perDay.entrySet().stream().filter(e -> e.getKey().isBefore(today) && !weekend(e.getKey()))
                .mapToLong(Map.Entry::getValue).average().orElseThrow();
        assertThat(weekend / weekday).isGreaterThan(1.1);
    }

    private static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
