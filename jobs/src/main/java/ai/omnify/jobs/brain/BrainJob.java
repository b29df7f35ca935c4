package ai.omnify.jobs.brain;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.jobs.runtime.FaultTolerance;
import ai.omnify.jobs.runtime.JobEnvironment;
import ai.omnify.model.DeadLetter;
import ai.omnify.jobs.brain.ai.LlmConfig;
import ai.omnify.jobs.brain.ai.EmbedCopyFn;
import ai.omnify.jobs.brain.ai.WriteInsightFn;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The metrics changelog, alerts and ads' copy in; per organization a versioned brain state out.
 *
 * <pre>
 * channel-metrics ─parse────────────┐
 * alerts ─────────parse─────────────┼─> keyBy org ─> FirstSightFn ──────────────┬─> keyBy org ─> BrainFn (debounced)
 * ad-entities ────parse─embed(async)┘     └ first sight ─> history (async, PG) ─┘
 * BrainFn ─> omnify.brain, brain_states; brain_forecasts, forecast_scores, actions;
 *            texts ─async model or template─> brain_insights
 * bad records ─> dead letters
 * </pre>
 */
public final class BrainJob {
    public static final String NAME = "omnify-brain";
    /** Concurrent history reloads per parallel instance (each one database connection), and how long one may take. */
    static final int HISTORY_LOADERS = 2;
    static final Duration HISTORY_TIMEOUT = Duration.ofMinutes(3);
    static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", FlinkTypes.of(DeadLetter.class));

    private BrainJob() {}

    public static void main(String[] args) throws Exception {
        JobEnvironment.run(NAME, args, BrainJob::usage, vars -> {
            BrainJobConfig config = BrainJobConfig.fromEnv(vars);
            String dir = config.checkpointDir() != null ? config.checkpointDir()
                    : java.nio.file.Paths.get(System.getProperty("user.dir"), ".omnify", "checkpoints-brain").toUri().toString();
            StreamExecutionEnvironment env = JobEnvironment.create(config.parallelism(), config.checkpointInterval(),
                    dir, config.webUiPort(),
                    FaultTolerance.fromEnv(vars, FaultTolerance.StateBackend.ROCKSDB));
            build(env,
                    new KafkaBrainSources(config.kafkaBootstrap(), config.topics().channelMetrics(),
                            config.topics().alerts(), config.topics().adEntities(), config.groupId()),
                    BrainSinks.create(config.database(), config.kafkaBootstrap(), config.topics(),
                            config.jdbcBatchInterval().toMillis()),
                    config.settings(), new JdbcBrainStore(config.database(), config.goalsRefresh()), config.debounce(),
                    LlmConfig.fromEnv(vars));
            return env;
        });
    }

    static String usage() {
        return """
                BrainJob: the metrics changelog, alerts and ads' copy from Kafka to a versioned brain state per organization
                (Memory, Oracle, Curiosity) in PostgreSQL (brain_states, brain_forecasts, forecast_scores, actions)
                and on omnify.brain.

                Run on a cluster:  flink run -c ai.omnify.jobs.brain.BrainJob jobs.jar [KEY=VALUE ...]
                Run locally:       java -cp "jobs/target/jobs.jar:jobs/target/flink-lib/*" ai.omnify.jobs.brain.BrainJob

                Configuration: environment variables, or KEY=VALUE arguments that override them:
                  KAFKA_BOOTSTRAP_SERVERS   default 127.0.0.1:9092
                  OMNIFY_TOPIC_SUFFIX       appended to every topic name (default none)
                  DATABASE_URL              default jdbc:postgresql://127.0.0.1:5432/omnify
                  DATABASE_USER/PASSWORD    default omnify_pipeline
                  BRAIN_PARALLELISM         default 1 (local runs)
                  BRAIN_DEBOUNCE            default 1s: how long changes gather before a new version
                  BRAIN_GOALS_REFRESH       default 60s: how often target ROAS and budgets are re-read
                  BRAIN_CHECKPOINT_INTERVAL default 10s; BRAIN_CHECKPOINT_DIR local default .omnify/checkpoints-brain
                  BRAIN_WEB_UI_PORT         default 8083 (local runs; MetricsJob has 8081, DetectionJob 8082)
                  BRAIN_GROUP_ID            default omnify-brain
                  AI texts: OPENAI_API_KEY + OPENAI_BASE_URL (any OpenAI-compatible server) or ANTHROPIC_API_KEY +
                  ANTHROPIC_BASE_URL; BRAIN_LLM_PROVIDER (openai|anthropic|none), BRAIN_LLM_MODEL, BRAIN_LLM_TIMEOUT
                  (8s), BRAIN_LLM_MAX_CONCURRENT (4), BRAIN_LLM_BUDGET_PER_HOUR (60 per organization). Without a key
                  every text is the deterministic template. BRAIN_EMBEDDING_MODEL (text-embedding-3-small): ad copy
                  embeddings for near-copy detection (OpenAI-compatible only; else local text similarity).
                """;
    }

