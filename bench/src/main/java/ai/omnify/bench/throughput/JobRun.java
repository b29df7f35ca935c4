package ai.omnify.bench.throughput;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.executiongraph.ArchivedExecutionGraph;
import org.apache.flink.runtime.executiongraph.IOMetrics;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a built job to its end on a MiniCluster of its own (one task manager, {@code parallelism} slots) and keeps
 * what the cluster measured per task: records in and out, and how the time split between busy, back-pressured and
 * idle — the task that is busy while the ones before it are back-pressured is the bottleneck.
 */
final class JobRun {

    /** One task (an operator chain), summed over its subtasks; times in ms. */
    record Task(String name, int parallelism, long recordsIn, long recordsOut, double busyMs, long backPressuredMs,
            long idleMs) {}

    /** Seconds from submission to the result, the cluster's net runtime, and the tasks. */
    record Result(double wallSeconds, double netSeconds, List<Task> tasks) {}

    private JobRun() {}

    static Result run(StreamExecutionEnvironment env, Configuration conf, int parallelism, String name, Duration timeout)
            throws Exception {
        MiniClusterConfiguration mcc = new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(parallelism).withRandomPorts().build();
        try (MiniCluster cluster = new MiniCluster(mcc)) {
            cluster.start();
            var graph = env.getStreamGraph();
            graph.setJobName(name);
            var jobGraph = graph.getJobGraph(Thread.currentThread().getContextClassLoader(), null);
            long t0 = System.nanoTime();
            JobID id = cluster.submitJob(jobGraph).get().getJobID();
            JobResult result;
            try {
                result = cluster.requestJobResult(id).get(timeout.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                cluster.cancelJob(id);
                throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s");
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            if (!result.isSuccess()) {
                Throwable cause = result.getSerializedThrowable()
                        .map(t -> t.deserializeError(Thread.currentThread().getContextClassLoader())).orElse(null);
                throw new IllegalStateException(name + " failed: " + result.getApplicationStatus(), cause);
            }
            ArchivedExecutionGraph g = cluster.getArchivedExecutionGraph(id).get();
            List<Task> tasks = new ArrayList<>();
            for (AccessExecutionJobVertex v : g.getVerticesTopologically()) {
                long in = 0;
                long out = 0;
                double busy = 0;
                long bp = 0;
                long idle = 0;
                for (AccessExecutionVertex sub : v.getTaskVertices()) {
                    IOMetrics m = sub.getCurrentExecutionAttempt().getIOMetrics();
                    if (m == null) {
                        continue;
                    }
                    in += m.getNumRecordsIn();
                    out += m.getNumRecordsOut();
                    busy += Double.isNaN(m.getAccumulateBusyTime()) ? 0 : m.getAccumulateBusyTime();
                    bp += m.getAccumulateBackPressuredTime();
                    idle += m.getAccumulateIdleTime();
                }
                tasks.add(new Task(v.getName(), v.getParallelism(), in, out, busy, bp, idle));
            }
            return new Result(wall, result.getNetRuntime() / 1000.0, tasks);
        }
    }
}
