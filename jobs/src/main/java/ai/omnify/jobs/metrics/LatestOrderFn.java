package ai.omnify.jobs.metrics;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.jobs.reference.OrgSettings;
import ai.omnify.jobs.reference.ReferenceData;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.Ids;
import ai.omnify.model.Json;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.Utm;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps the latest version of each order (keyed by {@code org:orderId}): duplicates and stale updates are dropped,
 * a newer version (an update, a refund, a cancellation) replaces the order in place. Emits the order row, and the
 * order as an item of its channel-day (when attributed) and of its organization-day. If an update moves the order to
 * another channel or day, the old place gets a zero item, so nothing is counted twice.
 */
public class LatestOrderFn extends KeyedProcessFunction<String, OrderEvent, OrderRow> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<Contribution> CHANNEL_ITEMS = new OutputTag<>("order-channel-items", FlinkTypes.of(Contribution.class));
    public static final OutputTag<Contribution> ORG_ITEMS = new OutputTag<>("order-org-items", FlinkTypes.of(Contribution.class));

    private final ReferenceData reference;
    private final Duration stateTtl;
    private transient ValueState<OrderState> held;
    private transient Counter duplicates;
    private transient Counter stale;

    public LatestOrderFn(ReferenceData reference, Duration stateTtl) {
        this.reference = reference;
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        ValueStateDescriptor<OrderState> d = new ValueStateDescriptor<>("order", FlinkTypes.of(OrderState.class));
        d.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).build());
        held = getRuntimeContext().getState(d);
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateOrderEvents");
        stale = getRuntimeContext().getMetricGroup().counter("staleOrderEvents");
        reference.open();
    }

    @Override
    public void processElement(OrderEvent e, Context ctx, Collector<OrderRow> out) throws Exception {
        OrderState current = held.value();
        switch (OrderVersions.decide(current, e)) {
            case DUPLICATE -> {
                duplicates.inc();
                return;
            }
            case STALE -> {
                stale.inc();
                return;
            }
            default -> { }
        }
        Optional<OrgSettings> org = reference.org(e.orgId());
        if (org.isEmpty()) {
            reject(e, ctx, "organization " + e.orgId() + " does not exist");
            return;
        }
        ZoneId zone = zone(org.get().timeZone());
        ZonedDateTime created = e.createdAt().atZone(zone);
        LocalDate date = created.toLocalDate();
        String to = org.get().currency();
        Optional<BigDecimal> net = reference.fx().convert(e.netRevenue(), e.currency(), to, date);
        if (net.isEmpty()) {
            reject(e, ctx, "no exchange rate from " + e.currency() + " to " + to + " on or before " + date
                    + "; add one to fx_rates and send the order again");
            return;
        }
        Optional<Attribution> attribution = Attribution.of(e);
        String platform = attribution.map(a -> a.platform().wire()).orElse(null);
        String channelId = attribution.map(a -> Ids.channelId(e.orgId(), a.platform(), a.campaignId()).toString()).orElse(null);
        String creativeId = attribution.filter(a -> a.adId() != null)
                .map(a -> Ids.creativeId(e.orgId(), a.platform(), a.adId()).toString()).orElse(null);
        long counted = e.cancelledAt() == null ? 1 : 0;

        if (current != null && current.channelId() != null
                && (!current.channelId().equals(channelId) || !current.date().equals(date))) {
            ctx.output(CHANNEL_ITEMS, item(e, current.channelId(), null, null, current.date(), null, BigDecimal.ZERO, 0, to));
        }
        if (current != null && !current.date().equals(date)) {
            ctx.output(ORG_ITEMS, item(e, null, null, null, current.date(), null, BigDecimal.ZERO, 0, to));
        }
        if (channelId != null) {
            ctx.output(CHANNEL_ITEMS, item(e, channelId, creativeId, platform, date, created.getHour(), net.get(), counted, to));
        }
        ctx.output(ORG_ITEMS, item(e, null, null, platform, date, created.getHour(), net.get(), counted, to));
        held.update(new OrderState(e.eventId(), e.updatedAt(), channelId, date));

        Utm utm = e.utm() == null ? Utm.NONE : e.utm();
        out.collect(new OrderRow(e.orgId(), e.orderId(), e.eventId(), e.createdAt(), e.updatedAt(), date,
                e.totalPrice(), Objects.requireNonNullElse(e.refunded(), BigDecimal.ZERO), e.currency(), net.get(), to,
                e.cancelledAt(), e.customerId(), e.landingSite(), e.referringSite(), utm.source(), utm.medium(),
                utm.campaign(), utm.content(), platform, channelId, creativeId));
    }

    private static Contribution item(OrderEvent e, String channelId, String creativeId, String platform, LocalDate date,
            Integer hour, BigDecimal revenue, long orders, String currency) {
        return new Contribution(e.orgId(), Contribution.ORDER, e.orderId(), channelId, creativeId, platform, null, null,
                null, date, hour, BigDecimal.ZERO, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, null, revenue, orders,
                currency, e.updatedAt());
    }

    private void reject(OrderEvent e, Context ctx, String reason) {
        ctx.output(MetricsOutputs.DEAD_LETTERS, new DeadLetter(Json.write(e), "job:metrics:orders", reason,
                Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()), e.orgId()));
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException | NullPointerException ex) {
            return ZoneOffset.UTC;
        }
    }
}