    /** Wires the pipeline between the given sources and sinks. */
    public static void build(StreamExecutionEnvironment env, BrainSources sources, BrainSinks sinks,
            BrainSettings settings, BrainStore store, Duration debounce, LlmConfig llm) {
        FlinkTypes.register();
        DataStream<BrainInput> raw = sources.metrics(env).union(sources.alerts(env));
        DataStream<BrainInput> ads = sources.adEntities(env);
        if (ads != null) {
            // the ads' copy embedded off the state's path (or passed on as is: similarity is then local)
            raw = raw.union(AsyncDataStream.unorderedWait(ads, new EmbedCopyFn(llm, 10_000),
                            llm.timeout().toMillis() * 2 + 5000, TimeUnit.MILLISECONDS, llm.maxConcurrent() * 4)
                    .name("Embed ad copy").uid("embed-ad-copy"));
        }
        SingleOutputStreamOperator<BrainInput> inputs = raw
                .process(new SplitInputsFn())
                .returns(FlinkTypes.of(BrainInput.class))
                .name("Valid brain inputs").uid("valid-brain-inputs");
        // an organization seen for the first time (fresh start, lost checkpoint, new organization) gets its stored
        // history from PostgreSQL: the changelog's retention is limited, the metrics tables keep every day
        SingleOutputStreamOperator<BrainInput> live = inputs
                .keyBy(BrainInput::orgId, Types.STRING)
                .process(new FirstSightFn())
                .returns(FlinkTypes.of(BrainInput.class))
                .name("First sight of an organization").uid("first-sight");
        DataStream<BrainInput> history = AsyncDataStream.unorderedWait(
                        live.getSideOutput(FirstSightFn.HISTORY_REQUESTS),
                        new LoadHistoryFn(store, settings.historyDays(), HISTORY_LOADERS),
                        HISTORY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS, HISTORY_LOADERS * 2)
                .returns(FlinkTypes.of(BrainInput.class))
                .name("Reload stored history").uid("load-history");
        SingleOutputStreamOperator<BrainOutput> states = live.union(history)
                .keyBy(BrainInput::orgId, Types.STRING)
                .process(new BrainFn(settings, store, debounce))
                .returns(FlinkTypes.of(BrainOutput.class))
                .name("Brain per organization").uid("brain");
        states.sinkTo(sinks.brainTopic()).name("omnify.brain").uid("sink-brain-topic");
        states.sinkTo(sinks.states()).name("brain_states").uid("sink-brain-states");
        states.getSideOutput(BrainFn.FORECASTS).sinkTo(sinks.forecasts()).name("brain_forecasts").uid("sink-forecasts");
        states.getSideOutput(BrainFn.SCORES).sinkTo(sinks.scores()).name("forecast_scores").uid("sink-scores");
        states.getSideOutput(BrainFn.ACTIONS).sinkTo(sinks.actions()).name("actions").uid("sink-actions");
        // texts: off the state's path, so a slow or failing model never delays or breaks a version
        AsyncDataStream.unorderedWait(states.getSideOutput(BrainFn.INSIGHTS), new WriteInsightFn(llm, 1000),
                        llm.timeout().toMillis() * 2 + 5000, TimeUnit.MILLISECONDS, llm.maxConcurrent() * 4)
                .name("Write insights").uid("write-insights")
                .sinkTo(sinks.insights()).name("brain_insights").uid("sink-insights");
        DataStream<DeadLetter> dead = inputs.getSideOutput(DEAD_LETTERS);
        dead.sinkTo(sinks.deadLetters()).name("Dead letters to Kafka").uid("sink-brain-dead-letters");
    }

    /** Valid inputs on, dead letters to the side. */
    static final class SplitInputsFn extends ProcessFunction<BrainInput, BrainInput> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(BrainInput in, Context ctx, Collector<BrainInput> out) {
            if (in.isOk()) {
                out.collect(in);
            } else {
                ctx.output(DEAD_LETTERS, in.deadLetter());
            }
        }
    }
}
