package ai.omnify.jobs.brain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flink Async I/O: an organization's stored day rows and alerts from PostgreSQL ({@link BrainStore#history},
 * {@link BrainStore#alerts}) on a small pool of its own threads, as inputs followed by one
 * {@link BrainInput.HistoryLoaded} marker. The brain computes
 * nothing for the organization until the marker arrives, and the marker always arrives: on an error or the
 * operator's timeout it carries the problem and the brain goes on with what the changelog gave it.
 */
public final class LoadHistoryFn extends RichAsyncFunction<String, BrainInput> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LoadHistoryFn.class);

    /** Resolved alerts the brain keeps (see BrainFn's pruning). */
    static final int RESOLVED_ALERT_DAYS = 30;

    private final BrainStore store;
    private final int days;
    private final int threads;
    private transient ExecutorService pool;

    /**
     * @param days how many days before the latest to reload (the days the brain keeps)
     * @param threads concurrent loads (each one database connection)
     */
    public LoadHistoryFn(BrainStore store, int days, int threads) {
        this.store = store;
        this.days = days;
        this.threads = threads;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        store.open();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "brain-history-loader");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void asyncInvoke(String orgId, ResultFuture<BrainInput> result) {
        CompletableFuture.supplyAsync(() -> {
            List<BrainInput> in = new ArrayList<>();
            store.history(orgId, days).forEach(r -> in.add(BrainInput.of(r)));
            store.alerts(orgId, RESOLVED_ALERT_DAYS).forEach(a -> in.add(BrainInput.of(a)));
            return in;
        }, pool).whenComplete((rows, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                LOG.warn("history of organization {} not reloaded: {}", orgId, cause.getMessage());
                result.complete(List.of(BrainInput.loaded(orgId, 0, "the stored history could not be read: "
                        + cause.getMessage())));
                return;
            }
            List<BrainInput> out = new ArrayList<>(rows);
            out.add(BrainInput.loaded(orgId, rows.size(), null));
            result.complete(out);
        });
    }

    @Override
    public void timeout(String orgId, ResultFuture<BrainInput> result) {
        LOG.warn("history of organization {} not reloaded within the operator's timeout", orgId);
        result.complete(List.of(BrainInput.loaded(orgId, 0, "the stored history did not load in time")));
    }

    @Override
    public void close() throws Exception {
        if (pool != null) {
            pool.shutdownNow();
        }
        store.close();
    }
}
