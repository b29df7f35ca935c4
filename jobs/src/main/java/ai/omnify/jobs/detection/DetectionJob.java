package ai.omnify.jobs.detection;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.jobs.common.SplitEnvelopesFn;
import ai.omnify.jobs.detection.anomaly.DetectAnomaliesFn;
import ai.omnify.jobs.detection.fatigue.FatigueAlertFn;
import ai.omnify.jobs.detection.fatigue.FatiguePatterns;
import ai.omnify.jobs.detection.fatigue.FatigueSignal;
import ai.omnify.jobs.detection.window.BackfillSettled;
import ai.omnify.jobs.detection.window.CloseWindowsFn;
import ai.omnify.jobs.detection.window.OrgActivity;
import ai.omnify.jobs.detection.window.OrgActivityFn;
import ai.omnify.jobs.detection.window.UpstreamSignal;
import ai.omnify.jobs.detection.window.WindowClosePolicy;
import ai.omnify.jobs.runtime.FaultTolerance;
import ai.omnify.jobs.runtime.JobEnvironment;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.metrics.MetricsUpdate;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * The metrics changelog in; anomaly and creative-fatigue alerts out.
 *
 * <pre>
 * channel-metrics ─parse─> close windows (per channel/creative, day/hour) ─┬─ channel ──> detectors + lifecycle ─┐
 *                                                                           └─ creative ─> CEP fatigue ─> lifecycle ┤
 * alert-rules ─parse─> broadcast ─────────────────────────────────────────────────────────────┘ (both)           │
 *                                                      omnify.alerts, alerts table <────────────────────────────┘
 * bad records ─> dead letters
 * </pre>
 */
