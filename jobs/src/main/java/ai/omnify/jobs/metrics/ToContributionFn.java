package ai.omnify.jobs.metrics;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.jobs.reference.OrgSettings;
import ai.omnify.jobs.reference.ReferenceData;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.Ids;
import ai.omnify.model.Json;
import ai.omnify.model.insight.AdInsight;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns a valid snapshot into an item of its channel-day, in the organization's reporting currency. A snapshot of an
 * unknown organization, or in a currency with no rate for its date, goes to the dead letters with the reason. Also
 * emits the channel and creative it names, for the dimension tables.
 */
public class ToContributionFn extends ProcessFunction<AdInsight, Contribution> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DimensionRow> DIMENSIONS = new OutputTag<>("dimensions", FlinkTypes.of(DimensionRow.class));
    static final int CONVERSIONS_SCALE = 6;

    /** Sightings kept to drop unchanged channels and creatives before the shuffle (the keyed operator decides). */
    static final int MAX_REMEMBERED = 200_000;

    private final ReferenceData reference;
    private transient Counter rejected;
    private transient java.util.Map<String, DimensionRow> lastSent;
    /** Name-based ids already computed (each is two MD5s). */
    private transient java.util.Map<String, String> ids;

    public ToContributionFn(ReferenceData reference) {
        this.reference = reference;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        reference.open();
        rejected = getRuntimeContext().getMetricGroup().counter("rejectedInsights");
        lastSent = new java.util.HashMap<>();
        ids = new java.util.HashMap<>();
    }

    @Override
    public void processElement(AdInsight in, Context ctx, Collector<Contribution> out) {
        Optional<OrgSettings> org = reference.org(in.orgId());
        if (org.isEmpty()) {
            reject(in, ctx, "organization " + in.orgId() + " does not exist");
            return;
        }
        String to = org.get().currency();
        Optional<BigDecimal> rate = reference.fx().rate(in.currency(), to, in.date());
        if (rate.isEmpty()) {
            reject(in, ctx, "no exchange rate from " + in.currency() + " to " + to + " on or before " + in.date()
                    + "; add one to fx_rates and send the row again");
            return;
        }
        String platform = in.platform().wire();
        String channelId = ids.computeIfAbsent("c|" + in.orgId() + "|" + platform + "|" + in.campaignId(),
                k -> Ids.channelId(in.orgId(), in.platform(), in.campaignId()).toString());
        String creativeId = ids.computeIfAbsent("a|" + in.orgId() + "|" + platform + "|" + in.adId(),
                k -> Ids.creativeId(in.orgId(), in.platform(), in.adId()).toString());
        if (ids.size() > MAX_REMEMBERED) {
            ids.clear();
        }
        out.collect(new Contribution(in.orgId(), Contribution.AD, in.adId(), channelId, creativeId, platform,
                in.campaignId(), in.campaignName(), in.adName(), in.date(), in.hour(),
                convert(in.spend(), rate.get()), in.impressions(), in.clicks(),
                in.conversions().setScale(CONVERSIONS_SCALE, RoundingMode.HALF_EVEN),
                convert(in.conversionValue(), rate.get()), in.reach(), BigDecimal.ZERO, 0, to, in.reportedAt()));
        Instant v = in.reportedAt();
        sendIfChanged(ctx, new DimensionRow(DimensionRow.CHANNEL, in.orgId(), channelId, channelId, platform,
                in.campaignId(), in.campaignName(), in.accountId(), in.date(), v));
        sendIfChanged(ctx, new DimensionRow(DimensionRow.CREATIVE, in.orgId(), creativeId, channelId, platform,
                in.adId(), in.adName(), in.accountId(), in.date(), v));
    }

    /** Sends a sighting on only when this subtask has not sent one that says the same (name, first date, account). */
    private void sendIfChanged(Context ctx, DimensionRow row) {
        DimensionRow sent = lastSent.get(row.id());
        if (sent != null) {
            DimensionRow merged = sent.mergedWith(row);
            if (!sent.differsFrom(merged)) {
                return;
            }
            row = merged;
        }
        if (lastSent.size() >= MAX_REMEMBERED) {
            lastSent.clear();
        }
        lastSent.put(row.id(), row);
        ctx.output(DIMENSIONS, row);
    }

    static BigDecimal convert(BigDecimal amount, BigDecimal rate) {
        return amount.multiply(rate).setScale(ai.omnify.model.fx.FxTable.AMOUNT_SCALE, RoundingMode.HALF_EVEN);
    }

    private void reject(AdInsight in, Context ctx, String reason) {
        rejected.inc();
        ctx.output(MetricsOutputs.DEAD_LETTERS, new DeadLetter(Json.write(in), "job:metrics:ad-insights", reason,
                Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()), in.orgId()));
    }
}
