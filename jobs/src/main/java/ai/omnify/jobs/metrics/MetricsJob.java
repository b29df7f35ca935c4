package ai.omnify.jobs.metrics;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.jobs.common.EventTimes;
import ai.omnify.jobs.common.EntityEnvelope;
import ai.omnify.jobs.common.InsightEnvelope;
import ai.omnify.jobs.common.OrderEnvelope;
import ai.omnify.jobs.common.SplitEnvelopesFn;
import ai.omnify.jobs.runtime.FaultTolerance;
import ai.omnify.jobs.runtime.JobEnvironment;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.insight.AdEntity;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.metrics.MetricsUpdate;
import ai.omnify.model.order.OrderEvent;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.util.OutputTag;

/**
 * Ad insights and store orders in; live channel, creative and organization metrics out.
 *
 * <pre>
 * ad-insights ─parse─> to reporting currency ─┬─────────────> channel-day aggregate ─┬─> daily/hourly metrics, changelog
 *                                             │  ┌──────────>   (late → corrector)   └─> org items ─┐
 * orders ─parse─> latest order per id ────────┴──┘ (attributed)                                        │
 *                         └──> orders table, org items ────────────────────────> org-day aggregate <─┘ ─> org metrics
 * ad-entities ─parse─> creatives (status, copy, platform launch date), channel status
 * bad records at every step ─> dead letters
 * </pre>
 */
public final class MetricsJob {
    public static final String NAME = "omnify-metrics";

    private MetricsJob() {}

    public static void main(String[] args) throws Exception {
        JobEnvironment.run(NAME, args, MetricsJob::usage, vars -> {
            MetricsJobConfig config = MetricsJobConfig.fromEnv(vars);
            StreamExecutionEnvironment env = JobEnvironment.create(config.parallelism(), config.checkpointInterval(),
                    config.checkpointDir(), config.webUiPort(),
                    // on the heap until its per-event work is O(1); FLINK_STATE_BACKEND=rocksdb moves it
                    FaultTolerance.fromEnv(vars, FaultTolerance.StateBackend.HASHMAP));
            build(env,
                    new KafkaMetricsSources(config.kafkaBootstrap(), config.topics().adInsights(), config.topics().orders(),
                            config.groupId(), config.topics().adEntities()),
                    MetricsSinks.create(config.database(), config.kafkaBootstrap(), config.topics(),
                            config.jdbcBatchSize(), config.jdbcBatchInterval().toMillis()),
                    config.settings(),
                    MetricsDependencies.jdbc(config.database(), config.referenceRefresh()));
            return env;
        });
    }

    static String usage() {
        return """
                MetricsJob: ad insights and orders from Kafka to live metrics in PostgreSQL and omnify.channel-metrics;
                ad entities (status, copy, launch date) to the creatives table.

                Run on a cluster:  flink run -c ai.omnify.jobs.metrics.MetricsJob jobs.jar [KEY=VALUE ...]
                Run locally:       java -cp "jobs/target/jobs.jar:jobs/target/flink-lib/*" ai.omnify.jobs.metrics.MetricsJob
                                   (a MiniCluster with the Flink web UI on FLINK_WEB_UI_PORT, default 8081; restores
                                   from the newest checkpoint in OMNIFY_CHECKPOINT_DIR)

                Configuration: environment variables, or KEY=VALUE arguments that override them:
                  KAFKA_BOOTSTRAP_SERVERS   default 127.0.0.1:9092
                  OMNIFY_TOPIC_SUFFIX       appended to every topic name (default none)
                  DATABASE_URL              default jdbc:postgresql://127.0.0.1:5432/omnify
                  DATABASE_USER/PASSWORD    default omnify_pipeline (a role with BYPASSRLS)
                  METRICS_PARALLELISM       default 2 (local runs)
                  METRICS_CHECKPOINT_INTERVAL  default 10s
                  OMNIFY_CHECKPOINT_DIR     local runs: default .omnify/checkpoints in the working directory (clusters use their own)
                  METRICS_ALLOWED_LATENESS  default 35d: how long a day's live state is kept
                  METRICS_DEBOUNCE          default 300ms: how long changes gather before rows are written
                  METRICS_OUT_OF_ORDERNESS  default 1h;  METRICS_IDLENESS default 30s
                """;
    }