public final class DetectionJob {
    public static final String NAME = "omnify-detection";
    /**
     * How long a network buffer between the job's tasks may wait to fill before it is sent. Alerts are few and should
     * leave at once; Flink's default (100 ms) costs that much at each of the job's three exchanges.
     */
    public static final long BUFFER_TIMEOUT_MS = 5;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters",
            FlinkTypes.of(DeadLetter.class));

    private DetectionJob() {}

    public static void main(String[] args) throws Exception {
        JobEnvironment.run(NAME, args, DetectionJob::usage, vars -> {
            DetectionJobConfig config = DetectionJobConfig.fromEnv(vars);
            StreamExecutionEnvironment env = JobEnvironment.create(config.parallelism(), config.checkpointInterval(),
                    config.checkpointDir(), config.webUiPort(),
                    FaultTolerance.fromEnv(vars, FaultTolerance.StateBackend.ROCKSDB));
            build(env,
                    new KafkaDetectionSources(config.kafkaBootstrap(), config.topics().channelMetrics(),
                            config.topics().alertRules(), config.groupId(), config.upstreamProgress()),
                    DetectionSinks.create(config.database(), config.kafkaBootstrap(), config.topics()),
                    config.settings());
            return env;
        });
    }

    static String usage() {
        return """
                DetectionJob: the metrics changelog (omnify.channel-metrics) to anomaly and creative-fatigue alerts
                in omnify.alerts and the alerts table; per-organization rules from omnify.alert-rules, live.

                Run on a cluster:  flink run -c ai.omnify.jobs.detection.DetectionJob jobs.jar [KEY=VALUE ...]
                Run locally:       java -cp "jobs/target/jobs.jar:jobs/target/flink-lib/*" ai.omnify.jobs.detection.DetectionJob

                Configuration: environment variables, or KEY=VALUE arguments that override them:
                  KAFKA_BOOTSTRAP_SERVERS      default 127.0.0.1:9092
                  OMNIFY_TOPIC_SUFFIX          appended to every topic name (default none)
                  DATABASE_URL                 default jdbc:postgresql://127.0.0.1:5432/omnify
                  DATABASE_USER/PASSWORD       default omnify_pipeline
                  DETECTION_PARALLELISM        default 2 (local runs)
                  DETECTION_CHECKPOINT_INTERVAL  default 10s
                  DETECTION_CHECKPOINT_DIR     default $OMNIFY_CHECKPOINT_DIR-detection, else .omnify/checkpoints-detection
                  DETECTION_WEB_UI_PORT        default 8082 (local runs; 0 = any free port)
                  DETECTION_OUT_OF_ORDERNESS   default 1h;  DETECTION_IDLENESS default 30s
                  DETECTION_DAY_MATURITY       default 8h: a day is judged on its first version reported this long after it
                  DETECTION_HOUR_MATURITY      default 30m: the same for an hour
                  DETECTION_BACKFILL_QUIET     default 30s: a window mature on its first version (a backfill) is judged
                                               once its key had no new version for this long (processing time) and
                                               its organization's backfill has come through: no backfill sync of it
                                               running, the MetricsJob past the ends its inputs had then, this job
                                               past the ends the changelog had this long after that
                  DETECTION_UPSTREAM_GROUP_ID  default $METRICS_GROUP_ID, else omnify-metrics: the MetricsJob's
                                               consumer group, for the above (none: do not check the MetricsJob)
                  DETECTION_BACKFILL_MAX_WAIT  default 10m: the most backfilled windows wait for the MetricsJob and
                                               this job once the syncs are done
                  DETECTION_SETTLE             default 1d: else, when the watermark passes its end plus this
                  DETECTION_WARMUP_WEEKS       default 3: same-slot windows a baseline needs before it judges
                  DETECTION_HISTORY_WEEKS      default 6: weeks a baseline keeps
                  DETECTION_RESOLVE_AFTER      default 2: normal windows in a row that resolve an incident
                  DETECTION_COOLDOWN           default 1d: quiet time of a key after its incident resolved
                  DETECTION_PACING_FROM_HOUR   default 6: budget pacing projects the day from this hour on
                  DETECTION_FATIGUE_WINDOWS    default 4: consecutive worse windows that make creative fatigue
                  DETECTION_FATIGUE_WARMUP     default 7: windows a creative needs before fatigue is judged
                  DETECTION_FATIGUE_OUT_OF_ORDERNESS  default 2d: how long the fatigue sequence waits for other creatives
                """;
    }

    /**
     * Wires the pipeline between the given sources and sinks. When the sources watch upstream
     * ({@link DetectionSources#backfillProgress}), backfilled windows wait for the backfill barrier too.
     */
    public static void build(StreamExecutionEnvironment env, DetectionSources sources, DetectionSinks sinks,
            DetectionSettings settings) {
        FlinkTypes.register();
        env.setBufferTimeout(BUFFER_TIMEOUT_MS);
        WatermarkStrategy<MetricsEnvelope> watermarks = WatermarkStrategy
                .<MetricsEnvelope>forBoundedOutOfOrderness(settings.outOfOrderness())
                .withTimestampAssigner((e, ts) -> MetricsRowParser.movesTime(e) ? MetricsRowParser.windowStart(e.update())
                        : Long.MIN_VALUE)
                .withIdleness(settings.idleness());

        // parse: bad rows and bad rules to the dead letters, with the reason
        SingleOutputStreamOperator<MetricsUpdate> rows = sources.metrics(env, watermarks)
                .process(new SplitEnvelopesFn<MetricsEnvelope, MetricsUpdate>(DEAD_LETTERS, MetricsEnvelope::update,
                        MetricsEnvelope::deadLetter))
                .returns(FlinkTypes.of(MetricsUpdate.class))
                .name("Valid metrics rows").uid("valid-metrics-rows");
        SingleOutputStreamOperator<RulesUpdate> rules = sources.rules(env)
                .process(new ParseRulesFn(DEAD_LETTERS))
                .returns(FlinkTypes.of(RulesUpdate.class))
                .name("Valid alert rules").uid("valid-alert-rules");
        BroadcastStream<RulesUpdate> broadcastRules = rules.broadcast(RulesState.DESCRIPTOR);

        // organizations whose past days are being read (a backfill, its orders): backfilled windows wait them out;
        // and, when the sources watch upstream, until the backfill barrier saw upstream's data through
        DataStream<UpstreamSignal> upstream = rows
                .filter(u -> MetricsUpdate.ORG.equals(u.level()) && MetricsUpdate.DAY.equals(u.grain()))
                .name("Organization days").uid("org-days")
                .keyBy(MetricsUpdate::orgId, Types.STRING)
                .process(new OrgActivityFn(Duration.ofSeconds(1)))
                .returns(FlinkTypes.of(OrgActivity.class))
                .name("Past-day activity per organization").uid("org-past-day-activity")
                .map((OrgActivity a) -> UpstreamSignal.of(a)).returns(FlinkTypes.of(UpstreamSignal.class))
                .name("Past-day activity as signals").uid("org-activity-signals");
        DataStream<BackfillSettled> settled = sources.backfillProgress(env);
        if (settled != null) {
            upstream = upstream.union(settled
                    .map((BackfillSettled b) -> UpstreamSignal.of(b)).returns(FlinkTypes.of(UpstreamSignal.class))
                    .name("Backfill progress as signals").uid("backfill-settled-signals"));
        }

        // the changelog → one final window per channel/creative and day/hour
        WindowClosePolicy closing = new WindowClosePolicy(settings.settle(), settings.dayMaturity(),
                settings.hourMaturity(), settings.backfillQuiet(), settled != null);
        SingleOutputStreamOperator<MetricWindow> windows = rows
                .filter(u -> !MetricsUpdate.ORG.equals(u.level())).name("Channels and creatives").uid("not-org")
                .keyBy(MetricsRowParser::key, Types.STRING)
                .connect(upstream.broadcast(OrgActivity.DESCRIPTOR, BackfillSettled.DESCRIPTOR))
                .process(new CloseWindowsFn(closing, settings.windowStateTtl()))
                .returns(FlinkTypes.of(MetricWindow.class))
                .name("Close windows").uid("close-windows");

        // channels: baselines, detectors, lifecycle
        DetectorSettings ds = settings.detectors();
        SingleOutputStreamOperator<Alert> anomalies = windows
                .filter(w -> MetricsUpdate.CHANNEL.equals(w.level())).name("Channel windows").uid("channel-windows")
                .keyBy(MetricWindow::key, Types.STRING)
                .connect(broadcastRules)
                .process(new DetectAnomaliesFn(ds))
                .returns(FlinkTypes.of(Alert.class))
                .name("Detect anomalies").uid("detect-anomalies");

        // creatives: fatigue as a CEP sequence over day windows, then its lifecycle
        // each key's windows come in order; across keys a backfill closes one creative's whole history at a time, so
        // the windows are put in order per creative (a gap waits for the watermark) and matched in processing time
        DataStream<MetricWindow> creativeDays = FatiguePatterns.inOrder(windows
                .filter(w -> MetricsUpdate.CREATIVE.equals(w.level()) && MetricWindow.DAY.equals(w.grain()))
                .name("Creative day windows").uid("creative-day-windows")
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<MetricWindow>forBoundedOutOfOrderness(settings.fatigueOutOfOrderness())
                        .withTimestampAssigner((w, ts) -> w.start().toEpochMilli())
                        .withIdleness(settings.idleness()))
                .name("Creative windows in event time").uid("creative-window-time"),
                        settings.fatigueOutOfOrderness(), settings.windowStateTtl())
                .name("Creative windows in order").uid("creative-windows-in-order");
        SingleOutputStreamOperator<FatigueMatch> matches = FatiguePatterns
                .matches(creativeDays.keyBy(MetricWindow::key, Types.STRING), ds.fatigueWindows(), ds.fatigueWarmup())
                .name("Creative fatigue (CEP)").uid("fatigue-cep");
        SingleOutputStreamOperator<Alert> fatigue = creativeDays
                .map(FatigueSignal::of).returns(FlinkTypes.of(FatigueSignal.class))
                .name("Creative windows as signals").uid("fatigue-window-signals")
                .union(matches.map(FatigueSignal::of).returns(FlinkTypes.of(FatigueSignal.class))
                        .name("Fatigue matches as signals").uid("fatigue-match-signals"))
                .keyBy(FatigueSignal::key, Types.STRING)
                .connect(broadcastRules)
                .process(new FatigueAlertFn(ds))
                .returns(FlinkTypes.of(Alert.class))
                .name("Fatigue alerts").uid("fatigue-alerts");

        DataStream<Alert> alerts = anomalies.union(fatigue);
        alerts.sinkTo(sinks.alertsTopic()).name("omnify.alerts").uid("sink-alerts-topic");
        alerts.sinkTo(sinks.alertsTable()).name("alerts table").uid("sink-alerts-table");
        rows.getSideOutput(DEAD_LETTERS).union(rules.getSideOutput(DEAD_LETTERS))
                .sinkTo(sinks.deadLetters()).name("Dead letters to Kafka").uid("sink-dead-letters");
    }
}
