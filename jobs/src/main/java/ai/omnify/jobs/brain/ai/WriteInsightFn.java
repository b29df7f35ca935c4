package ai.omnify.jobs.brain.ai;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Flink Async I/O around {@link InsightWriter}: the brain's versions are already published; this branch only adds
 * texts. Every request gets exactly one row — the model's validated text or the template — also when the operator's
 * own timeout fires.
 */
public final class WriteInsightFn extends RichAsyncFunction<InsightRequest, InsightRow> {
    private static final long serialVersionUID = 1L;

    private final LlmConfig config;
    private final int cacheSize;
    private transient InsightWriter writer;

    public WriteInsightFn(LlmConfig config, int cacheSize) {
        this.config = config;
        this.cacheSize = cacheSize;
    }

    @Override
    public void open(OpenContext ctx) {
        writer = new InsightWriter(config.createLlm(), config.maxConcurrent(), config.budgetPerHour(),
                config.timeout(), cacheSize, System::currentTimeMillis);
    }

    @Override
    public void asyncInvoke(InsightRequest in, ResultFuture<InsightRow> result) {
        writer.write(in).whenComplete((row, error) -> result.complete(List.of(row != null ? row
                : InsightRow.template(in, "the insight writer failed: " + error.getClass().getSimpleName()))));
    }

    @Override
    public void timeout(InsightRequest in, ResultFuture<InsightRow> result) {
        result.complete(List.of(InsightRow.template(in, "no answer within the operator's timeout")));
    }

    @Override
    public void close() throws Exception {
        if (writer != null) {
            writer.close();
        }
    }
}