    /** Wires the pipeline between the given sources and sinks. */
    public static void build(StreamExecutionEnvironment env, MetricsSources sources, MetricsSinks sinks,
            MetricsSettings settings, MetricsDependencies deps) {
        FlinkTypes.register();
        env.getConfig().enableObjectReuse(); // every record is immutable: chained operators may share them
        WatermarkStrategy<InsightEnvelope> insightWatermarks = WatermarkStrategy
                .<InsightEnvelope>forBoundedOutOfOrderness(settings.outOfOrderness())
                .withTimestampAssigner((e, ts) -> e.isOk() ? EventTimes.of(e.insight()) : Long.MIN_VALUE)
                .withIdleness(settings.idleness());
        WatermarkStrategy<OrderEnvelope> orderWatermarks = WatermarkStrategy
                .<OrderEnvelope>forBoundedOutOfOrderness(settings.outOfOrderness())
                .withTimestampAssigner((e, ts) -> e.isOk() ? EventTimes.of(e.order()) : Long.MIN_VALUE)
                .withIdleness(settings.idleness());

        // parse: bad records to the dead letters, with the reason
        SingleOutputStreamOperator<AdInsight> insights = sources.insights(env, insightWatermarks)
                .process(new SplitEnvelopesFn<InsightEnvelope, AdInsight>(MetricsOutputs.DEAD_LETTERS,
                        InsightEnvelope::insight, InsightEnvelope::deadLetter))
                .returns(FlinkTypes.of(AdInsight.class))
                .name("Valid ad insights").uid("valid-insights");
        SingleOutputStreamOperator<OrderEvent> orders = sources.orders(env, orderWatermarks)
                .process(new SplitEnvelopesFn<OrderEnvelope, OrderEvent>(MetricsOutputs.DEAD_LETTERS,
                        OrderEnvelope::order, OrderEnvelope::deadLetter))
                .returns(FlinkTypes.of(OrderEvent.class))
                .name("Valid orders").uid("valid-orders");

        // ad snapshots → items of their channel-day, in the reporting currency
        SingleOutputStreamOperator<Contribution> adItems = insights
                .process(new ToContributionFn(deps.reference()))
                .name("To reporting currency").uid("to-reporting-currency");

        // orders → latest version per order, attributed
        SingleOutputStreamOperator<OrderRow> latestOrders = orders
                .keyBy(OrderEvent::key, Types.STRING)
                .process(new LatestOrderFn(deps.reference(), settings.orderStateTtl()))
                .name("Latest order").uid("latest-order");

        // channel-days: live, and corrected from the stored rows when later than the allowed lateness
        SingleOutputStreamOperator<MetricsUpdate> channelRows = adItems
                .union(latestOrders.getSideOutput(LatestOrderFn.CHANNEL_ITEMS))
                .keyBy(Contribution::channelDayKey, Types.STRING)
                .process(new DayAggregateFn(new ChannelDayRollup(), deps.channelDays(), settings.debounce(),
                        settings.allowedLateness()))
                .name("Channel-day totals").uid("channel-day");
        SingleOutputStreamOperator<MetricsUpdate> channelCorrections = channelRows
                .getSideOutput(DayAggregateFn.LATE)
                .keyBy(Contribution::channelDayKey, Types.STRING)
                .process(new LateDayCorrectorFn(new ChannelDayRollup(), deps.channelDays(), settings.lateSettle(),
                        settings.lateKeep()))
                .name("Late channel-day corrections").uid("channel-day-late");

        // organization-days: every channel's day and every order (blended MER)
        SingleOutputStreamOperator<MetricsUpdate> orgRows = latestOrders.getSideOutput(LatestOrderFn.ORG_ITEMS)
                .union(channelRows.getSideOutput(DayAggregateFn.ORG_ITEMS),
                        channelCorrections.getSideOutput(DayAggregateFn.ORG_ITEMS))
                .keyBy(Contribution::orgDayKey, Types.STRING)
                .process(new DayAggregateFn(new OrgDayRollup(), deps.orgDays(), settings.debounce(),
                        settings.allowedLateness()))
                .name("Organization-day totals").uid("org-day");
        SingleOutputStreamOperator<MetricsUpdate> orgCorrections = orgRows
                .getSideOutput(DayAggregateFn.LATE)
                .keyBy(Contribution::orgDayKey, Types.STRING)
                .process(new LateDayCorrectorFn(new OrgDayRollup(), deps.orgDays(), settings.lateSettle(),
                        settings.lateKeep()))
                .name("Late organization-day corrections").uid("org-day-late");

        // dimensions: a write when a channel or creative is new or renamed
        SingleOutputStreamOperator<DimensionRow> dimensions = adItems.getSideOutput(ToContributionFn.DIMENSIONS)
                .keyBy(DimensionRow::id, Types.STRING)
                .process(new DimensionChangesFn(settings.dimensionStateTtl()))
                .name("Channel and creative changes").uid("dimension-changes");

        // sinks: each row-making operator writes its rows' tables through sinks chained to it (no shuffle)
        writeRows(channelRows, sinks, "live");
        writeRows(channelCorrections, sinks, "late");
        writeRows(orgRows, sinks, "live");
        writeRows(orgCorrections, sinks, "late");
        latestOrders.sinkTo(sinks.orders()).name("orders").uid("sink-orders");
        dimensions.filter(d -> DimensionRow.CHANNEL.equals(d.kind())).name("Channels only").uid("filter-channels")
                .sinkTo(sinks.channels()).name("channels").uid("sink-channels");
        dimensions.filter(d -> DimensionRow.CREATIVE.equals(d.kind())).name("Creatives only").uid("filter-creatives")
                .sinkTo(sinks.creatives()).name("creatives").uid("sink-creatives");

        DataStream<DeadLetter> deadLetters = insights.getSideOutput(MetricsOutputs.DEAD_LETTERS)
                .union(orders.getSideOutput(MetricsOutputs.DEAD_LETTERS),
                        adItems.getSideOutput(MetricsOutputs.DEAD_LETTERS),
                        latestOrders.getSideOutput(MetricsOutputs.DEAD_LETTERS));

        // ads as their platforms describe them (status, copy, launch date) → creatives; bad ones to the dead letters
        DataStream<EntityEnvelope> entityRecords = sources.entities(env);
        if (entityRecords != null) {
            SingleOutputStreamOperator<AdEntity> entities = entityRecords
                    .process(new SplitEnvelopesFn<EntityEnvelope, AdEntity>(MetricsOutputs.DEAD_LETTERS,
                            EntityEnvelope::entity, EntityEnvelope::deadLetter))
                    .returns(FlinkTypes.of(AdEntity.class))
                    .name("Valid ad entities").uid("valid-ad-entities");
            entities.sinkTo(sinks.adEntities()).name("creatives (ad entities)").uid("sink-creatives-ad-entities");
            entities.filter(e -> e.campaignStatus() != null).name("With a campaign status").uid("filter-campaign-status")
                    .sinkTo(sinks.channelStatuses()).name("channel status (ad entities)").uid("sink-channel-status");
            deadLetters = deadLetters.union(entities.getSideOutput(MetricsOutputs.DEAD_LETTERS));
        }
        deadLetters.sinkTo(sinks.deadLetters()).name("Dead letters to Kafka").uid("sink-dead-letters");
    }

    /** An operator's rows: every row to the changelog, and each table's rows to that table. */
    private static void writeRows(SingleOutputStreamOperator<MetricsUpdate> rows, MetricsSinks sinks, String path) {
        String op = rows.getTransformation().getUid();
        rows.sinkTo(sinks.changelog()).name("changelog (" + path + ")").uid("sink-changelog-" + op);
        if (op.startsWith("org-day")) {
            writeTable(rows, MetricsOutputs.ORG_DAY_ROWS, sinks.orgDaily(), "org_daily_metrics", path, op);
            return;
        }
        writeTable(rows, MetricsOutputs.CHANNEL_DAY_ROWS, sinks.channelDaily(), "daily_metrics", path, op);
        writeTable(rows, MetricsOutputs.CHANNEL_HOUR_ROWS, sinks.channelHourly(), "hourly_metrics", path, op);
        writeTable(rows, MetricsOutputs.CREATIVE_DAY_ROWS, sinks.creativeDaily(), "creative_daily_metrics", path, op);
        writeTable(rows, MetricsOutputs.CREATIVE_HOUR_ROWS, sinks.creativeHourly(), "creative_hourly_metrics", path, op);
    }

    private static void writeTable(SingleOutputStreamOperator<MetricsUpdate> rows, OutputTag<MetricsUpdate> tag,
            Sink<MetricsUpdate> sink, String table, String path, String op) {
        rows.getSideOutput(tag).sinkTo(sink).name(table + " (" + path + ")").uid("sink-" + table + "-" + op);
    }
}
